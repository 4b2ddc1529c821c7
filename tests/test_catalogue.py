"""The broken-file catalogue: one small file per problem code, run through `cchc validate`.

Each file states what it must produce in `# expect: CODE LINE:COL` header lines, written by hand.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from cchc.problems import CATALOGUE, Severity

from .conftest import TESTS, invoke

BROKEN = sorted((TESTS / "broken").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: ([A-Z][0-9]{3}) ([0-9]+):([0-9]+)$", re.MULTILINE)


def expected(path: Path) -> set[tuple[str, int, int]]:
    return {(c.decode(), int(line), int(col)) for c, line, col in EXPECT.findall(path.read_bytes())}


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_file_reports_exactly_its_problems(path: Path) -> None:
    result = invoke(["validate", str(path), "--format", "json"])
    found = {(p["code"], p["line"], p["column"]) for p in json.loads(result.stdout)}
    assert found == expected(path)
    wants_error = any(CATALOGUE[c].severity is Severity.ERROR for c, _, _ in expected(path))
    assert result.exit_code == (1 if wants_error else 0)
    assert "Traceback" not in result.stdout + result.stderr


def test_every_code_has_a_broken_file() -> None:
    covered = {code for path in BROKEN for code, _, _ in expected(path)}
    # Y011 needs a size limit set from the environment: test_too_large_file covers it; R001 two
    # files of a roll-up: tests/test_rollup.py covers it; P011 is only looked for with
    # `validate --stale`: tests/test_stale.py covers it
    assert set(CATALOGUE) - covered == {"Y011", "R001", "P011"}


def test_file_names_start_with_their_code() -> None:
    for path in BROKEN:
        assert path.stem[:4] in {code for code, _, _ in expected(path)}, path.name


def test_warnings_fail_only_with_strict() -> None:
    path = TESTS / "broken" / "T002-surrounding-space.yaml"
    assert invoke(["validate", str(path)]).exit_code == 0
    assert invoke(["validate", str(path), "--strict"]).exit_code == 1


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("version: 1\n" + "# padding\n" * 200, encoding="utf-8")
    result = invoke(["validate", str(big), "--format", "parsable"], env={"CCHC_MAX_BYTES": "100"})
    assert result.exit_code == 1
    assert re.match(r"^.*big\.yaml:1:1: error Y011 ", result.stdout)


def test_text_format_quotes_the_line_and_points_at_it() -> None:
    path = TESTS / "broken" / "D001-deadline-unparsed.yaml"
    result = invoke(["validate", str(path), "--color", "never"])
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "D001-deadline-unparsed.yaml:21:19: error D001 không hiểu thời hạn 'Quý V/2023' "
        "(quý phải từ I đến IV); viết theo một trong các dạng: Quý IV/2023, Tháng 6/2026, "
        "30/11/2025, Năm 2026, Quý IV/2025 - Quý II/2026, Hằng năm, Thường xuyên, "
        "Thực hiện theo lộ trình …"
    )
    assert lines[1] == "21 |         deadline: Quý V/2023"
    assert lines[2] == "   |                   ^^^^^^^^^^"
    assert lines[-1].endswith(": 1 lỗi, 0 cảnh báo.")


def test_english_messages_say_what_would_be_right() -> None:
    path = TESTS / "broken" / "A001-unknown-agency.yaml"
    result = invoke(["validate", str(path), "--format", "parsable", "--lang", "en"])
    assert result.stdout.endswith(
        ":20:13: error A001 agency 'Sở Nội vu' is not in the agencies registry; "
        "did you mean 'Sở Nội vụ'?\n"
    )


def test_unknown_key_suggests_the_right_one() -> None:
    path = TESTS / "broken" / "S003-unknown-key.yaml"
    result = invoke(["validate", str(path), "--format", "parsable", "--lang", "en"])
    assert "unknown key 'dealine' in task I.1; did you mean 'deadline'?" in result.stdout


def test_github_annotations() -> None:
    path = TESTS / "broken" / "D002-deadline-outside-period.yaml"
    result = invoke(["validate", str(path)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    shown = os.path.relpath(path)  # paths inside the working folder are shown relative to it
    assert result.stdout.startswith(
        f"::error file={shown},line=21,col=19,endLine=21,endColumn=30,"
        "title=D002 deadline-outside-period::"
    )
    assert "Quý IV/2027" in result.stdout


def test_json_problem_fields() -> None:
    path = TESTS / "broken" / "Y002-duplicate-key.yaml"
    [row] = json.loads(invoke(["validate", str(path), "--format", "json", "--lang", "en"]).stdout)
    assert row == {
        "file": os.path.relpath(path),
        "line": 22,
        "column": 9,
        "end_line": 22,
        "end_column": 17,
        "severity": "error",
        "code": "Y002",
        "name": "duplicate-key",
        "message": "key 'deadline' repeated (first at line 21); write each key once",
    }


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    """Several independent mistakes are all reported, sorted by position."""
    text = (TESTS / "broken" / "A001-unknown-agency.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Đề án thử", "title: Đề án thử\n        dealine: x")
    text = text.replace("to: Quý IV/2025", "to: Quý IV/2025\n  issued: 31/02/2022")
    text = text.replace("deadline: Quý IV/2023", "deadline: Quý IV/2029")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    rows = json.loads(invoke(["validate", str(path), "--format", "json"]).stdout)
    codes = [(r["code"], r["line"]) for r in rows]
    assert codes == [("S003", 20), ("A001", 22), ("D002", 23)]
