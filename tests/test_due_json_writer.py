"""`cchc due --format json` writes its records directly (render/due.py records_json); what it
writes must be what the generic writer makes of record() for every item, byte for byte."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from cchc.load import load
from cchc.model import Plan
from cchc.quarter import Quarter
from cchc.render.due import due_json
from cchc.schedule import AgencyFilter, Reference, Role, State, schedule

from .conftest import DATA, TESTS

PLANS = [DATA, *sorted((TESTS / "data").glob("*.yaml"))]


def plan_of(path: Path) -> Plan | None:
    return load(path).plan


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_direct_records_are_the_generic_ones(path: Path) -> None:
    plan = plan_of(path)
    if plan is None:
        pytest.skip(f"{path.name} is a broken plan: due refuses it")
    quarters = ["I/2022", "IV/2023", "II/2024", "IV/2025", "I/2027"]
    filters: list[AgencyFilter | None] = [None]
    for agency in plan.registry:
        filters += [AgencyFilter(agency, role, direct) for role in Role for direct in (False, True)]
    compared = 0
    for label, wanted, show_done in product(quarters, filters, (False, True)):
        sched = schedule(plan, Reference.of_quarter(Quarter.parse(label)), 1, agency=wanted)
        for lang in ("vi", "en"):
            fast = due_json(plan, sched, lang, show_done)
            assert fast == due_json(plan, sched, lang, show_done, fast=False)
        compared += len(sched.items)
    assert compared > 0


def test_state_filter_and_empty_buckets() -> None:
    plan = plan_of(TESTS / "data" / "progress_due.yaml")
    assert plan is not None
    reference = Reference.of_quarter(Quarter.parse("IV/2023"))
    for states in ({State.DONE}, {State.IN_PROGRESS, State.NOT_STARTED}, set()):
        sched = schedule(plan, reference, 2, states=frozenset(states))
        assert due_json(plan, sched, "vi", True) == due_json(plan, sched, "vi", True, fast=False)


def test_a_synthetic_roll_up() -> None:
    """benchmarks/gen_plan.py's plans have what the fixtures lack: percents reported before the
    last entry, milestone targets, every deadline form, scoped parties."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gen_plan", TESTS.parent / "benchmarks" / "gen_plan.py"
    )
    assert spec is not None and spec.loader is not None
    gen_plan = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_plan)
    from cchc.load import load_bytes

    plan = load_bytes(gen_plan.generate(400).encode("utf-8"), "synthetic.yaml").plan
    assert plan is not None
    agencies = list(plan.registry)[:: max(1, len(plan.registry) // 6)]
    filters = [None, *(AgencyFilter(a, Role.ANY, False) for a in agencies)]
    for label, wanted in product(["IV/2023", "IV/2024", "IV/2026"], filters):
        sched = schedule(plan, Reference.of_quarter(Quarter.parse(label)), 1, agency=wanted)
        assert due_json(plan, sched, "vi", True) == due_json(plan, sched, "vi", True, fast=False)


def test_a_percent_reported_before_the_last_entry() -> None:
    """The item's percent is the last one reported, the progress record's is its entry's own:
    two different values when the last entry gives none."""
    from cchc.load import load_bytes

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
    (item,) = [i for i in sched.items if i.id == "I.1"]
    assert item.percent == 40 and item.entry is not None and item.entry.percent is None
    assert due_json(plan, sched, "vi", True) == due_json(plan, sched, "vi", True, fast=False)
