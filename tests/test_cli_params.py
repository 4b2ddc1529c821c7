"""The one table of help texts (cchc.commands.COMMANDS and PARAMS): every entry is in use, in
both languages, and every command carries the name `cli.narrow` looks for."""

import pytest
from typer.main import get_command

from cchc.cli import build_app, narrow
from cchc.cliutil import bilingual
from cchc.commands import COMMANDS, PARAMS


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_declared_help_text_is_shown_by_some_command(lang: str) -> None:
    group = get_command(build_app(lang))
    commands = group.commands.values()  # type: ignore[attr-defined]
    assert {c.help for c in commands} == {bilingual(lang, *t) for t in COMMANDS.values()}
    shown = {(p.help, p.metavar) for c in [group, *commands] for p in c.params}
    for key, (usage, vi, en) in PARAMS.items():
        last = usage if not usage.startswith("-") else usage.split()[-1]
        metavar = None if last.startswith("-") else last
        assert (bilingual(lang, vi, en), metavar) in shown, key


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_narrow_keeps_the_named_command_alone(name: str) -> None:
    app = build_app("en")
    narrow(app, name)
    assert [info.name for info in app.registered_commands] == [name]
