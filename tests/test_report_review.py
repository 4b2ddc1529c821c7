"""Review of `cchc report` against the schedule's rules: cases where the report disagrees with
its own definitions or with `cchc report --agency`. Each expectation is worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import DATA, invoke

HEAD = """\
version: 1
plan:
  title: Kế hoạch thử tỷ lệ
  source: Phụ lục thử
  province: Hà Tĩnh
  period:
    from: Quý I/2023
    to: Quý IV/2024
agencies:
  - name: Sở Nội vụ
sections:
  - id: I
    title: Nhiệm vụ thử
    tasks:
"""

# A: due Quý III/2023, nothing reported: overdue at IV/2023.
OVERDUE = """\
      - id: I.1
        title: Quá hạn chưa thực hiện
        lead:
          - Sở Nội vụ
        deadline: Quý III/2023
"""

# B: due Quý II/2024, completed on 01/12/2023: done, but its deadline has not come at IV/2023.
EARLY = """\
      - id: I.2
        title: Hoàn thành trước hạn
        lead:
          - Sở Nội vụ
        deadline: Quý II/2024
        progress:
          - status: hoàn thành
            date: 01/12/2023
"""

# C: conditional, reported completed: it has no deadline to come.
CONDITIONAL_DONE = """\
      - id: I.2
        title: Nhiệm vụ theo điều kiện đã hoàn thành
        lead:
          - Sở Nội vụ
        deadline: Sau khi có hướng dẫn của Trung ương
        progress:
          - status: hoàn thành
            date: 01/11/2023
"""


def summary(tmp_path: Path, *tasks: str, quarter: str = "IV/2023") -> dict[str, Any]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(HEAD + "".join(tasks), encoding="utf-8")
    result = invoke(["report", "-q", quarter, "--format", "json", "-f", str(plan)])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)["summary"]
    return value


def test_early_completion_is_not_in_the_rate(tmp_path: Path) -> None:
    s = summary(tmp_path, OVERDUE, EARLY)
    # the columns are right: I.2 is done, I.1 overdue
    assert (s["done"], s["overdue"], s["not_yet_due"]) == (1, 1, 0)
    # only I.1 (Quý III/2023) has come due by IV/2023, and it is not done
    assert s["come_due"] == 1
    assert s["completion_rate"] == 0.0


def test_completed_conditional_task_is_not_in_the_rate(tmp_path: Path) -> None:
    s = summary(tmp_path, OVERDUE, CONDITIONAL_DONE)
    assert (s["done"], s["overdue"], s["occurrences"]) == (1, 1, 1)
    assert s["come_due"] == 1
    assert s["completion_rate"] == 0.0


def report_json(*args: str) -> dict[str, Any]:
    result = invoke(["report", "--format", "json", "-f", str(DATA), *args])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_before_the_merger_the_predecessor_keeps_its_row() -> None:
    """Sở TTTT passes to Sở KH&CN on 01/03/2025; at IV/2023 it still answers for its own tasks:
    VII.3, VII.8 (IV/2025), VII.9 (IV/2023), VII.10 (IV/2024), VII.13 (annual, 4 occurrences),
    overdue only VII.13's 2022 occurrence. Sở KH&CN leads VIII.1, VIII.3-VIII.7: 11 items,
    overdue VIII.1 and VIII.5 first milestones and VIII.6's 2022 occurrence."""
    rows = {r["agency"]: r for r in report_json("-q", "IV/2023")["by_agency"]}
    tttt, khcn = rows["Sở Thông tin và Truyền thông"], rows["Sở Khoa học và Công nghệ"]
    assert (tttt["tasks"], tttt["items"], tttt["overdue"]) == (5, 8, 1)
    assert (khcn["tasks"], khcn["items"], khcn["overdue"]) == (6, 11, 3)


def test_after_the_merger_the_successor_answers_in_the_agency_table() -> None:
    report = report_json("-q", "IV/2025")
    rows = {r["agency"]: r for r in report["by_agency"]}
    assert "Sở Thông tin và Truyền thông" not in rows
    assert "Sở Thông tin và Truyền thông" not in [group["agency"] for group in report["overdue"]]
    # 6 + 5 tasks, 11 + 8 items; overdue at IV/2025: VIII.1, VIII.5 (IV/2022), VIII.6 2022-2024,
    # VII.9 (IV/2023), VII.10 (IV/2024), VII.13 2022-2024 = 10; due now: the other 9
    khcn = rows["Sở Khoa học và Công nghệ"]
    assert (khcn["tasks"], khcn["items"], khcn["overdue"], khcn["not_yet_due"]) == (11, 19, 10, 9)
    # and the row is what the agency's own report says (its tasks and its predecessor's)
    own = report_json("-q", "IV/2025", "--agency", "Sở KH&CN", "--direct")["summary"]
    assert (own["tasks"], own["items"], own["overdue"]) == (11, 19, 10)
