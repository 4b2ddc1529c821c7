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

from collections.abc import Iterable
from dataclasses import dataclass, field

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


def official_count(n: int, lang: str = "vi") -> str:
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
