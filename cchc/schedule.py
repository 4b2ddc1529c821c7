"""Where every occurrence of every task stands at a reference time (who answers for it:
`agencies`).

Pure: no I/O, no clock. The CLI builds a `Reference` (from --quarter, --as-of or today), calls
`schedule()` and hands the resulting plain dataclasses to a renderer. `cchc report` and
`cchc agencies` count over the same `Item`s, so every command agrees on what is overdue.

Rules (issue 3):
- an occurrence is done when the last progress entry that applies at the reference date says
  so; entries dated after the reference date are ignored (a report for an earlier quarter shows
  the state as it was then), undated entries always apply;
- done late: completed after the occurrence's `due_date` (the last day the deadline allows: the
  end of the quarter for "Quý IV/2023", the date itself for "30/11/2025");
- open occurrences fall in a bucket by quarter: overdue (before the reference quarter R, or
  in R with a due date before the reference day: exact dates, issue 13), due (in R, due date
  not passed), upcoming (R < q <= R + ahead), later (beyond the window);
- tasks without dated occurrences (continuous, conditional) give one item, never overdue;
- stale (after hledger's `check recentassertions`): an open item whose last dated progress
  entry is older than the first day of the quarter before R, or that has none once its quarter
  has started (a task with no fixed date: once the plan's period has). An entry without a date
  cannot be judged and keeps the item from being stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import NamedTuple

from .agencies import AgencyFilter, Link, Matcher
from .deadline import Occurrence
from .model import STATUS_WORDS, Plan, ProgressEntry, Status, Task
from .quarter import Quarter
from .text import loose_key

__all__ = [
    "Bucket",
    "Item",
    "Reference",
    "Schedule",
    "State",
    "classify_task",
    "parse_states",
    "schedule",
]


# --- reference time ------------------------------------------------------------------------------
class _Moment(NamedTuple):
    quarter: Quarter
    as_of: date


class Reference(_Moment):
    """The moment a schedule describes: a quarter and a day inside it. (A NamedTuple, checked
    when made: a frozen dataclass costs 0.3 ms more to define at every start.)"""

    __slots__ = ()

    def __new__(cls, quarter: Quarter, as_of: date) -> Reference:
        if Quarter.of(as_of) != quarter:
            raise ValueError(f"{as_of.isoformat()} is not in {quarter.label()}")
        return super().__new__(cls, quarter, as_of)

    @classmethod
    def of_quarter(cls, quarter: Quarter) -> Reference:
        """The state at the end of the quarter, as quarterly reports describe it."""
        return cls(quarter, quarter.last_day)

    @classmethod
    def of_date(cls, day: date) -> Reference:
        return cls(Quarter.of(day), day)


# --- classification ------------------------------------------------------------------------------
class State(str, Enum):
    DONE = "done"  # completed on or before its due date
    DONE_LATE = "done_late"  # completed after its due date
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"  # also when nothing has been reported

    @property
    def is_done(self) -> bool:
        return self in (State.DONE, State.DONE_LATE)


class Bucket(str, Enum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    LATER = "later"
    NO_FIXED_DEADLINE = "no_fixed_deadline"
    DONE = "done"


# Plan order inside a bucket; this is the order buckets are shown in.
BUCKET_ORDER = (
    Bucket.OVERDUE,
    Bucket.DUE,
    Bucket.UPCOMING,
    Bucket.LATER,
    Bucket.NO_FIXED_DEADLINE,
    Bucket.DONE,
)


# Records made in bulk or on every run are NamedTuples: a frozen dataclass costs ~1.5 ms of
# start-up to define and ~4 times as long to construct.
class Item(NamedTuple):
    """One occurrence of one task (or the whole task when it has no dated occurrence)."""

    task: Task
    occurrence: Occurrence | None
    position: int  # index among the task's occurrences (0 for undated tasks)
    bucket: Bucket
    state: State
    entry: ProgressEntry | None  # the last progress entry that applies at the reference date
    percent: float | None  # the last reported percent that applies (milestone targets)
    quarters_late: int | None  # R - q, overdue items only
    quarters_left: int | None  # q - R, due and upcoming items only
    links: tuple[Link, ...] = ()  # best first; empty unless an agency filter was applied
    stale: bool = False  # open, and not reported on since the previous quarter began

    @property
    def id(self) -> str:
        return self.task.id

    @property
    def quarter(self) -> Quarter | None:
        return self.occurrence.quarter if self.occurrence else None

    @property
    def due_date(self) -> date | None:
        return self.occurrence.due_date if self.occurrence else None

    @property
    def target(self) -> str | None:
        return self.occurrence.target if self.occurrence else None

    @property
    def completed_on(self) -> date | None:
        return self.entry.day if self.entry is not None and self.state.is_done else None

    @property
    def reported(self) -> bool:
        return self.entry is not None

    @property
    def link(self) -> Link | None:
        return self.links[0] if self.links else None


class Schedule(NamedTuple):
    """The items of a schedule, and each bucket's share of them as the field named by its
    value, in BUCKET_ORDER. (A NamedTuple: a dataclass costs more to define than to use.)"""

    reference: Reference
    ahead: int
    items: tuple[Item, ...]  # plan order: section, task, occurrence
    agency: AgencyFilter | None
    section: str | None
    states: frozenset[State] | None
    overdue: tuple[Item, ...]
    due: tuple[Item, ...]
    upcoming: tuple[Item, ...]
    later: tuple[Item, ...]
    no_fixed_deadline: tuple[Item, ...]
    done: tuple[Item, ...]

    @property
    def window_end(self) -> Quarter:
        """The last quarter counted as upcoming."""
        return self.reference.quarter + self.ahead

    def bucket(self, bucket: Bucket) -> tuple[Item, ...]:
        items: tuple[Item, ...] = getattr(self, bucket.value)
        return items

    def counts(self) -> dict[Bucket, int]:
        return {b: len(self.bucket(b)) for b in BUCKET_ORDER}

    def tasks(self) -> tuple[Task, ...]:
        """Distinct tasks among the items, plan order."""
        seen: dict[str, Task] = {}
        for item in self.items:
            seen.setdefault(item.task.id, item.task)
        return tuple(seen.values())


def _applicable(entries: Iterable[ProgressEntry], as_of: date) -> list[ProgressEntry]:
    return [e for e in entries if e.day is None or e.day <= as_of]


def _state(entry: ProgressEntry | None, due_date: date | None) -> State:
    if entry is None:
        return State.NOT_STARTED
    if entry.status is Status.DONE:
        late = due_date is not None and entry.day is not None and entry.day > due_date
        return State.DONE_LATE if late else State.DONE
    if entry.status is Status.IN_PROGRESS:
        return State.IN_PROGRESS
    return State.NOT_STARTED


def _item(
    task: Task,
    occurrence: Occurrence | None,
    index: int,
    entries: tuple[ProgressEntry, ...],
    reference: Reference,
    ahead: int,
    started: bool = True,
) -> Item:
    entry = percent = None
    state = State.NOT_STARTED
    applicable: list[ProgressEntry] = []
    if entries:  # most occurrences of a big plan have no progress record
        applicable = _applicable(entries, reference.as_of)
        entry = applicable[-1] if applicable else None
        percent = next((e.percent for e in reversed(applicable) if e.percent is not None), None)
        state = _state(entry, occurrence.due_date if occurrence else None)
    stale = False
    if not state.is_done:
        if applicable:
            days = [e.day for e in applicable if e.day is not None]
            since = (reference.quarter - 1).first_day
            stale = len(days) == len(applicable) and max(days) < since
        elif occurrence is None:
            stale = started
        else:
            stale = occurrence.quarter <= reference.quarter
    late: int | None = None
    left: int | None = None
    if state.is_done:
        bucket = Bucket.DONE
    elif occurrence is None:
        bucket = Bucket.NO_FIXED_DEADLINE
    else:
        distance = occurrence.quarter - reference.quarter
        # An occurrence is overdue from the day after its due date. For a quarter deadline that
        # is the next quarter; an exact date ("Trước ngày 15/12/2025", "Tháng 5/2025") is
        # overdue the next day, while its quarter is still the reference quarter (late by 0
        # quarters). A quarter reference is as of its last day, so nothing of it is still due.
        if distance < 0 or reference.as_of > occurrence.due_date:
            bucket, late = Bucket.OVERDUE, -distance
        elif distance == 0:
            bucket, left = Bucket.DUE, 0
        elif distance <= ahead:
            bucket, left = Bucket.UPCOMING, distance
        else:
            bucket = Bucket.LATER
    return Item(task, occurrence, index, bucket, state, entry, percent, late, left, stale=stale)


def classify_task(
    task: Task, reference: Reference, ahead: int = 1, started: bool = True
) -> tuple[Item, ...]:
    """Every occurrence of one task at the reference time; one item when it has none.
    started: whether the plan's period has begun (when a task with no fixed date can be stale)."""
    if ahead < 0:
        raise ValueError("ahead must be 0 or more")
    if not task.occurrences:
        return (_item(task, None, 0, task.progress, reference, ahead, started),)
    return tuple(
        _item(task, occurrence, i, task.progress_for(occurrence.quarter), reference, ahead)
        for i, occurrence in enumerate(task.occurrences)
    )


# --- status filter -------------------------------------------------------------------------------
_LATE_WORDS = {
    loose_key(w) for w in ("hoàn thành quá hạn", "đã hoàn thành quá hạn", "done_late", "late")
}
_ON_TIME_WORDS = {
    loose_key(w)
    for w in ("hoàn thành đúng hạn", "đã hoàn thành đúng hạn", "done_on_time", "on_time")
}


def parse_states(words: Iterable[str]) -> frozenset[State]:
    """States named on the command line; "hoàn thành" covers on time and late.

    Raises ValueError naming the first word that is not a status.
    """
    states: set[State] = set()
    for raw in words:
        for word in raw.split(","):
            key = loose_key(word.strip())
            if not key:
                continue
            if key in _LATE_WORDS:
                states.add(State.DONE_LATE)
            elif key in _ON_TIME_WORDS:
                states.add(State.DONE)
            elif key in STATUS_WORDS:
                status = STATUS_WORDS[key]
                if status is Status.DONE:
                    states |= {State.DONE, State.DONE_LATE}
                else:
                    states.add(State(status.value))
            else:
                raise ValueError(word.strip())
    return frozenset(states)


# --- the whole plan ------------------------------------------------------------------------------
def schedule(
    plan: Plan,
    reference: Reference,
    ahead: int = 1,
    *,
    agency: AgencyFilter | None = None,
    section: str | None = None,
    states: frozenset[State] | None = None,
) -> Schedule:
    """Every occurrence of the selected tasks at the reference time, in plan order.

    `section` that names no section selects nothing (the CLI reports unknown sections first).
    """
    matcher = Matcher.build(plan.registry, agency, reference.as_of) if agency is not None else None
    started = plan.info.first <= reference.quarter
    items: list[Item] = []
    grouped: dict[Bucket, list[Item]] = {b: [] for b in BUCKET_ORDER}
    found = plan.section(section) if section is not None else None
    tasks = plan.tasks if section is None else (found.tasks if found is not None else ())
    for task in tasks:
        task_links: tuple[Link, ...] = ()
        if matcher is not None:
            task_links = matcher.links(task)
            if not task_links:
                continue
        for item in classify_task(task, reference, ahead, started):
            if states is not None and item.state not in states:
                continue
            item = item._replace(links=task_links) if task_links else item
            items.append(item)
            grouped[item.bucket].append(item)
    buckets = (tuple(grouped[b]) for b in BUCKET_ORDER)
    return Schedule(reference, ahead, tuple(items), agency, section, states, *buckets)
