"""`cchc due` as JSON, CSV and Markdown, and the cell texts the terminal table shares.

No rich here: the JSON and Markdown paths must start fast and run where rich is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ..agencies import Role, Via
from ..deadline import DeadlineKind
from ..i18n import tr
from ..model import Plan
from ..quarter import Quarter
from ..schedule import Bucket, Item, Schedule, State
from ..text import roman
from .common import agency_cell, iso, md_cell, md_table, to_csv, vn_date

OPEN_BUCKETS = (Bucket.OVERDUE, Bucket.DUE, Bucket.UPCOMING, Bucket.NO_FIXED_DEADLINE)


def shown_buckets(show_done: bool) -> tuple[Bucket, ...]:
    return (*OPEN_BUCKETS, Bucket.DONE) if show_done else OPEN_BUCKETS


# --- texts ---------------------------------------------------------------------------------------
def quarter_name(quarter: Quarter, lang: str) -> str:
    return tr("due.quarter", lang, label=quarter.label())


def window_text(sched: Schedule, lang: str) -> str | None:
    """The quarters counted as upcoming, or None with --ahead 0."""
    if sched.ahead == 0:
        return None
    first = quarter_name(sched.reference.quarter + 1, lang)
    if sched.ahead == 1:
        return first
    return f"{first} – {quarter_name(sched.window_end, lang)}"


def bucket_heading(bucket: Bucket, sched: Schedule, lang: str, text: str = "bucket") -> str:
    """The heading of a bucket, or with text="empty" what stands in its place when it is empty."""
    if bucket is Bucket.UPCOMING:
        window = window_text(sched, lang)
        if window is None:
            return tr(f"due.{text}.upcoming_off", lang)
        return tr(f"due.{text}.upcoming", lang, window=window)
    quarter = quarter_name(sched.reference.quarter, lang)
    return tr(f"due.{text}.{bucket.value}", lang, quarter=quarter)


def empty_text(bucket: Bucket, sched: Schedule, lang: str) -> str:
    return bucket_heading(bucket, sched, lang, "empty")


def deadline_text(item: Item) -> str:
    """The deadline as the plan writes it; for a recurring or multi-milestone task, the wording
    of this occurrence ("Hàng năm (2023)", "Quý IV/2022: Hoàn thành 100% …")."""
    deadline = item.task.deadline
    recurring = deadline.is_recurring or deadline.kind is DeadlineKind.MILESTONES
    if item.occurrence is not None and recurring:
        return item.occurrence.label
    return item.task.deadline.wording


def title_text(item: Item) -> str:
    task = item.task
    return task.title + (f" ({task.note})" if task.note else "")


def status_text(item: Item, lang: str) -> str:
    if item.entry is None:
        return tr("due.state.unreported", lang)
    text = tr(f"due.state.{item.state.value}", lang)
    if item.percent is not None and not item.state.is_done:
        text += f" ({item.percent:g}%)"
    return text


def match_text(item: Item, sched: Schedule, lang: str) -> str:
    """How the task falls on the filtered agency: "trực tiếp", "qua nhóm Sở, ban, ngành",
    "phối hợp, trực tiếp" (the role is named only when the filter admits partners)."""
    link = item.link
    if link is None:
        return ""
    parts = []
    if sched.agency is not None and sched.agency.role is not Role.LEAD:
        parts.append(tr(f"due.match.{link.role.value}", lang))
    if link.via is Via.GROUP:
        parts.append(tr("due.match.group", lang, name=link.ref.agency))
    elif link.via is Via.PREDECESSOR:
        parts.append(tr("due.match.predecessor", lang, name=link.ref.agency))
    else:
        parts.append(tr("due.match.direct", lang))
    return ", ".join(parts)


def scope_lines(plan: Plan, sched: Schedule, lang: str) -> list[str]:
    """What the output covers: plan, reference date, and the filters in force."""
    lines = [
        tr("due.plan", lang, title=plan.info.title),
        tr("due.as_of", lang, date=vn_date(sched.reference.as_of)),
    ]
    wanted = sched.agency
    if wanted is not None:
        name = wanted.agency.name
        line = tr(
            "due.scope.agency",
            lang,
            name=name,
            role=tr(f"due.scope.role.{wanted.role.value}", lang),
        )
        extra: list[str] = []
        predecessors = _through(sched, Via.PREDECESSOR)
        if predecessors:
            extra.append(tr("due.scope.predecessors", lang, names=", ".join(predecessors)))
        if wanted.direct:
            extra.append(tr("due.scope.direct", lang))
        else:
            groups = plan.registry.groups_of(name)
            if groups:
                extra.append(tr("due.scope.groups", lang, names="; ".join(groups)))
        lines.append(line + ("; " + "; ".join(extra) if extra else ""))
    if sched.section is not None:
        section = plan.section(sched.section)
        if section is not None:
            lines.append(tr("due.scope.section", lang, id=section.id, title=section.title))
    if sched.states is not None:
        names = [tr(f"due.state.{s.value}", lang) for s in State if s in sched.states]
        lines.append(tr("due.scope.status", lang, states=", ".join(names)))
    return lines


def _through(sched: Schedule, via: Via) -> list[str]:
    found: list[str] = []
    for item in sched.items:
        for link in item.links:
            if link.via is via and link.ref.agency not in found:
                found.append(link.ref.agency)
    return found


STALE_MARK = "*"


def stale_line(sched: Schedule, lang: str) -> str | None:
    """The legend of the stale mark, with how many occurrences carry it; None when none do."""
    count = sum(1 for bucket in OPEN_BUCKETS for item in sched.bucket(bucket) if item.stale)
    if not count:
        return None
    previous = sched.reference.quarter - 1
    since = vn_date(previous.first_day)
    quarter = quarter_name(previous, lang)
    return tr("due.stale", lang, mark=STALE_MARK, count=count, since=since, quarter=quarter)


def counts_line(sched: Schedule, lang: str, show_done: bool) -> str:
    counts = sched.counts()
    return " · ".join(
        f"{tr(f'due.short.{b.value}', lang)}: {counts[b]}" for b in shown_buckets(show_done)
    )


# --- columns -------------------------------------------------------------------------------------
class Column(NamedTuple):
    key: str  # i18n key of the header
    value: Callable[[Item], str]
    short: bool = False  # narrow values (quarters, counts): the table keeps them on one line


def columns(bucket: Bucket, sched: Schedule, items: Sequence[Item], lang: str) -> list[Column]:
    """The columns of one bucket's table, shared by Markdown and the terminal table."""
    cols = [
        Column("col.id", lambda i: i.id + STALE_MARK if i.stale else i.id, short=True),
        Column("col.task", title_text),
        Column("col.lead", lambda i: agency_cell(i.task.lead)),
        Column("col.deadline", deadline_text),
    ]
    quarter = Column("due.col.quarter", lambda i: i.quarter.label() if i.quarter else "", True)
    if bucket is Bucket.OVERDUE:
        cols += [quarter, Column("due.col.late", lambda i: str(i.quarters_late), True)]
    elif bucket in (Bucket.DUE, Bucket.UPCOMING, Bucket.LATER):
        cols += [quarter, Column("due.col.left", lambda i: str(i.quarters_left), True)]
    elif bucket is Bucket.NO_FIXED_DEADLINE:
        cols.append(Column("col.kind", lambda i: tr(f"kind.{i.task.deadline.kind.value}", lang)))
    if bucket is Bucket.DONE:
        cols += [
            quarter,
            Column("due.col.status", lambda i: status_text(i, lang)),
            Column(
                "due.col.completed",
                lambda i: vn_date(i.completed_on) if i.completed_on else "",
                True,
            ),
            Column("due.col.evidence", lambda i: i.entry.evidence or "" if i.entry else ""),
        ]
    elif any(i.reported for i in items):
        # Only where something was reported: a column saying "no report" on every row of the
        # shipped plan would be noise.
        cols.append(Column("due.col.status", lambda i: status_text(i, lang)))
    if sched.agency is not None:
        cols.append(Column("due.col.match", lambda i: match_text(i, sched, lang)))
    return cols


# --- JSON and CSV --------------------------------------------------------------------------------
def _link_record(item: Item) -> dict[str, Any] | None:
    link = item.link
    if link is None:
        return None
    return {
        "role": link.role.value,
        "via": link.via.value,
        "through": link.through,
        "scope": link.ref.scope,
    }


def record(item: Item) -> dict[str, Any]:
    # Written out rather than through Item's properties: one call each, 17k records a roll-up.
    task = item.task
    entry = item.entry
    occurrence = item.occurrence
    done = item.state is State.DONE or item.state is State.DONE_LATE
    return {
        "id": task.id,
        "section": task.section,
        "title": task.title,
        "lead": [r.agency for r in task.lead],
        "partners": [r.agency for r in task.partners],
        "deadline": task.deadline.wording,
        "kind": task.deadline.kind._value_,
        "label": occurrence.label if occurrence else None,
        "quarter": occurrence.quarter.label() if occurrence else None,
        "due_date": occurrence.due_date.isoformat() if occurrence else None,
        "target": occurrence.target if occurrence else None,
        "status": item.state._value_,
        "reported": entry is not None,
        "stale": item.stale,
        "quarters_late": item.quarters_late,
        "quarters_left": item.quarters_left,
        "percent": item.percent,
        "completed_on": entry.day.isoformat() if done and entry and entry.day else None,
        "progress": None
        if entry is None
        else {
            "status": entry.status._value_,
            "date": iso(entry.day),
            "evidence": entry.evidence,
            "percent": entry.percent,
            "note": entry.note,
        },
        "match": _link_record(item) if item.links else None,
    }


def due_value(plan: Plan, sched: Schedule, show_done: bool) -> dict[str, Any]:
    """What `cchc due --format json` writes."""
    wanted = sched.agency
    counts = sched.counts()
    buckets = shown_buckets(show_done)
    value: dict[str, Any] = {
        "plan": plan.info.title,
        "quarter": sched.reference.quarter.label(),
        "as_of": sched.reference.as_of.isoformat(),
        "ahead": sched.ahead,
        "upcoming_until": sched.window_end.label() if sched.ahead else None,
        "agency": None
        if wanted is None
        else {
            "name": wanted.agency.name,
            "role": wanted.role.value,
            "direct": wanted.direct,
        },
        "section": sched.section,
        "status_filter": None
        if sched.states is None
        else [s.value for s in State if s in sched.states],
        "counts": {b.value: counts[b] for b in buckets},
    }
    for bucket in buckets:
        value[bucket.value] = [record(i) for i in sched.bucket(bucket)]
    return value


# The fields of `cchc due --format json`, nested objects flattened (progress.status, …), with
# the bucket each record sits in as the first column.
CSV_COLUMNS = (
    "bucket",
    "id",
    "section",
    "title",
    "lead",
    "partners",
    "deadline",
    "kind",
    "label",
    "quarter",
    "due_date",
    "target",
    "status",
    "reported",
    "stale",
    "quarters_late",
    "quarters_left",
    "percent",
    "completed_on",
    "progress.status",
    "progress.date",
    "progress.evidence",
    "progress.percent",
    "progress.note",
    "match.role",
    "match.via",
    "match.through",
    "match.scope",
)


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def due_csv(plan: Plan, sched: Schedule, lang: str, show_done: bool) -> str:
    rows = []
    for bucket in shown_buckets(show_done):
        for item in sched.bucket(bucket):
            row = _flatten(record(item))
            row["bucket"] = bucket.value
            row["lead"] = agency_cell(item.task.lead)
            row["partners"] = agency_cell(item.task.partners)
            rows.append(row)
    return to_csv(rows, CSV_COLUMNS)


# --- Markdown ------------------------------------------------------------------------------------
def due_markdown(plan: Plan, sched: Schedule, lang: str, show_done: bool) -> str:
    quarter = quarter_name(sched.reference.quarter, lang)
    out = [f"# {tr('due.title', lang, quarter=quarter)}\n\n"]
    out += [f"{line}.\n\n" for line in scope_lines(plan, sched, lang)]
    out.append(counts_line(sched, lang, show_done) + "\n")
    stale = stale_line(sched, lang)
    if stale:
        out.append(f"\n{md_cell(stale)}\n")
    for number, bucket in enumerate(shown_buckets(show_done)):
        items = sched.bucket(bucket)
        heading = bucket_heading(bucket, sched, lang)
        out.append(f"\n## {roman(number + 1)}. {heading} ({len(items)})\n\n")
        if not items:
            out.append(empty_text(bucket, sched, lang) + "\n")
            continue
        cols = columns(bucket, sched, items, lang)
        out.append(
            md_table([tr(c.key, lang) for c in cols], ([c.value(i) for c in cols] for i in items))
        )
    return "".join(out)
