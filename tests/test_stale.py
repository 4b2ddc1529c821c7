"""Staleness (issue 12, after hledger's `check recentassertions`): an open occurrence whose last
progress entry is older than the previous quarter, or that has none once its quarter started.
The rule in schedule, its mark in `due`, its count in `report`, its warning in `validate`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.cli import build_app
from cchc.load import load
from cchc.model import Plan, ProgressEntry, Status, Task
from cchc.quarter import Quarter
from cchc.schedule import Reference, classify_task

from .conftest import DATA, TESTS

PROGRESS = TESTS / "data" / "progress_due.yaml"
IV_2023 = Reference.of_quarter(Quarter.parse("IV/2023"))


def plan_of(path: Path) -> Plan:
    loaded = load(path, date(2026, 11, 29))
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


SHIPPED = plan_of(DATA)


def task(task_id: str, *entries: ProgressEntry) -> Task:
    found = SHIPPED.task(task_id)
    assert found is not None
    return found._replace(progress=entries)


def stale(t: Task, reference: Reference = IV_2023, started: bool = True) -> list[bool]:
    return [item.stale for item in classify_task(t, reference, 1, started)]


def entry(day: date | None, status: Status = Status.IN_PROGRESS) -> ProgressEntry:
    return ProgressEntry(status, None, day)


# --- the rule ----------------------------------------------------------------------------------
def test_no_report_is_stale_once_the_quarter_has_started() -> None:
    assert stale(task("I.2")) == [True]  # Quý II/2023, overdue at IV/2023
    assert stale(task("II.1")) == [True]  # Quý IV/2023: its quarter is the reference quarter
    assert stale(task("II.1"), Reference.of_quarter(Quarter.parse("III/2023"))) == [False]


def test_a_report_since_the_previous_quarter_began_is_fresh() -> None:
    assert stale(task("I.2", entry(date(2023, 7, 1)))) == [False]  # first day of III/2023
    assert stale(task("I.2", entry(date(2023, 6, 30)))) == [True]
    assert stale(task("I.2", entry(date(2023, 12, 20)))) == [False]


def test_entries_after_the_reference_day_do_not_count() -> None:
    # a report for IV/2023 written in 2024 does not refresh the state as it was then
    assert stale(task("I.2", entry(date(2023, 1, 5)), entry(date(2024, 2, 1)))) == [True]


def test_done_is_never_stale_and_an_undated_entry_cannot_be_judged() -> None:
    assert stale(task("I.2", entry(date(2022, 1, 5), Status.DONE))) == [False]
    assert stale(task("I.2", entry(None))) == [False]


def test_a_task_with_no_fixed_date_is_stale_once_the_plan_has_started() -> None:
    assert stale(task("III.1")) == [True]
    assert stale(task("III.1"), started=False) == [False]
    assert stale(task("III.1", entry(date(2023, 10, 2)))) == [False]


def test_each_occurrence_of_an_annual_task_has_its_own_state() -> None:
    annual = next(t for t in SHIPPED.tasks if t.deadline.kind.value == "annual")
    years = [o.quarter.year for o in annual.occurrences]
    assert years == [2022, 2023, 2024, 2025]
    # the 2022 and 2023 occurrences have come (IV/2022, IV/2023); 2024 and 2025 have not
    assert stale(annual) == [True, True, False, False]
    report = ProgressEntry(Status.IN_PROGRESS, Quarter.parse("IV/2023"), date(2023, 10, 5))
    assert stale(annual._replace(progress=(report,))) == [True, False, False, False]


@given(
    st.dates(date(2022, 1, 1), date(2025, 12, 31)),
    st.dates(date(2022, 1, 1), date(2025, 12, 31)),
)
def test_stale_exactly_when_the_last_report_is_older_than_the_previous_quarter(
    reported: date, as_of: date
) -> None:
    reference = Reference.of_date(as_of)
    [flag] = stale(task("VII.9", entry(reported)), reference)
    if reported > as_of:  # not known yet at the reference day: as if nothing was reported
        assert flag == (Quarter.parse("IV/2023") <= reference.quarter)
    else:
        assert flag == (reported < (reference.quarter - 1).first_day)


# --- the commands --------------------------------------------------------------------------------
def cchc(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app("vi"), list(args))
    return result.exit_code, result.stdout, result.stderr


def due_json(path: Path, quarter: str = "IV/2023") -> dict[str, Any]:
    code, out, err = cchc("due", "-f", str(path), "-q", quarter, "--format", "json", "--all")
    assert code == 0, err
    value: dict[str, Any] = json.loads(out)
    return value


OPEN = ("overdue", "due", "upcoming", "no_fixed_deadline")


def test_due_marks_stale_occurrences_in_every_format() -> None:
    value = due_json(PROGRESS)
    flagged = [i["id"] for b in OPEN for i in value[b] if i["stale"]]
    assert flagged and not any(i["stale"] for i in value["done"])
    code, markdown, _err = cchc("due", "-f", str(PROGRESS), "-q", "IV/2023", "--format", "markdown")
    assert code == 0
    assert (
        f"(\\*) Chưa cập nhật tiến độ từ 01/07/2023 (đầu Quý III/2023): {len(flagged)} kỳ hạn"
        in (markdown)
    )
    marked = [
        line.split("|")[1].strip().removesuffix("\\*")
        for line in markdown.splitlines()
        if line.startswith("| ") and "\\* |" in line.split("|", 2)[1] + "|"
    ]
    assert sorted(marked) == sorted(flagged)
    code, csv_text, _err = cchc("due", "-f", str(PROGRESS), "-q", "IV/2023", "--format", "csv")
    header = csv_text.splitlines()[0].split(",")
    assert "stale" in header


def test_report_counts_stale_occurrences_per_lead_agency() -> None:
    value = due_json(DATA)
    expected: dict[str, int] = {}
    for bucket in OPEN:
        for item in value[bucket]:
            for lead in dict.fromkeys(item["lead"]):
                expected[lead] = expected.get(lead, 0) + item["stale"]
    code, out, err = cchc("report", "-f", str(DATA), "-q", "IV/2023", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    got = {row["agency"]: row["stale"] for row in report["by_agency"]}
    assert got == {name: expected.get(name, 0) for name in got}
    assert report["summary"]["stale"] == sum(i["stale"] for b in OPEN for i in value[b])
    code, markdown, _err = cchc(
        "report", "-f", str(DATA), "-q", "IV/2023", "--format", "markdown", "--compare-to", "none"
    )
    assert "| Chưa cập nhật |" in markdown
    tasks = report["summary"]["stale_tasks"]
    assert f"từ 01/07/2023 (đầu Quý III/2023), thuộc {tasks} nhiệm vụ" in markdown


def test_validate_stale_warns_located_and_fails_only_with_strict(tmp_path: Path) -> None:
    code, out, _err = cchc(
        "validate", str(DATA), "--stale", "--as-of", "15/11/2023", "--format", "json"
    )
    assert code == 0
    found = [p for p in json.loads(out) if p["code"] == "P011"]
    value = due_json(DATA, "IV/2023")
    # as of 15/11/2023 the same occurrences as at the quarter's end: nothing is reported
    assert len(found) == sum(i["stale"] for b in OPEN for i in value[b])
    first = found[0]
    assert (first["line"], first["column"], first["severity"]) == (141, 19, "warning")
    code, _out, _err = cchc("validate", str(DATA), "--stale", "--as-of", "15/11/2023", "--strict")
    assert code == 1
    code, _out, err = cchc("validate", str(DATA), "--as-of", "15/11/2023")
    assert code == 2 and "--stale" in err
    # a report recorded this quarter clears its warning
    plan = tmp_path / "tasks.yaml"
    plan.write_bytes(DATA.read_bytes())
    code, _out, err = cchc(
        "record", "I.2", "--status", "đang thực hiện", "--date", "10/11/2023", "-f", str(plan)
    )
    assert code == 0, err
    code, out, _err = cchc(
        "validate", str(plan), "--stale", "--as-of", "15/11/2023", "--format", "json"
    )
    after = [p for p in json.loads(out) if p["code"] == "P011"]
    assert len(after) == len(found) - 1
    assert not any(p["message"].startswith("I.2 (") for p in after)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_warning_says_how_to_fix_it(lang: str) -> None:
    result = CliRunner().invoke(
        build_app(lang),
        ["validate", str(DATA), "--stale", "--as-of", "15/11/2023", "--lang", lang],
    )
    line = next(x for x in result.stdout.splitlines() if "P011 I.2 " in x)
    if lang == "vi":
        assert "chưa cập nhật tiến độ từ 01/07/2023 (báo cáo gần nhất: chưa có)" in line
        assert line.endswith("cchc record I.2 --status 'đang thực hiện'")
    else:
        assert "has no progress reported since 01/07/2023 (last report: none)" in line
        assert line.endswith("cchc record I.2 --status in_progress")
