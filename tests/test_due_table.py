"""The terminal table of `cchc due` draws its rows itself (rich takes ~2 ms a row); what it
draws must be what rich draws for the same table, character for character and escape code for
escape code. rich's own `Table` is the reference here: these tests compare the two renderings,
on the shipped plan and on random tables."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text

from cchc.load import load
from cchc.model import Plan
from cchc.quarter import Quarter
from cchc.render.due_table import due_table
from cchc.render.table import Grid, Painter, console, draw, draw_text
from cchc.render.wrap import NARROW
from cchc.schedule import Reference, schedule

from .conftest import DATA, TESTS

PROGRESS = TESTS / "data" / "progress_due.yaml"


def plan_of(path: Path) -> Plan:
    plan = load(path).plan
    assert plan is not None
    return plan


def through_rich(grid: Grid, width: int, color: bool) -> str:
    con = console(width, color)
    con.print(grid.rich_table())
    out = con.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def table_width(grid: Grid) -> int:
    return sum(w + 3 for w in grid.widths) + 1


# --- whole tables of the shipped plan and of the progress fixture -------------------------------
@pytest.mark.parametrize(
    ("path", "quarter"),
    [(DATA, "IV/2023"), (DATA, "IV/2025"), (PROGRESS, "I/2024"), (PROGRESS, "IV/2023")],
)
@pytest.mark.parametrize("width", [24, 40, 60, 80, 100, 160])
@pytest.mark.parametrize("color", [False, True])
def test_same_as_rich(path: Path, quarter: str, width: int, color: bool) -> None:
    plan = plan_of(path)
    sched = schedule(plan, Reference.of_quarter(Quarter.parse(quarter)), 1)
    for lang in ("vi", "en"):
        fast = due_table(plan, sched, lang, True, width, color)
        slow = due_table(plan, sched, lang, True, width, color, fast=False)
        assert fast == slow
    if color:  # the comparison covers colour codes: overdue rows are red
        assert "\x1b[31m│" in fast or "\x1b[31m" in fast
    else:
        assert "\x1b[" not in fast


def test_narrow_terminal_stacks_and_matches_rich() -> None:
    """At 24 columns the shipped plan's overdue table cannot keep its words whole: one block
    per item, label and value, as rich would draw it. Labels take half the width (12 cells),
    values the rest less the borders and padding (24 - 12 - 7 = 5)."""
    plan = plan_of(DATA)
    sched = schedule(plan, Reference.of_quarter(Quarter.parse("IV/2023")), 1)
    fast = due_table(plan, sched, "vi", False, 24, False)
    assert "│ STT          │ I.1*  │\n│ Nhiệm vụ     │ Đề án │\n" in fast  # * stale
    assert fast == due_table(plan, sched, "vi", False, 24, False, fast=False)


# --- random tables -------------------------------------------------------------------------------
# Words as plan texts have them (Vietnamese, numbers, slashes), long tokens that must fold, and
# characters whose width is not their length: CJK (2 cells), combining marks (0), emoji with a
# joiner, no-break and ideographic spaces (whitespace that is not " ").
WORDS = st.sampled_from(
    [
        "Sở",
        "Nội",
        "vụ",
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "Quý",
        "IV/2023",
        "68/2000/NĐ-CP",
        "https://dichvucong.hatinh.gov.vn/portaldvc",
        "hoàn",
        "thành",
        "đúng",
        "hạn",
        "điện tử hóa",
        "–",
        "“chỉ tiêu”",
        "漢字",
        "東京都庁舎",
        "e\u0301",
        "\U0001f468\u200d\U0001f469",
        "a\u00a0b",
        "x\u00a0\u00a0\u00a0",
        "\u3000\u3000",
        "I.1",
        "",
    ]
)
CELL = st.lists(WORDS, max_size=12).map(" ".join) | st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), max_size=40
)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    count = draw(st.integers(1, 5))
    widths = draw(st.lists(st.integers(1, 24), min_size=count, max_size=count))
    has_header = draw(st.booleans())
    headers = draw(st.lists(CELL, min_size=count, max_size=count)) if has_header else None
    red = draw(st.booleans())
    grid = Grid(
        widths,
        headers,
        column_styles=draw(st.lists(st.sampled_from(["", "bold"]), min_size=count, max_size=count)),
        red=red,
        show_lines=draw(st.booleans()),
        right=draw(st.sets(st.integers(0, count - 1))),  # the numbers of report tables
    )
    for _ in range(draw(st.integers(1, 4))):
        cells = draw(st.lists(CELL, min_size=count, max_size=count))
        grid.add_row(cells, end_section=draw(st.booleans()))
    return grid


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=grids(), color=st.booleans(), spare=st.integers(0, 10))
def test_random_tables_same_as_rich(grid: Grid, color: bool, spare: int) -> None:
    width = table_width(grid) + spare
    con = console(width, color)
    drawn = draw(grid, con, Painter(con))
    expected = through_rich(grid, width, color)
    if drawn is None:  # a control character somewhere: rich draws it
        cells = [*grid.rows, *([grid.headers] if grid.headers else [])]
        assert any(ord(ch) < 32 or ord(ch) == 127 for row in cells for c in row for ch in c)
        return
    assert drawn == expected


@pytest.mark.parametrize("odd", ["tab\there", "two\nlines", "bell\x07", "cr\r"])
def test_control_characters_go_to_rich(odd: str) -> None:
    """Text() drops some control characters, splits on newlines and expands tabs: such tables
    are left to rich, and the command's output is still rich's."""
    grid = Grid([8, 6], ["Nhiệm vụ", "Quý"], show_lines=True)
    grid.add_row([f"Sở Nội vụ {odd}", "IV/2023"])
    grid.add_row(["Sở Tư pháp", "I/2024"])
    con = console(40, False)
    assert draw(grid, con, Painter(con)) is None
    assert "Sở Tư" in through_rich(grid, 40, False)


def test_narrow_characters_are_one_cell_wide_to_rich() -> None:
    """The fast path measures text of these characters by its length; rich must agree."""
    from rich.cells import get_character_cell_size

    from cchc.render.wrap import NARROW_RANGES

    wide = [
        f"U+{c:04X}"
        for low, high in NARROW_RANGES
        for c in range(low, high + 1)
        if get_character_cell_size(chr(c)) != 1
    ]
    assert wide == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=CELL | st.just(""),
    style=st.sampled_from(["", "bold", "bold red"]),
    width=st.integers(1, 60),
    color=st.booleans(),
)
def test_random_lines_same_as_rich(text: str, style: str, width: int, color: bool) -> None:
    """Headings and counts lines are printed here too, as the console prints a Text."""
    con = console(width, color)
    drawn = draw_text(Text(text, style=style), con, Painter(con))
    expected = console(width, color)
    expected.print(Text(text, style=style))
    out = expected.file
    assert isinstance(out, io.StringIO)
    if drawn is None:  # only spaces, or wide or control characters: the console prints it
        assert (text and not text.strip()) or any(ch not in NARROW for ch in text)
        return
    assert drawn == out.getvalue()


def test_trailing_spaces_past_the_width_in_characters_go_as_rich_drops_them() -> None:
    """A text that fits in cells (a combining mark is zero wide) but not in characters: rich
    drops the trailing whitespace past `width` characters (found by hypothesis)."""
    grid = Grid([19], None)
    grid.add_row(["Sở hoàn hoàn e\u0301 x\u00a0\u00a0\u00a0"])
    con = console(23, False)
    assert draw(grid, con, Painter(con)) == through_rich(grid, 23, False)
