"""Deadlines as an iCalendar file (RFC 5545), written by hand: one all-day event per occurrence.

Calendars key events by UID, so importing the file again updates the events it made before
instead of adding copies. The UID therefore names what an event *is*, not when it falls: the
task and which of its occurrences (the year for an annual task, the position otherwise), under
a domain naming the plan. A deadline that moves keeps its UID and its event moves with it.

Nothing reads the clock: DTSTAMP is the day the task's information last changed as far as the
file tells (its latest progress date, else the start of the plan period), so exporting the same
plan twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..deadline import DeadlineKind, Occurrence
from ..i18n import tr
from ..model import AgencyRef, Plan, Task
from ..text import loose_key
from .common import vn_date

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, without the CRLF
PRODID = "-//cchc//NONSGML cchc deadlines//{lang}"
# TEXT values may not hold control characters other than HTAB (RFC 5545 §3.3.11)
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    day: date
    stamp: date
    summary: str
    description: str


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, newlines as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return _CONTROL.sub(" ", value)


def fold(line: str) -> str:
    """A content line cut into pieces of at most 75 octets, never inside a UTF-8 sequence;
    continuations start with a space (which counts). Each piece ends in CRLF."""
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    limit = LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # a continuation byte: back off
            cut -= 1
        # Unfolding rejoins an escape cut in two, but simple readers choke on it: keep "\n" whole.
        backslashes = len(data[:cut]) - len(data[:cut].rstrip(b"\\"))
        if backslashes % 2:
            cut -= 1
        pieces.append(data[:cut])
        data = data[cut:]
        limit = LINE_OCTETS - 1
    pieces.append(data)
    return (CRLF + " ").join(p.decode("utf-8") for p in pieces) + CRLF


def slug(text: str) -> str:
    """ASCII words joined by '-': "Hà Tĩnh" → "ha-tinh"."""
    return re.sub(r"[^a-z0-9]+", "-", loose_key(text).lower()).strip("-")


def uid_domain(plan: Plan) -> str:
    """Names the plan: the province, and a digest of the title so two appendices of one plan
    (each with its own task I.1) never share UIDs. The digest is taken over the loose key, so
    fixing a diacritic or a double space in the title keeps every UID."""
    digest = hashlib.sha256(loose_key(plan.info.title).encode("utf-8")).hexdigest()[:8]
    return f"{slug(plan.info.province or '') or 'plan'}.{digest}.cchc"


def occurrence_key(task: Task, index: int, occurrence: Occurrence) -> str:
    """Which occurrence of the task: the year for annual tasks (a longer period adds years
    without renaming the others), else its position (a moved deadline keeps its event)."""
    if task.deadline.kind is DeadlineKind.ANNUAL:
        return str(occurrence.due_date.year)
    if task.deadline.is_recurring:  # each quarter ("Hàng quý", "Định kỳ hằng tháng")
        return f"{occurrence.quarter.year}Q{occurrence.quarter.number}"
    return str(index + 1)


def last_changed(plan: Plan, task: Task) -> date:
    days = [p.day for p in task.progress if p.day is not None]
    return max(days) if days else plan.info.first.first_day


def _parties(refs: Sequence[AgencyRef]) -> str:
    return "; ".join(f"{r.agency} ({r.scope})" if r.scope else r.agency for r in refs)


def describe(plan: Plan, task: Task, occurrence: Occurrence, lang: str) -> str:
    lines = [f"{task.id}. {task.title}"]
    section = plan.section(task.section)
    if section is not None:
        lines.append(f"{tr('col.section', lang)}: {section.id}. {section.title}")
    lines.append(f"{tr('col.lead', lang)}: {_parties(task.lead)}")
    if task.partners:
        lines.append(f"{tr('col.partners', lang)}: {_parties(task.partners)}")
    lines.append(f"{tr('col.deadline', lang)}: {task.deadline.wording}")
    lines.append(
        tr("export.ics.occurrence", lang, label=occurrence.label, date=vn_date(occurrence.due_date))
    )
    if occurrence.target and occurrence.target not in occurrence.label:
        lines.append(tr("export.ics.target", lang, target=occurrence.target))
    if task.note:
        lines.append(f"{tr('col.note', lang)}: {task.note}")
    lines.append(tr("export.ics.plan", lang, title=plan.info.title, source=plan.info.source))
    return "\n".join(lines)


def events(plan: Plan, chosen: Iterable[tuple[Task, int]], lang: str) -> list[Event]:
    """One event per (task, occurrence index) chosen, in the order given."""
    domain = uid_domain(plan)
    found = []
    for task, index in chosen:
        occurrence = task.occurrences[index]
        summary = f"{task.id} {task.title}"
        if len(task.occurrences) > 1:
            summary += f" – {occurrence.label}"
        found.append(
            Event(
                uid=f"{task.id}-{occurrence_key(task, index, occurrence)}@{domain}",
                day=occurrence.due_date,
                stamp=last_changed(plan, task),
                summary=summary,
                description=describe(plan, task, occurrence, lang),
            )
        )
    return found


def calendar(plan: Plan, chosen: Iterable[tuple[Task, int]], lang: str) -> str:
    """The whole VCALENDAR, CRLF line ends, folded; encode it as UTF-8."""
    name = tr("export.ics.calendar_name", lang, title=plan.info.title)
    if plan.info.province:
        name += f" – {plan.info.province}"
    out = [
        fold("BEGIN:VCALENDAR"),
        fold("VERSION:2.0"),
        fold("PRODID:" + PRODID.format(lang=lang.upper())),
        fold("CALSCALE:GREGORIAN"),
        fold("X-WR-CALNAME:" + escape_text(name)),
    ]
    for event in events(plan, chosen, lang):
        out += [
            fold("BEGIN:VEVENT"),
            fold("UID:" + escape_text(event.uid)),
            fold(f"DTSTAMP:{event.stamp:%Y%m%d}T000000Z"),
            fold(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}"),
            fold(f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}"),
            fold("SUMMARY:" + escape_text(event.summary)),
            fold("DESCRIPTION:" + escape_text(event.description)),
            fold("CATEGORIES:CCHC"),
            # a deadline is not an appointment: it must not mark the day as busy
            fold("TRANSP:TRANSPARENT"),
            fold("END:VEVENT"),
        ]
    out.append(fold("END:VCALENDAR"))
    return "".join(out)
