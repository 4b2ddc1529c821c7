"""The list and report tables are drawn by the same grid as the due table: each fits the
terminal, keeps one table per section, and is what rich's own Table draws for the same grid."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len

from cchc.document import Table
from cchc.load import load
from cchc.memo import document
from cchc.model import Plan
from cchc.quarter import Quarter
from cchc.render.table import WEIGHTS, Grid, console, fitted, render
from cchc.render.tasks import LIST_KEYS, _by_section, list_table
from cchc.report import build_report
from cchc.schedule import Reference, schedule

from .conftest import DATA


def shipped() -> Plan:
    plan = load(DATA).plan
    assert plan is not None
    return plan


def list_grids(plan: Plan, width: int) -> list[Grid]:
    headers = list(LIST_KEYS)
    short = [k == "col.id" for k in LIST_KEYS]
    weights = [WEIGHTS.get(k, 1) for k in LIST_KEYS]
    return [
        fitted(headers, rows, width, short, weights)
        for _, rows in _by_section(plan, list(plan.tasks))
    ]


@pytest.mark.parametrize("width", [30, 60, 80, 120])
def test_list_table_fits_and_has_every_section(width: int) -> None:
    plan = shipped()
    text = list_table(plan, list(plan.tasks), "vi", width, False)
    lines = text.splitlines()
    assert max(map(cell_len, lines)) <= width
    words = " ".join(text.split())  # a heading wider than the terminal wraps
    for section in plan.sections:
        assert f"{section.id}. {section.title}" in words
    assert "┃┃" not in text and "││" not in text  # no column starved to nothing
    assert lines[-1] == f"{len(list(plan.tasks))} nhiệm vụ"


@pytest.mark.parametrize("width", [30, 80, 120])
@pytest.mark.parametrize("color", [False, True])
def test_list_grids_same_as_rich(width: int, color: bool) -> None:
    grids = list_grids(shipped(), width)
    assert render(console(width, color), *grids) == render(
        console(width, color), *grids, fast=False
    )


@pytest.mark.parametrize("quarter", ["IV/2023", "IV/2025"])
@pytest.mark.parametrize("width", [40, 80, 120])
def test_report_tables_same_as_rich(quarter: str, width: int) -> None:
    plan = shipped()
    sched = schedule(plan, Reference.of_quarter(Quarter.parse(quarter)), 1)
    doc = document(build_report(plan, sched), "vi", None, date(2026, 12, 1), None)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables
    for table in tables:
        rows = [list(r) for r in table.rows]
        short = [False] * len(table.header)
        grid = fitted(
            list(table.header),
            rows,
            width,
            short,
            table.widths or [1] * len(rows[0]),
            right=table.numeric,
        )
        grid.show_lines = False
        fast = render(console(width, True), grid)
        assert fast == render(console(width, True), grid, fast=False)
