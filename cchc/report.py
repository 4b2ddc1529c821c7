"""The quarterly progress report: numbers counted over a `Schedule`, and the memo built on them.

Pure: no I/O, no clock. Every number comes from the same `Item`s `cchc due` shows, so the
report and `cchc due --format json` cannot disagree for the same reference time.

Each dated occurrence falls in exactly one column (so a row adds up to its total):
- done: completed, on time or late;
- in progress: reported as under way and not yet overdue;
- overdue: not completed and its quarter is before the reference quarter;
- not yet due: not started and not overdue (due this quarter or later);
- no fixed deadline: continuous or conditional tasks (one item each) that are not completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .document import Block, Document, Heading, Paragraph, Table, roman
from .model import Plan
from .schedule import Bucket, Item, Schedule, State
from .text import sort_key

_WORDS = {
    "title": ("Báo cáo tiến độ thực hiện {title}", "Progress report: {title}"),
    "scope": ("Kỳ báo cáo: Quý {quarter}.", "Reporting period: quarter {quarter}."),
    "agency": ("Cơ quan: {name}.", "Agency: {name}."),
    "cutoff": ("Số liệu tính đến ngày {date}.", "Data as of {date}."),
    "h.summary": ("Tổng quan", "Summary"),
    "h.sections": ("Kết quả theo lĩnh vực", "By section"),
    "h.agencies": ("Kết quả theo cơ quan chủ trì", "By lead agency"),
    "h.overdue": ("Danh mục nhiệm vụ quá hạn", "Overdue tasks"),
    "h.milestones": ("Chỉ tiêu theo mốc", "Milestone targets"),
    "col.no": ("STT", "No."),
    "col.section": ("Lĩnh vực", "Section"),
    "col.agency": ("Cơ quan chủ trì", "Lead agency"),
    "col.total": ("Tổng số", "Total"),
    "col.done": ("Hoàn thành", "Done"),
    "col.in_progress": ("Đang thực hiện", "In progress"),
    "col.overdue": ("Quá hạn", "Overdue"),
    "col.not_due": ("Chưa đến hạn", "Not yet due"),
    "col.no_fixed": ("Không có thời hạn cố định", "No fixed deadline"),
    "col.stale": ("Chưa cập nhật", "Not updated"),
    "stale.legend": (
        "Chưa cập nhật: số kỳ hạn chưa hoàn thành không có báo cáo tiến độ từ {since} (đầu "
        "Quý {quarter}), thuộc {tasks} nhiệm vụ.",
        "Not updated: open occurrences with no progress report since {since} (start of "
        "quarter {quarter}), in {tasks} tasks.",
    ),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.deadline": ("Thời hạn", "Deadline"),
    "col.late": ("Số quý quá hạn", "Quarters late"),
    "col.progress": ("Tiến độ gần nhất", "Latest progress"),
    "col.milestone": ("Mốc", "Milestone"),
    "col.target": ("Chỉ tiêu", "Target"),
    "col.percent": ("Đã đạt", "Reached"),
    "none.overdue": ("Không có nhiệm vụ quá hạn.", "No overdue tasks."),
    "none.milestones": ("Không có chỉ tiêu theo mốc.", "No milestone targets."),
    "total": ("Tổng cộng", "Total"),
    "unreported": ("chưa có báo cáo", "not reported"),
    "state.in_progress": ("đang thực hiện", "in progress"),
    "state.not_started": ("chưa thực hiện", "not started"),
    "state.done": ("hoàn thành", "done"),
    "state.done_late": ("hoàn thành quá hạn", "done late"),
    "summary": (
        "{subject} có {tasks} nhiệm vụ với {occurrences} kỳ hạn phải hoàn thành và "
        "{no_fixed_total} nhiệm vụ thường xuyên hoặc theo lộ trình. Tính đến ngày {date}: "
        "hoàn thành {done} kỳ hạn "
        "({on_time} đúng hạn, {late} quá hạn); {in_progress} kỳ hạn đang thực hiện trong hạn; "
        "{overdue} kỳ hạn quá hạn chưa hoàn thành ({overdue_in_progress} đang thực hiện, "
        "{overdue_not_started} chưa thực hiện); {not_due} kỳ hạn chưa đến hạn; {no_fixed} nhiệm vụ "
        "thường xuyên hoặc theo lộ trình đang theo dõi. Tỷ lệ hoàn thành trên số kỳ hạn đã đến "
        "hạn: {rate}.",
        "{subject} has {tasks} tasks with {occurrences} dated occurrences and {no_fixed_total} "
        "continuous or conditional tasks. As of {date}: {done} occurrences done ({on_time} on "
        "time, {late} late); {in_progress} in progress within their deadline; {overdue} overdue "
        "and not done ({overdue_in_progress} in progress, {overdue_not_started} not started); "
        "{not_due} not yet due; {no_fixed} continuous or conditional tasks being followed. "
        "Completion rate over the occurrences that have come due: {rate}.",
    ),
}


def word(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**args)


def _count(n: int, lang: str = "vi") -> str:
    """Counts as Vietnamese official reports write them: '07 nhiệm vụ', '23 nhiệm vụ'."""
    return str(n) if lang == "en" else f"{n:02d}"


def percent(numerator: int, denominator: int, lang: str) -> str:
    """85,7% in Vietnamese, 85.7% in English; one decimal, none when it is zero."""
    if denominator == 0:
        return "—"
    text = f"{100 * numerator / denominator:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return (text if lang == "en" else text.replace(".", ",")) + "%"


@dataclass(slots=True)
class Tally:
    """One row of a table: how many items fall in each column."""

    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue_in_progress: int = 0
    overdue_not_started: int = 0
    not_due: int = 0
    no_fixed: int = 0
    stale: int = 0  # open occurrences not reported on since the previous quarter began
    tasks: set[str] = field(default_factory=set)
    stale_tasks: set[str] = field(default_factory=set)

    def add(self, item: Item) -> None:
        self.tasks.add(item.task.id)
        if item.stale and item.bucket is not Bucket.LATER:
            self.stale += 1
            self.stale_tasks.add(item.task.id)
        if item.state is State.DONE:
            self.done_on_time += 1
        elif item.state is State.DONE_LATE:
            self.done_late += 1
        elif item.bucket is Bucket.NO_FIXED_DEADLINE:
            self.no_fixed += 1
        elif item.bucket is Bucket.OVERDUE:
            if item.state is State.IN_PROGRESS:
                self.overdue_in_progress += 1
            else:
                self.overdue_not_started += 1
        elif item.state is State.IN_PROGRESS:
            self.in_progress += 1
        else:
            self.not_due += 1

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def overdue(self) -> int:
        return self.overdue_in_progress + self.overdue_not_started

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.overdue + self.not_due + self.no_fixed

    def as_dict(self) -> dict[str, int]:
        return {
            "tasks": len(self.tasks),
            "items": self.total,
            "done": self.done,
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "in_progress": self.in_progress,
            "overdue": self.overdue,
            "overdue_in_progress": self.overdue_in_progress,
            "overdue_not_started": self.overdue_not_started,
            "not_yet_due": self.not_due,
            "no_fixed_deadline": self.no_fixed,
            "stale": self.stale,
            "stale_tasks": len(self.stale_tasks),
        }


def tally(items: Iterable[Item]) -> Tally:
    result = Tally()
    for item in items:
        result.add(item)
    return result


@dataclass(frozen=True)
class Report:
    plan: Plan
    schedule: Schedule
    summary: Tally
    due_now: int  # occurrences due in the reference quarter and not done (the rate's denominator)
    done_come_due: int  # done occurrences whose quarter is the reference quarter or earlier
    by_section: tuple[tuple[str, str, Tally], ...]  # (id, title, tally)
    by_agency: tuple[tuple[str, Tally], ...]  # (lead agency, tally), Vietnamese name order
    overdue: tuple[tuple[str, tuple[Item, ...]], ...]  # grouped by lead agency
    milestones: tuple[Item, ...]

    @property
    def come_due(self) -> int:
        """Occurrences whose deadline has come by the reference: done, overdue, or due now."""
        return self.done_come_due + self.summary.overdue + self.due_now

    @property
    def dated_occurrences(self) -> int:
        return sum(1 for i in self.schedule.items if i.occurrence is not None)


def build_report(plan: Plan, schedule: Schedule) -> Report:
    items = schedule.items
    by_section: dict[str, Tally] = {}
    for item in items:  # one pass: a scan of every item per section is quadratic in a roll-up
        by_section.setdefault(item.task.section, Tally()).add(item)
    sections = [
        (section.id, section.title, by_section[section.id])
        for section in plan.sections
        if section.id in by_section
    ]
    as_of = schedule.reference.as_of

    def answering(name: str) -> str:
        """After a merger the successor answers for the predecessor's tasks (as `--agency`)."""
        seen = {name}
        agency = plan.registry.get(name)
        while agency is not None and agency.successor is not None:
            since = agency.successor_since
            if (since is not None and since > as_of) or agency.successor in seen:
                break
            name = agency.successor
            seen.add(name)
            agency = plan.registry.get(name)
        return name

    by_agency: dict[str, Tally] = {}
    overdue: dict[str, list[Item]] = {}
    for item in items:
        for name in dict.fromkeys(answering(ref.agency) for ref in item.task.lead):
            by_agency.setdefault(name, Tally()).add(item)
            if item.bucket is Bucket.OVERDUE:
                overdue.setdefault(name, []).append(item)
    agencies = sorted(by_agency, key=sort_key)
    milestones = tuple(
        i for i in items if i.task.deadline.kind.value == "milestones" and i.target is not None
    )
    return Report(
        plan,
        schedule,
        tally(items),
        sum(1 for i in items if i.bucket is Bucket.DUE),
        sum(
            1
            for i in items
            if i.state.is_done and i.quarter is not None and i.quarter <= schedule.reference.quarter
        ),
        tuple(sections),
        tuple((name, by_agency[name]) for name in agencies),
        tuple((name, tuple(overdue[name])) for name in agencies if name in overdue),
        milestones,
    )


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


def _tally_header(first: Sequence[str], lang: str) -> tuple[str, ...]:
    keys = (
        "col.total",
        "col.done",
        "col.in_progress",
        "col.overdue",
        "col.not_due",
        "col.no_fixed",
    )
    return (*first, *(word(k, lang) for k in keys))


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
        return _count(n, lang)

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
        doc.add(Heading(f"{group_number}. {name} ({_count(len(items), lang)})", 2, agencies=names))
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


def as_record(report: Report) -> dict[str, object]:
    """The report's numbers for other tools (the JSON format)."""
    reference = report.schedule.reference
    wanted = report.schedule.agency
    return {
        "plan": report.plan.info.title,
        "quarter": reference.quarter.label(),
        "as_of": reference.as_of.isoformat(),
        "agency": None if wanted is None else wanted.agency.name,
        "summary": {
            **report.summary.as_dict(),
            "occurrences": report.dated_occurrences,
            "due_now": report.due_now,
            "come_due": report.come_due,
            "completion_rate": round(report.done_come_due / report.come_due, 4)
            if report.come_due
            else None,
        },
        "by_section": [
            {"section": sid, "title": title, **t.as_dict()} for sid, title, t in report.by_section
        ],
        "by_agency": [{"agency": name, **t.as_dict()} for name, t in report.by_agency],
        "overdue": [
            {
                "agency": name,
                "items": [
                    {
                        "id": i.task.id,
                        "title": i.task.title,
                        "deadline": i.occurrence.label if i.occurrence else i.task.deadline.wording,
                        "quarter": i.quarter.label() if i.quarter else None,
                        "quarters_late": i.quarters_late,
                        "status": i.state.value,
                        "note": i.entry.note if i.entry else None,
                        "evidence": i.entry.evidence if i.entry else None,
                    }
                    for i in items
                ],
            }
            for name, items in report.overdue
        ],
        "milestones": [
            {
                "id": i.task.id,
                "quarter": i.quarter.label() if i.quarter else None,
                "target": i.target,
                "percent": i.percent,
                "status": i.state.value,
            }
            for i in report.milestones
        ],
    }
