"""The quarterly progress report as a memo: the `Document` that Markdown, the terminal table,
HTML and Word render, built from the numbers of report.py. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .document import Block, Document, Heading, Paragraph, Table
from .report import Report, Tally, official_count, percent, word
from .schedule import Item
from .text import roman


def _inline(title: str) -> str:
    """A title inside a sentence: "Các đề án …" → "các đề án …"; acronyms ("CCHC …") stay."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _row(label: Sequence[str], t: Tally) -> tuple[str, ...]:
    return (
        *label,
        str(t.total),
        str(t.done),
        str(t.in_progress),
        str(t.overdue),
        str(t.not_due),
        str(t.no_fixed),
    )


# The column words of a tally, in the order `_row` gives its numbers.
TALLY_COLUMNS = (
    "col.total",
    "col.done",
    "col.in_progress",
    "col.overdue",
    "col.not_due",
    "col.no_fixed",
)


def _tally_header(first: Sequence[str], lang: str) -> tuple[str, ...]:
    return (*first, *(word(k, lang) for k in TALLY_COLUMNS))


def _progress_text(item: Item, lang: str) -> str:
    entry = item.entry
    if entry is None:
        return word("unreported", lang)
    parts = [word(f"state.{item.state.value}", lang)]
    if entry.day is not None:
        parts.append(_vn_date(entry.day))
    if item.percent is not None:
        parts.append(f"{item.percent:g}%")
    if entry.note:
        parts.append(entry.note)
    if entry.evidence:
        parts.append(entry.evidence)
    return "; ".join(parts)


def summary_text(report: Report, lang: str) -> str:
    s = report.summary
    all_no_fixed = sum(1 for i in report.schedule.items if i.occurrence is None)
    wanted = report.schedule.agency
    subject = wanted.agency.name if wanted else ("The plan" if lang == "en" else "Kế hoạch")

    def count(n: int) -> str:
        return official_count(n, lang)

    return word(
        "summary",
        lang,
        subject=subject,
        tasks=count(len(s.tasks)),
        occurrences=count(report.dated_occurrences),
        no_fixed_total=count(all_no_fixed),
        date=_vn_date(report.schedule.reference.as_of),
        done=count(s.done),
        on_time=count(s.done_on_time),
        late=count(s.done_late),
        in_progress=count(s.in_progress),
        overdue=count(s.overdue),
        overdue_in_progress=count(s.overdue_in_progress),
        overdue_not_started=count(s.overdue_not_started),
        not_due=count(s.not_due),
        no_fixed=count(s.no_fixed),
        rate=percent(report.done_come_due, report.come_due, lang),
    )


def _spellings(report: Report, names: Iterable[str]) -> str:
    """An agency's names and aliases, for the HTML page's agency search."""
    found: list[str] = []
    for name in names:
        agency = report.plan.registry.get(name)
        found += [name, *(agency.aliases if agency is not None else ())]
    return "\n".join(dict.fromkeys(found))


def document(
    report: Report,
    lang: str,
    agency: str | None = None,
    day: date | None = None,
    figures: Mapping[str, Sequence[Block]] | None = None,
) -> Document:
    """The memo: numbered headings (I, II, … then 1, 2, …), tables, the date line.

    `figures` (charts, for HTML and Word with --charts) go after the summary ("summary") and
    after the tables by section ("sections") and by agency ("agencies")."""
    plan = report.plan
    extra = figures or {}
    reference = report.schedule.reference
    title = _inline(plan.info.title) if lang == "vi" else plan.info.title
    doc = Document(word("title", lang, title=title), place=plan.info.province, day=day, lang=lang)
    doc.add(Paragraph(word("scope", lang, quarter=reference.quarter.label()), align="center"))
    if agency:
        doc.add(Paragraph(word("agency", lang, name=agency), align="center"))
    doc.add(
        Paragraph(word("cutoff", lang, date=_vn_date(reference.as_of)), italic=True, align="center")
    )

    number = 0

    def heading(key: str) -> None:
        nonlocal number
        number += 1
        doc.add(Heading(f"{roman(number)}. {word(key, lang)}"))

    heading("h.summary")
    doc.add(Paragraph(summary_text(report, lang)))
    doc.blocks.extend(extra.get("summary", ()))

    heading("h.sections")
    rows = [_row((f"{sid}. {title}",), t) for sid, title, t in report.by_section]
    rows.append(_row((word("total", lang),), report.summary))
    numeric = (1, 2, 3, 4, 5, 6)
    doc.add(
        Table(
            _tally_header((word("col.section", lang),), lang),
            tuple(rows),
            (10, 4, 4, 4, 4, 4, 5),
            numeric,
            row_header=0,
            foot=1,
        )
    )
    doc.blocks.extend(extra.get("sections", ()))

    heading("h.agencies")
    rows = [
        (*_row((str(n), name), t), str(t.stale)) for n, (name, t) in enumerate(report.by_agency, 1)
    ]
    header = (
        *_tally_header((word("col.no", lang), word("col.agency", lang)), lang),
        word("col.stale", lang),
    )
    spellings = tuple(_spellings(report, (name,)) for name, _ in report.by_agency)
    doc.add(
        Table(
            header,
            tuple(rows),
            (3, 9, 4, 4, 4, 4, 4, 5, 4),
            (0, 2, 3, 4, 5, 6, 7, 8),
            row_header=1,
            agencies=spellings,
        )
    )
    if report.summary.stale:
        previous = reference.quarter - 1
        since, tasks = _vn_date(previous.first_day), len(report.summary.stale_tasks)
        legend = word("stale.legend", lang, since=since, quarter=previous.label(), tasks=tasks)
        doc.add(Paragraph(legend, italic=True))
    doc.blocks.extend(extra.get("agencies", ()))

    heading("h.overdue")
    if not report.overdue:
        doc.add(Paragraph(word("none.overdue", lang)))
    for group_number, (name, items) in enumerate(report.overdue, 1):
        names = _spellings(report, (name,))
        doc.add(
            Heading(
                f"{group_number}. {name} ({official_count(len(items), lang)})", 2, agencies=names
            )
        )
        header = tuple(
            word(k, lang)
            for k in ("col.no", "col.task", "col.deadline", "col.late", "col.progress")
        )
        rows = [
            (
                str(n),
                f"{i.task.id}. {i.task.title}",
                i.occurrence.label if i.occurrence else i.task.deadline.wording,
                str(i.quarters_late),
                _progress_text(i, lang),
            )
            for n, i in enumerate(items, 1)
        ]
        doc.add(
            Table(
                header,
                tuple(rows),
                (3, 10, 5, 4, 6),
                (0, 3),
                row_header=1,
                agencies=(names,) * len(rows),
            )
        )

    heading("h.milestones")
    if not report.milestones:
        doc.add(Paragraph(word("none.milestones", lang)))
    else:
        header = tuple(
            word(k, lang)
            for k in ("col.no", "col.task", "col.milestone", "col.target", "col.percent")
        )
        rows = [
            (
                str(n),
                i.task.id,
                i.quarter.long_label() if i.quarter else "",
                i.target or "",
                f"{i.percent:g}%" if i.percent is not None else word("unreported", lang),
            )
            for n, i in enumerate(report.milestones, 1)
        ]
        leads = tuple(
            _spellings(report, (ref.agency for ref in i.task.lead)) for i in report.milestones
        )
        doc.add(Table(header, tuple(rows), (3, 3, 5, 10, 5), (0,), row_header=1, agencies=leads))
    return doc
