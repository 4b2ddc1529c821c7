"""A `Document` in the terminal, its tables drawn by table.py. Imports rich."""

from __future__ import annotations

from rich.text import Text

from ..document import Document, Heading, Paragraph, Table, date_line
from .table import console, fitted, render


def render_document(document: Document, width: int | None, color: bool) -> str:
    con = console(width, color)
    items: list[object] = [Text(document.title.upper(), style="bold", justify="center")]
    if document.day is not None:
        items.append(
            Text(
                date_line(document.place, document.day, document.lang),
                style="italic",
                justify="right",
            )
        )
    for block in document.blocks:
        if isinstance(block, Heading):
            items.append(Text("\n" + block.text, style="bold"))
        elif isinstance(block, Paragraph):
            items.append(Text(block.text, style="italic" if block.italic else ""))
        elif isinstance(block, Table):
            header, rows = list(block.header), [list(row) for row in block.rows]
            weights = block.widths or (1,) * len(header)  # the Word widths weigh spare width
            short = (False,) * len(header)
            table = fitted(header, rows, con.width, short, weights, right=block.numeric)
            table.show_lines = False
            items.append(table)
    return render(con, *items)
