"""The 402 documents of the official YAML test suite, each fed as the plan file to every command.

None of them is a plan, so every command must end with located problems in the data (exit 1):
never a traceback, never a position outside the file, within a second or two. The loader runs
with libyaml and with PyYAML's pure-Python parser (they disagree on some of these documents);
through the whole command line with both for `validate` and `due`, as the issue asks.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from .conftest import SHARED
from .hostile.harness import loader_complaints, plan_commands, run_all

SUITE = SHARED / "corpora" / "yaml-test-suite"
ABSENT = f"{SUITE} is absent: ../shared is only beside a development checkout"
CASES = sorted((SUITE / "cases").glob("*.yaml")) if SUITE.is_dir() else []
PARAMS = [pytest.param(path, id=path.stem) for path in CASES] or [
    pytest.param(None, id="suite-absent", marks=pytest.mark.skip(reason=ABSENT))
]
LOADERS = [pytest.param(True, id="libyaml"), pytest.param(False, id="python")]
if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML built without libyaml
    LOADERS = [pytest.param(False, id="python")]
# the commands the issue names; run with the pure-Python loader too
BOTH_LOADERS = ("validate", "due")


def index() -> list[dict[str, str]]:
    with (SUITE / "index.tsv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def test_the_corpus_is_complete() -> None:
    if not SUITE.is_dir():
        pytest.skip(ABSENT)
    rows = index()
    assert len(rows) == 402
    assert {row["id"] for row in rows} == {path.stem for path in CASES}
    assert {row["is_error"] for row in rows} == {"true", "false"}


@pytest.mark.parametrize("path", PARAMS)
def test_every_command_reports_located_problems(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = run_all(path, exit_codes=(1,))
    if yaml.__with_libyaml__:
        monkeypatch.setattr("cchc.yamlnodes._FastLoader", None)
        chosen = [c for c in plan_commands() if c.name in BOTH_LOADERS]
        for command, complaints in run_all(path, exit_codes=(1,), commands=chosen).items():
            found[f"{command} (pure-Python loader)"] = complaints
    assert not found, found


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_the_loader_on_every_document(use_libyaml: bool) -> None:
    if not CASES:
        pytest.skip(ABSENT)
    found = {}
    for path in CASES:
        complaints = loader_complaints(path.read_bytes(), use_libyaml)
        if complaints:
            found[path.stem] = complaints
    assert not found, found


def test_the_two_loaders_really_differ() -> None:
    """Both loaders are exercised: on a tab inside a flow list libyaml accepts what the
    pure-Python parser refuses (written by hand, as the suite's documents 4EJS and DK95 do)."""
    from cchc.yamlnodes import parse

    if not yaml.__with_libyaml__:  # pragma: no cover
        pytest.skip("PyYAML is built without libyaml here")
    data = b"a: [b,\n\tc]\n"
    fast = parse(data, "t.yaml", use_libyaml=True)
    slow = parse(data, "t.yaml", use_libyaml=False)
    assert (fast.loader, slow.loader) == ("libyaml", "python")
    assert fast.problems == []
    assert [(p.code, p.span.line, p.span.column) for p in slow.problems] == [("Y001", 2, 1)]
