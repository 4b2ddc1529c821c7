"""What changed between two versions of a plan, task by task (`cchc changes`).

Pure: two `Plan`s in, a list of `Change`s out; reading revisions from git is gitrev.py's job
and wording them is render/changes.py's. History should only grow: a progress entry that was
recorded and is now different or gone is a warning (`is_rewrite`), the rest is information.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

from .model import AgencyRef, Plan, ProgressEntry, Status, Task
from .problems import NOWHERE, Span


class Kind(str, Enum):
    ADDED = "added"  # a task only in the new plan
    REMOVED = "removed"  # a task only in the old plan
    DEADLINE = "deadline"  # deadline wording changed (quarters: how much later, when dated)
    LEAD = "lead"
    PARTNERS = "partners"
    PROGRESS_ADDED = "progress_added"  # a new entry that is not a completion
    COMPLETED = "completed"  # a new completion, on time
    COMPLETED_LATE = "completed_late"  # a new completion after the occurrence's due date
    PROGRESS_EDITED = "progress_edited"  # warning: a recorded entry now reads differently
    PROGRESS_DELETED = "progress_deleted"  # warning: a recorded entry is gone


REWRITES = frozenset({Kind.PROGRESS_EDITED, Kind.PROGRESS_DELETED})


class Change(NamedTuple):
    task: str
    kind: Kind
    old: str | None = None  # the value before, as the file words it
    new: str | None = None  # the value after
    quarters: int | None = None  # deadline moved: new - old, in quarters (negative: earlier)
    occurrence: str | None = None  # progress: the occurrence the entry reports on
    span: Span = NOWHERE  # where the change is in the new file (the task, for deletions)
    before: ProgressEntry | None = None  # progress: the entry as recorded
    after: ProgressEntry | None = None  # progress: the entry as it reads now

    @property
    def is_rewrite(self) -> bool:
        """Recorded progress edited or deleted (also through removing the task)."""
        return self.kind in REWRITES


class Diff(NamedTuple):
    changes: tuple[Change, ...]
    old_tasks: int
    new_tasks: int

    @property
    def rewrites(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.is_rewrite)

    def count(self, kind: Kind) -> int:
        return sum(1 for c in self.changes if c.kind is kind)


# --- wording of values (what a reader compares; spans and spellings of aliases do not count) ---
def _agencies(refs: Iterable[AgencyRef]) -> str:
    return "; ".join(f"{r.agency} ({r.scope})" if r.scope else r.agency for r in refs)


def _agency_key(refs: Iterable[AgencyRef]) -> tuple[tuple[str, str | None], ...]:
    # canonical names: writing "Sở TTTT" for "Sở Thông tin và Truyền thông" changes nothing
    return tuple((r.agency, r.scope) for r in refs)


_EntryKey = tuple[object, ...]


def _entry_key(entry: ProgressEntry) -> _EntryKey:
    """Everything an entry records, nothing about where it is written."""
    return (entry.status, entry.due, entry.day, entry.evidence, entry.percent, entry.note)


def _occurrence_label(task: Task, entry: ProgressEntry) -> str | None:
    occurrence = task.occurrence(entry.due)
    if occurrence is not None:
        return occurrence.label
    return entry.due.long_label() if entry.due else None


def _moved(old: Task, new: Task) -> int | None:
    """How many quarters later the new deadline's last dated point is (None: not comparable)."""
    if not (old.deadline.points and new.deadline.points):
        return None
    return new.deadline.points[-1].quarter - old.deadline.points[-1].quarter


def _progress(old: Task, new: Task) -> list[Change]:
    """Entries compared as multisets of what they record. An entry gone from the old list is an
    edit when the new list gained one for the same occurrence (same status first), else a
    deletion; what the new list gained beyond those is new progress."""
    old_keys = Counter(_entry_key(e) for e in old.progress)
    new_keys = Counter(_entry_key(e) for e in new.progress)
    gone = [e for e in old.progress if _take(old_keys - new_keys, e)]
    came = [e for e in new.progress if _take(new_keys - old_keys, e)]
    changes: list[Change] = []
    for before in gone:
        match = next((e for e in came if e.due == before.due and e.status == before.status), None)
        match = match or next((e for e in came if e.due == before.due), None)
        label = _occurrence_label(old, before)
        if match is None:
            changes.append(
                Change(
                    new.id, Kind.PROGRESS_DELETED, occurrence=label, span=new.span, before=before
                )
            )
            continue
        came.remove(match)
        changes.append(
            Change(
                new.id,
                Kind.PROGRESS_EDITED,
                occurrence=label,
                span=match.span,
                before=before,
                after=match,
            )
        )
    for entry in came:
        changes.append(_new_entry(new, entry))
    return changes


def _take(pool: Counter[_EntryKey], entry: ProgressEntry) -> bool:
    """True (and one fewer in the pool) when the pool still holds this entry's key."""
    key = _entry_key(entry)
    if pool[key] > 0:
        pool[key] -= 1
        return True
    return False


def _new_entry(task: Task, entry: ProgressEntry) -> Change:
    label = _occurrence_label(task, entry)
    kind = Kind.PROGRESS_ADDED
    if entry.status is Status.DONE:
        occurrence = task.occurrence(entry.due)
        late = occurrence is not None and entry.day is not None and entry.day > occurrence.due_date
        kind = Kind.COMPLETED_LATE if late else Kind.COMPLETED
    return Change(task.id, kind, occurrence=label, span=entry.span, after=entry)


def compare_tasks(old: Task, new: Task) -> list[Change]:
    changes: list[Change] = []
    if old.deadline.wording != new.deadline.wording:
        changes.append(
            Change(
                new.id,
                Kind.DEADLINE,
                old.deadline.wording,
                new.deadline.wording,
                _moved(old, new),
                None,
                new.deadline_span,
            )
        )
    if _agency_key(old.lead) != _agency_key(new.lead):
        changes.append(
            Change(
                new.id,
                Kind.LEAD,
                _agencies(old.lead),
                _agencies(new.lead),
                span=new.lead[0].span if new.lead else new.span,
            )
        )
    if _agency_key(old.partners) != _agency_key(new.partners):
        span = new.partners[0].span if new.partners else new.span
        changes.append(
            Change(
                new.id, Kind.PARTNERS, _agencies(old.partners), _agencies(new.partners), span=span
            )
        )
    # spans differ whenever a line moves: what counts is what the entries record
    if old.progress != new.progress and [_entry_key(e) for e in old.progress] != [
        _entry_key(e) for e in new.progress
    ]:
        changes.extend(_progress(old, new))
    return changes


def diff(old: Plan, new: Plan) -> Diff:
    """Every change, in the new plan's task order; removed tasks where they stood."""
    old_by_id = {t.id: t for t in old.tasks}
    new_ids = {t.id for t in new.tasks}
    changes: list[Change] = []
    for task in new.tasks:
        before = old_by_id.get(task.id)
        if before is None:
            changes.append(Change(task.id, Kind.ADDED, None, task.title, span=task.span))
            changes.extend(_new_entry(task, e) for e in task.progress)
        else:
            changes.extend(compare_tasks(before, task))
    for task in old.tasks:
        if task.id not in new_ids:
            changes.append(Change(task.id, Kind.REMOVED, task.title, None, span=task.span))
            # its recorded progress goes with it: a rewrite of history like any deletion
            changes.extend(
                Change(
                    task.id,
                    Kind.PROGRESS_DELETED,
                    occurrence=_occurrence_label(task, e),
                    span=task.span,
                    before=e,
                )
                for e in task.progress
            )
    return Diff(tuple(changes), len(old_by_id), len(new_ids))
