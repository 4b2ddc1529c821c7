"""`cchc due` as terminal tables (rich). Imported only when the table format is asked for."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..model import Plan
from ..schedule import Bucket, Schedule
from .due import (
    bucket_heading,
    columns,
    counts_line,
    empty_text,
    quarter_name,
    scope_lines,
    shown_buckets,
)
from .table import console, render


def due_table(
    plan: Plan, sched: Schedule, lang: str, show_done: bool, width: int | None, color: bool
) -> str:
    """One block per bucket, overdue first and in red, with the counts at the top.

    Every column folds rather than truncates, so a narrow terminal shows long titles on more
    lines and never drops text.
    """
    parts: list[object] = []
    quarter = quarter_name(sched.reference.quarter, lang)
    parts.append(Text(tr("due.title", lang, quarter=quarter), style="bold"))
    parts += [Text(line) for line in scope_lines(plan, sched, lang)]
    parts.append(Text(counts_line(sched, lang, show_done), style="bold"))
    for bucket in shown_buckets(show_done):
        items = sched.bucket(bucket)
        overdue = bucket is Bucket.OVERDUE
        heading = f"{bucket_heading(bucket, sched, lang)} ({len(items)})"
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red" if overdue else "bold"))
        if not items:
            parts.append(Text(empty_text(bucket, sched, lang)))
            continue
        cols = columns(bucket, sched, items, lang)
        table = Table(
            header_style="bold red" if overdue else "bold",
            border_style="red" if overdue else None,
            show_lines=True,
            expand=True,
        )
        for col in cols:
            # Short values (ids, quarters, counts) never need folding at any sensible width,
            # but fold is still the fallback: no column is ever cut with an ellipsis.
            table.add_column(
                tr(col.key, lang),
                overflow="fold",
                ratio=None if col.short else (3 if col.key == "col.task" else 1),
                min_width=max(len(col.value(i)) for i in items) if col.short else None,
            )
        for item in items:
            table.add_row(
                *(Text(col.value(item)) for col in cols), style="red" if overdue else None
            )
        parts.append(table)
    return render(console(width, color), *parts)
