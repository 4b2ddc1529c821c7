"""A `Document` in the terminal, with rich tables. Imports rich."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text

from ..document import Document, Heading, Paragraph, Table, date_line
from .table import console, render


def render_document(document: Document, width: int | None, color: bool) -> str:
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
            table = RichTable(show_lines=False, header_style="bold")
            for i, header in enumerate(block.header):
                table.add_column(
                    header, justify="right" if i in block.numeric else "left", overflow="fold"
                )
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))
            items.append(table)
    return render(console(width, color), *items)
