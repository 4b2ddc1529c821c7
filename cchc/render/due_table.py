"""`cchc due` as terminal tables (rich). Imported only when the table format is asked for."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..model import Plan
from ..schedule import Bucket, Item, Schedule
from .due import (
    Column,
    bucket_heading,
    columns,
    counts_line,
    empty_text,
    quarter_name,
    scope_lines,
    shown_buckets,
)
from .table import console, render

# Each column costs a border and one space either side; the table one more border.
_COLUMN_OVERHEAD = 3
# A single long token (a URL, "68/2000/NĐ-CP") may fold rather than widen its column further.
_LONGEST_WORD = 14
# Short columns let their header wrap at about this width ("Số quý / quá hạn").
_SHORT_HEADER = 7
_WEIGHTS = {"col.task": 4, "col.lead": 2, "col.deadline": 2, "due.col.evidence": 2}


def _widths(
    cols: Sequence[Column], texts: Sequence[Sequence[str]], available: int
) -> list[int] | None:
    """Column widths that fit `available` cells without breaking a word, or None.

    texts[0] is the header row. Columns start at their longest word and grow, by weight, up to
    their longest line; rich's own ratios would let a narrow column split words mid-way. Short
    columns (ids, quarters, counts) are as wide as their values and fold a long header instead.
    """
    count = len(cols)
    natural = [max(cell_len(row[i]) for row in texts) for i in range(count)]
    minimum = [
        min(
            natural[i],
            max(min(cell_len(w), _LONGEST_WORD) for row in texts for w in row[i].split() or [""]),
        )
        for i in range(count)
    ]
    for i, col in enumerate(cols):
        if col.short:
            values = max(cell_len(row[i]) for row in texts[1:])
            natural[i] = max(minimum[i], min(natural[i], max(values, _SHORT_HEADER)))
    if sum(natural) <= available:
        return natural
    if sum(minimum) > available:
        return None
    widths = list(minimum)
    weights = [_WEIGHTS.get(col.key, 1) for col in cols]
    for _ in range(available - sum(widths)):
        growable = [i for i in range(count) if widths[i] < natural[i]]
        if not growable:
            break
        neediest = min(growable, key=lambda i: widths[i] / weights[i])
        widths[neediest] += 1
    return widths


def _grid(
    cols: Sequence[Column], items: Sequence[Item], lang: str, width: int, red: bool
) -> Table | None:
    headers = [tr(c.key, lang) for c in cols]
    rows = [[c.value(item) for c in cols] for item in items]
    available = width - _COLUMN_OVERHEAD * len(cols) - 1
    widths = _widths(cols, [headers, *rows], available)
    if widths is None:
        return None
    table = Table(
        header_style="bold red" if red else "bold",
        border_style="red" if red else None,
        show_lines=True,
    )
    for header, column_width in zip(headers, widths, strict=True):
        table.add_column(header, width=column_width, overflow="fold")
    for row in rows:
        table.add_row(*(Text(value) for value in row), style="red" if red else None)
    return table


def _stacked(
    cols: Sequence[Column], items: Sequence[Item], lang: str, width: int, red: bool
) -> Table:
    """For terminals too narrow for one row per item: one block per item, label and value."""
    labels = [tr(c.key, lang) for c in cols]
    label_width = min(max(cell_len(label) for label in labels), max(6, width // 2))
    table = Table(show_header=False, border_style="red" if red else None, show_lines=False)
    table.add_column(width=label_width, overflow="fold", style="bold")
    table.add_column(width=max(1, width - label_width - 2 * _COLUMN_OVERHEAD - 1), overflow="fold")
    for item in items:
        for n, (label, col) in enumerate(zip(labels, cols, strict=True)):
            table.add_row(
                Text(label),
                Text(col.value(item)),
                style="red" if red else None,
                end_section=n == len(cols) - 1,
            )
    return table


def due_table(
    plan: Plan, sched: Schedule, lang: str, show_done: bool, width: int | None, color: bool
) -> str:
    """One block per bucket, overdue first and in red, with the counts at the top.

    Nothing is truncated: long cells wrap at word boundaries, a token longer than its column
    folds, and a terminal too narrow for the columns gets one block per item instead.
    """
    con = console(width, color)
    parts: list[object] = []
    quarter = quarter_name(sched.reference.quarter, lang)
    parts.append(Text(tr("due.title", lang, quarter=quarter), style="bold"))
    parts += [Text(line) for line in scope_lines(plan, sched, lang)]
    parts.append(Text(counts_line(sched, lang, show_done), style="bold"))
    for bucket in shown_buckets(show_done):
        items = sched.bucket(bucket)
        red = bucket is Bucket.OVERDUE
        heading = f"{bucket_heading(bucket, sched, lang)} ({len(items)})"
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red" if red else "bold"))
        if not items:
            parts.append(Text(empty_text(bucket, sched, lang)))
            continue
        cols = columns(bucket, sched, items, lang)
        grid = _grid(cols, items, lang, con.width, red)
        parts.append(grid if grid is not None else _stacked(cols, items, lang, con.width, red))
    return render(con, *parts)
