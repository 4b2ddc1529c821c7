"""A `Document` as Markdown that renders as tables in common viewers and pastes cleanly."""

from __future__ import annotations

from ..document import Document, Heading, Paragraph, Table, date_line
from .common import md_cell, md_table


def render(document: Document) -> str:
    out = [f"# {md_cell(document.title)}\n"]
    if document.day is not None:
        out.append(f"\n*{date_line(document.place, document.day, document.lang)}*\n")
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(f"\n{'#' * (block.level + 1)} {md_cell(block.text)}\n")
        elif isinstance(block, Paragraph):
            text = md_cell(block.text)
            out.append(f"\n*{text}*\n" if block.italic else f"\n{text}\n")
        elif isinstance(block, Table):
            out.append("\n" + md_table(block.header, block.rows))
    return "".join(out)
