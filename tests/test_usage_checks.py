"""--lang, --format and --role are checked before anything is read, by every command that has
them (cliutil.check_usage): a usage error exits 2 with the choices, even when the plan file is
missing, and in the language asked for."""

import pytest

from .conftest import invoke

MISSING = "no/such/plan.yaml"

# (command and its own arguments, the formats it offers, whether it has --role)
COMMANDS = [
    (["due"], "table, markdown, json, csv, html", True),
    (["report"], "markdown, table, json, docx, html", True),
    (["agencies"], "table, markdown, json, csv", False),
    (["list"], "table, markdown, json, csv", False),
    (["show", "I.1"], "text, json", False),
    (["export"], "ics, xlsx", True),
    (["changes", "--from", MISSING, "--to", MISSING], "table, markdown, json", False),
]


@pytest.mark.parametrize(("command", "choices", "has_role"), COMMANDS)
def test_a_bad_format_is_refused_before_the_plan_is_read(
    command: list[str], choices: str, has_role: bool
) -> None:
    result = invoke([*command, "-f", MISSING, "--format", "pdf"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"định dạng 'pdf' không hỗ trợ; chọn một trong: {choices}" in result.stderr
    assert MISSING not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("command", "choices", "has_role"), COMMANDS)
def test_a_bad_format_in_english(command: list[str], choices: str, has_role: bool) -> None:
    result = invoke([*command, "-f", MISSING, "--format", "pdf", "--lang", "en"], lang="en")
    assert result.exit_code == 2
    assert f"format 'pdf' is not supported; choose one of: {choices}" in result.stderr


@pytest.mark.parametrize(("command", "choices", "has_role"), [c for c in COMMANDS if c[2]])
def test_a_bad_role_is_refused_before_the_plan_is_read(
    command: list[str], choices: str, has_role: bool
) -> None:
    result = invoke([*command, "-f", MISSING, "--role", "owner", "--lang", "en"], lang="en")
    assert result.exit_code == 2
    assert "role 'owner' is not valid; choose lead, partner or any" in result.stderr
    assert MISSING not in result.stderr


@pytest.mark.parametrize(("command", "choices", "has_role"), COMMANDS)
def test_a_bad_language_is_refused_in_vietnamese(
    command: list[str], choices: str, has_role: bool
) -> None:
    result = invoke([*command, "-f", MISSING, "--lang", "fr"])
    assert result.exit_code == 2
    assert "ngôn ngữ 'fr' không hỗ trợ; dùng vi hoặc en" in result.stderr
