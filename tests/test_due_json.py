"""What `cchc due --format json` says of a task's progress, beyond what the goldens hold."""

from __future__ import annotations

import json

from cchc.load import load_bytes
from cchc.quarter import Quarter
from cchc.render.common import json_bytes
from cchc.render.due import due_value
from cchc.schedule import Reference, schedule

from .conftest import TESTS


def test_a_percent_reported_before_the_last_entry() -> None:
    """The item's percent is the last one reported, the progress record's is its entry's own:
    two different values when the last entry gives none."""
    text = (TESTS / "data" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        deadline: Quý IV/2023\n",
        "        deadline: Quý IV/2023\n"
        "        progress:\n"
        "          - status: đang thực hiện\n"
        "            date: 15/10/2023\n"
        "            percent: 40\n"
        "          - status: đang thực hiện\n"
        "            date: 20/11/2023\n"
        '            note: "chờ ý kiến; 50% \\"dự thảo\\""\n',
        1,
    )
    plan = load_bytes(text.encode("utf-8"), "percent.yaml").plan
    assert plan is not None
    sched = schedule(plan, Reference.of_quarter(Quarter.parse("IV/2023")), 1)
    records = [
        r
        for b in json.loads(json_bytes(due_value(plan, sched, True))).values()
        if isinstance(b, list)
        for r in b
    ]
    (record,) = [r for r in records if isinstance(r, dict) and r["id"] == "I.1"]
    assert record["percent"] == 40
    assert record["progress"] == {
        "status": "in_progress",
        "date": "2023-11-20",
        "evidence": None,
        "percent": None,
        "note": 'chờ ý kiến; 50% "dự thảo"',
    }
