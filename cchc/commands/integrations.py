"""Commands of the integrations family (placeholder until its issue is built)."""

import typer


def register(app: typer.Typer, lang: str) -> None:
    """Add this family's commands to the app."""
