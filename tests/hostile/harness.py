"""Run every command of cchc that reads a plan file on a given file, and judge the outcome.

The commands are discovered from the app at test time, so a command added later is covered by
every corpus without touching the tests. A command is given its required arguments from
REQUIRED_VALUES; one needing an argument this harness does not know is skipped with the reason.
"""

from __future__ import annotations

import functools
import re
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import typer
import typer.main
from typer.testing import CliRunner, Result

from cchc.cli import build_app, narrow
from cchc.load import load_bytes
from cchc.problems import Problem
from cchc.yamlnodes import LINE_BREAK

# Values for the required parameters of commands, by parameter name.
REQUIRED_VALUES: dict[str, list[str]] = {"task_id": ["I.1"]}
# Options given whenever a command has them: runs must not depend on today's date.
FIXED_OPTIONS: dict[str, list[str]] = {"quarter": ["--quarter", "IV/2023"]}
# export's --quarter belongs to its xlsx form; with the default ics it is a usage error
WITHOUT_FIXED = {"export"}
# A file of normal size is handled within a second or two (issue 6); generous for a busy CI.
SECONDS = 2.0

LOCATION = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|warning) [A-Z]\d{3} ", re.MULTILINE
)


@dataclass(frozen=True)
class PlanCommand:
    name: str
    args: tuple[str, ...]  # the command line without --file
    skip: str | None  # why it cannot be run by this harness, or None
    options: frozenset[str] = frozenset()  # every option it takes ("--output", "-o", …)

    def __str__(self) -> str:
        return " ".join(self.args)


@functools.cache
def all_commands(lang: str = "vi") -> tuple[PlanCommand, ...]:
    """Every command of the app, with the arguments to run it on a plan file."""
    group = typer.main.get_command(build_app(lang))
    found = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        params = {p.name: p for p in command.params}
        options = frozenset(o for p in command.params for o in p.opts if o.startswith("-"))
        if "file" not in params:
            found.append(
                PlanCommand(name, (name,), "reads no plan file (it has no --file)", options)
            )
            continue
        args = [name]
        missing = []
        for param in command.params:
            if param.required:
                if param.name in REQUIRED_VALUES:
                    args += REQUIRED_VALUES[param.name]
                else:
                    missing.append(str(param.name))
        if missing:
            reason = f"needs {', '.join(missing)}, a value this harness does not know"
            found.append(PlanCommand(name, (name,), reason, options))
            continue
        for option, values in FIXED_OPTIONS.items():
            if option in params and name not in WITHOUT_FIXED:
                args += values
        found.append(PlanCommand(name, tuple(args), None, options))
    return tuple(found)


def plan_commands(lang: str = "vi") -> list[PlanCommand]:
    return [c for c in all_commands(lang) if c.skip is None]


def skipped_commands(lang: str = "vi") -> list[PlanCommand]:
    return [c for c in all_commands(lang) if c.skip is not None]


@functools.cache
def _app(name: str, lang: str) -> typer.Typer:
    """An app holding only the one command: Typer rebuilds every command on each invocation,
    which would make the corpora several times slower."""
    app = build_app(lang)
    narrow(app, name)  # as the CLI itself does
    return app


def invoke(
    command: PlanCommand,
    file: Path | str,
    extra: Sequence[str] = (),
    lang: str = "vi",
    env: dict[str, str] | None = None,
) -> tuple[Result, float]:
    """Run a command on file in-process; (result, seconds)."""
    args = [*command.args, "--file", str(file), *extra]
    start = time.perf_counter()
    result = CliRunner().invoke(_app(command.name, lang), args, prog_name="cchc", env=env or {})
    return result, time.perf_counter() - start


# --- judging -------------------------------------------------------------------------------
def file_lines(data: bytes) -> list[str]:
    """The lines of a file as the loader counts them (a BOM is not part of line 1); bytes that
    are not UTF-8 count as one character each, as in the loader's positions."""
    text = data.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return LINE_BREAK.split(text)


def inside(lines: list[str], line: int, column: int) -> bool:
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def span_complaints(problems: Iterable[Problem], lines: list[str]) -> list[str]:
    """Every reported position (start and end) must lie inside the file."""
    out = []
    for p in problems:
        s = p.span
        if not inside(lines, s.line, s.column):
            out.append(f"{p.code} at {s.line}:{s.column} outside the file ({len(lines)} lines)")
        if not inside(lines, s.end_line, s.end_column) or (s.end_line, s.end_column) < (
            s.line,
            s.column,
        ):
            out.append(f"{p.code} ends at {s.end_line}:{s.end_column}, outside the file")
    return out


def loader_complaints(data: bytes, use_libyaml: bool) -> list[str]:
    """Load in-process: no exception, positions inside the file, on time."""
    start = time.perf_counter()
    try:
        loaded = load_bytes(data, "plan.yaml", use_libyaml=use_libyaml)
    except Exception:
        return [f"load_bytes raised:\n{traceback.format_exc()}"]
    seconds = time.perf_counter() - start
    out = span_complaints(loaded.problems, file_lines(data))
    if seconds > SECONDS:
        out.append(f"load took {seconds:.2f} s")
    if loaded.plan is None and not loaded.problems:
        out.append("no plan and no problem")
    return out


def result_complaints(
    result: Result,
    seconds: float,
    file: Path,
    data: bytes,
    exit_codes: Iterable[int] = (0, 1, 2),
) -> list[str]:
    """What is wrong with one command's outcome on a file; [] when it is fine."""
    out = []
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        out.append(f"raised {type(error).__name__}: {error}\n{trace}")
    stdout, stderr = result.stdout, result.stderr
    if "Traceback (most recent call last)" in stdout + stderr:
        out.append("printed a traceback")
    if result.exit_code not in tuple(exit_codes):
        out.append(f"exit code {result.exit_code}, expected one of {tuple(exit_codes)}")
    if seconds > SECONDS:
        out.append(f"took {seconds:.2f} s")
    lines = file_lines(data)
    located = [m for m in LOCATION.finditer(stdout + stderr) if m["path"].endswith(file.name)]
    if result.exit_code == 1 and not located:
        out.append("exit 1 without a located problem (path:line:column)")
    for m in located:
        if not inside(lines, int(m["line"]), int(m["column"])):
            out.append(f"position {m['line']}:{m['column']} outside the file ({len(lines)} lines)")
    if result.exit_code == 2 and not stderr.startswith("cchc: "):
        out.append(f"exit 2 without a 'cchc: ' message on stderr: {stderr[:200]!r}")
    return out


def run_all(
    file: Path,
    *,
    exit_codes: Iterable[int] = (0, 1, 2),
    commands: Iterable[PlanCommand] | None = None,
    lang: str = "vi",
) -> dict[str, list[str]]:
    """Run the commands on file; complaints by command line (only those with complaints)."""
    data = file.read_bytes() if file.is_file() else b""
    codes = tuple(exit_codes)
    found = {}
    for command in plan_commands(lang) if commands is None else commands:
        result, seconds = invoke(command, file, lang=lang)
        complaints = result_complaints(result, seconds, file, data, codes)
        if complaints:
            found[str(command)] = complaints
    return found
