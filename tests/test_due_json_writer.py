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
