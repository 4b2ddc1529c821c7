"""Whole-command tests of `cchc due` on exact-date deadlines (issue 13).

An exact date ("Trước ngày 15/12/2025", "Tháng 11/2025" = 30/11/2025) is overdue from the day
after it, even while its quarter is still the reference quarter; a quarter deadline keeps its
end-of-quarter rule. `--quarter Q` is as of Q's last day. The plan, tests/data/exact_dates.yaml:
  I.1 Trước ngày 15/12/2025         I.2 Tháng 11/2025 (30/11)      I.3 Quý IV/2025
  I.4 … trước 17 giờ ngày 10/12/2025 …                              I.5 Hàng quý (I–IV/2025)
  I.6 Trước 30/6 (30/06/2025)       I.7 Tháng 6/2025 (30/06)       I.8 as I.1, done 16/12/2025
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import TESTS, invoke

PLAN = TESTS / "data" / "exact_dates.yaml"


def due(*args: str) -> dict[str, Any]:
    result = invoke(["due", "--format", "json", "-f", str(PLAN), *args])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def buckets(*args: str) -> dict[str, list[tuple[str, str]]]:
    data = due(*args)
    return {
        name: [(e["id"], e["quarter"]) for e in data[name]]
        for name in ("overdue", "due", "upcoming")
    }


def test_the_plan_is_valid() -> None:
    result = invoke(["validate", str(PLAN)])
    assert result.exit_code == 0, result.stdout
    assert "8 nhiệm vụ" in result.stdout


def test_on_the_day_an_exact_date_is_due() -> None:
    found = buckets("--as-of", "15/12/2025")
    assert found["due"] == [
        ("I.1", "IV/2025"),
        ("I.3", "IV/2025"),
        ("I.5", "IV/2025"),
        ("I.8", "IV/2025"),  # completed on 16/12: after the reference day, so not yet
    ]
    # 30/11 and 10/12 have passed although Q IV is the reference quarter
    assert ("I.2", "IV/2025") in found["overdue"]
    assert ("I.4", "IV/2025") in found["overdue"]


def test_the_day_after_it_is_overdue_while_its_quarter_is_the_reference_quarter() -> None:
    data = due("--as-of", "16/12/2025", "--all")
    overdue = {e["id"]: e for e in data["overdue"] if e["quarter"] == "IV/2025"}
    assert sorted(overdue) == ["I.1", "I.2", "I.4"]
    assert overdue["I.1"]["due_date"] == "2025-12-15"
    assert overdue["I.1"]["quarters_late"] == 0
    assert overdue["I.4"]["due_date"] == "2025-12-10"
    # the quarter deadline keeps its end-of-quarter rule
    assert [(e["id"], e["quarter"]) for e in data["due"]] == [
        ("I.3", "IV/2025"),
        ("I.5", "IV/2025"),
    ]
    (late,) = data["done"]  # completed on 16/12 for 15/12: a day late
    assert late["id"] == "I.8" and late["status"] == "done_late"


def test_a_month_deadline_is_due_to_its_last_day() -> None:
    assert ("I.2", "IV/2025") in buckets("--as-of", "30/11/2025")["due"]
    assert ("I.2", "IV/2025") in buckets("--as-of", "01/12/2025")["overdue"]


@pytest.mark.parametrize(("day", "bucket"), [("30/06/2025", "due"), ("01/07/2025", "overdue")])
def test_a_date_without_its_year_and_a_month_at_a_quarter_end(day: str, bucket: str) -> None:
    found = buckets("--as-of", day)
    assert ("I.6", "II/2025") in found[bucket]
    assert ("I.7", "II/2025") in found[bucket]


def test_a_quarter_reference_is_as_of_its_last_day() -> None:
    found = buckets("--quarter", "IV/2025")
    assert found["due"] == [("I.3", "IV/2025"), ("I.5", "IV/2025")]
    assert [i for i, q in found["overdue"] if q == "IV/2025"] == ["I.1", "I.2", "I.4"]


def test_before_the_quarter_an_exact_date_is_upcoming() -> None:
    found = buckets("--as-of", "30/09/2025")
    assert ("I.1", "IV/2025") in found["upcoming"]
    assert ("I.2", "IV/2025") in found["upcoming"]


def test_fail_on_overdue_counts_an_exact_date_passed_this_quarter(tmp_path: Any) -> None:
    # The plan cut after I.1: nothing but "Trước ngày 15/12/2025".
    text = PLAN.read_text(encoding="utf-8")
    one = tmp_path / "one.yaml"
    one.write_text(text[: text.index("      - id: I.2")], encoding="utf-8")
    args = ["due", "-f", str(one), "--fail-on-overdue"]
    assert invoke([*args, "--as-of", "15/12/2025"]).exit_code == 0
    assert invoke([*args, "--as-of", "16/12/2025"]).exit_code == 1
    assert invoke([*args, "--quarter", "IV/2025"]).exit_code == 1
    assert invoke([*args, "--quarter", "III/2025"]).exit_code == 0


def test_the_table_lists_it_as_overdue_in_vietnamese_and_english() -> None:
    vi = invoke(["due", "-f", str(PLAN), "--as-of", "16/12/2025", "--format", "markdown"])
    assert vi.exit_code == 0, vi.stderr
    overdue, _, rest = vi.stdout.partition("Đến hạn trong Quý IV/2025")
    assert "Trước ngày 15/12/2025" in overdue
    assert "Quý IV/2025" in rest and "I.3" in rest and "I.1 " not in rest
    en = invoke(
        ["due", "-f", str(PLAN), "--as-of", "16/12/2025", "--format", "markdown", "--lang", "en"]
    )
    assert en.exit_code == 0, en.stderr
    assert "Overdue" in en.stdout and "Trước ngày 15/12/2025" in en.stdout


def test_a_deadline_not_understood_names_the_closest_forms(tmp_path: Any) -> None:
    text = PLAN.read_text(encoding="utf-8").replace(
        "deadline: Quý IV/2025", "deadline: Trước Quý IV/2025"
    )
    broken = tmp_path / "plan.yaml"
    broken.write_text(text, encoding="utf-8")
    result = invoke(["validate", str(broken), "--format", "parsable", "--lang", "en"])
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "D001" in x)
    assert line.startswith(f"{broken}:33:19: error D001 cannot read deadline 'Trước Quý IV/2025'")
    assert "closest understood: 'Quý IV/2025', 'Quý III/2025'" in line
    vi = invoke(["validate", str(broken), "--format", "parsable"])
    assert "gần nhất: 'Quý IV/2025', 'Quý III/2025'" in vi.stdout


def test_calendar_events_fall_on_the_exact_dates_and_each_quarter() -> None:
    result = invoke(["export", "-f", str(PLAN), "--format", "ics"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    events = dict(
        zip(
            [x.split(":", 1)[1].split("@")[0] for x in lines if x.startswith("UID:")],
            [x.rsplit(":", 1)[1] for x in lines if x.startswith("DTSTART")],
            strict=True,
        )
    )
    assert events["I.1-1"] == "20251215"
    assert events["I.4-1"] == "20251210"
    assert events["I.6-2025"] == "20250630"
    # "Hàng quý": one event a quarter, keyed by the quarter so a longer period renames none
    assert [events[f"I.5-2025Q{n}"] for n in range(1, 5)] == [
        "20250331",
        "20250630",
        "20250930",
        "20251231",
    ]
