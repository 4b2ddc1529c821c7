"""Shared fixtures: the CLI runner, paths to the shipped plan and to ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
SHARED = ROOT.parent / "shared"
TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests must not depend on the developer's shell: no language, data path or CI settings."""
    for name in (
        "CCHC_LANG",
        "CCHC_DATA",
        "CCHC_MAX_BYTES",
        "GITHUB_ACTIONS",
        "NO_COLOR",
        "CCHC_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(args: list[str], lang: str = "vi", env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run a cchc command in-process; stdout and stderr stay separate."""
    from cchc.cli import build_app

    result = CliRunner().invoke(build_app(lang), args, prog_name="cchc", env=env or {})
    return result


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside a development checkout")
    return path


os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
