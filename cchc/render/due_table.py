"""`cchc due` as terminal tables, drawn by table.py, and the outline the HTML page shares.
rich is imported only when a table is drawn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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
    stale_line,
)


def title(sched: Schedule, lang: str) -> str:
    return tr("due.title", lang, quarter=quarter_name(sched.reference.quarter, lang))


def buckets(
    sched: Schedule, lang: str, show_done: bool
) -> Iterator[tuple[Bucket, str, Sequence[Item], list[Column]]]:
    """Each bucket shown: its heading with the count, its items, their columns (none if empty)."""
    for bucket in shown_buckets(show_done):
        items = sched.bucket(bucket)
        heading = f"{bucket_heading(bucket, sched, lang)} ({len(items)})"
        yield bucket, heading, items, columns(bucket, sched, items, lang) if items else []


def due_table(
    plan: Plan,
    sched: Schedule,
    lang: str,
    show_done: bool,
    width: int | None,
    color: bool,
    *,
    fast: bool = True,
) -> str:
    """One block per bucket, overdue first and in red, with the counts at the top.

    Nothing is truncated: long cells wrap at word boundaries, a token longer than its column
    folds, and a terminal too narrow for the columns gets one block per item instead.
    `fast=False` draws every table through rich (the reference the fast drawing must match).
    """
    from rich.text import Text

    from .table import WEIGHTS, console, fitted, render

    con = console(width, color)
    parts: list[object] = [Text(title(sched, lang), style="bold")]
    parts += [Text(line) for line in scope_lines(plan, sched, lang)]
    parts.append(Text(counts_line(sched, lang, show_done), style="bold"))
    stale = stale_line(sched, lang)
    if stale:
        parts.append(Text(stale))
    for bucket, heading, items, cols in buckets(sched, lang, show_done):
        red = bucket is Bucket.OVERDUE
        parts += [Text(""), Text(heading, style="bold red" if red else "bold")]
        if not items:
            parts.append(Text(empty_text(bucket, sched, lang)))
            continue
        headers = [tr(c.key, lang) for c in cols]
        rows = [[c.value(item) for c in cols] for item in items]
        short = [c.short for c in cols]
        weights = [WEIGHTS.get(c.key, 1) for c in cols]
        parts.append(fitted(headers, rows, con.width, short, weights, red=red))
    return render(con, *parts, fast=fast)
