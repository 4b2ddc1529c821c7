"""Terminal tables. The only module that imports rich, and only when a table is asked for."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..model import Plan, Task
from .common import agency_cell


def console(width: int | None = None, color: bool = True) -> Console:
    """A console writing to a buffer: the CLI decides where the text goes."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
    )


def render(con: Console, *items: object) -> str:
    for item in items:
        con.print(item)
    out = con.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def plain(value: str) -> Text:
    """Data is never read as rich markup: '[bold]' in a title stays as typed."""
    return Text(value)


def task_table(
    headers: Sequence[str], title: str | None = None, header_style: str = "bold"
) -> Table:
    table = Table(title=title, header_style=header_style, show_lines=True, expand=False)
    for i, header in enumerate(headers):
        # the id column never wraps; the title column takes the slack
        if i == 0:
            table.add_column(header, no_wrap=True)
        else:
            table.add_column(header, overflow="fold", ratio=3 if i == 1 else 1)
    return table


def list_table(plan: Plan, tasks: Sequence[Task], lang: str, width: int | None, color: bool) -> str:
    headers = [
        tr(k, lang) for k in ("col.id", "col.task", "col.lead", "col.partners", "col.deadline")
    ]
    table = task_table(headers, title=plan.info.title)
    current = None
    for t in tasks:
        if t.section != current:
            current = t.section
            section = plan.section(t.section)
            heading = f"{section.id}. {section.title}" if section else t.section
            table.add_row(Text(heading, style="bold"), "", "", "", "")
        table.add_row(
            plain(t.id),
            plain(t.title + (f" ({t.note})" if t.note else "")),
            plain(agency_cell(t.lead)),
            plain(agency_cell(t.partners)),
            plain(t.deadline.wording),
        )
    con = console(width, color)
    return render(con, table, Text(tr("list.count", lang, count=len(tasks))))
