"""`cchc due --format html`: the due list as a `Document` (the same headings, columns and cell
texts as the Markdown output) with the timeline and the bars by section, as one HTML page."""

from __future__ import annotations

from ..document import Document, Heading, Paragraph, Table
from ..i18n import tr
from ..model import Plan
from ..schedule import Item, Schedule
from ..text import roman
from .charts import due_figures
from .due import counts_line, empty_text, scope_lines, shown_buckets, stale_line
from .due_table import buckets, title
from .html import render

_NUMERIC = ("due.col.late", "due.col.left")


def _leads(plan: Plan, item: Item) -> str:
    names: list[str] = []
    for ref in item.task.lead:
        agency = plan.registry.get(ref.agency)
        names += [ref.agency, *(agency.aliases if agency is not None else ())]
    return "\n".join(dict.fromkeys(names))


def due_document(plan: Plan, sched: Schedule, lang: str, show_done: bool) -> Document:
    doc = Document(title(sched, lang), lang=lang)
    for line in scope_lines(plan, sched, lang):
        doc.add(Paragraph(f"{line}.", align="center"))
    doc.add(Paragraph(counts_line(sched, lang, show_done), align="center"))
    stale = stale_line(sched, lang)
    if stale:
        doc.add(Paragraph(stale, align="center"))
    doc.blocks.extend(due_figures(plan, sched, lang, shown_buckets(show_done)))
    for number, (bucket, heading, items, cols) in enumerate(buckets(sched, lang, show_done)):
        doc.add(Heading(f"{roman(number + 1)}. {heading}"))
        if not items:
            doc.add(Paragraph(empty_text(bucket, sched, lang)))
            continue
        doc.add(
            Table(
                tuple(tr(c.key, lang) for c in cols),
                tuple(tuple(c.value(i) for c in cols) for i in items),
                numeric=tuple(n for n, c in enumerate(cols) if c.key in _NUMERIC),
                row_header=0,
                agencies=tuple(_leads(plan, i) for i in items),
            )
        )
    return doc


def due_html(plan: Plan, sched: Schedule, lang: str, show_done: bool) -> str:
    return render(due_document(plan, sched, lang, show_done))
