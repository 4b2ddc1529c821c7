"""The plan as the rest of the program sees it: agencies, tasks, sections, progress.

Pure: no I/O. Every object built from the file carries the `Span` it came from, so any later
check can point at the line that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import NamedTuple

from .deadline import Deadline, Occurrence
from .problems import NOWHERE, Span
from .quarter import Quarter
from .text import loose_key, name_key


class Status(str, Enum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


# Spellings accepted in the file, by their loose key (so "hoan thanh" and "Hoàn thành" agree).
STATUS_WORDS: dict[str, Status] = {
    loose_key(word): status
    for words, status in (
        (("hoàn thành", "đã hoàn thành", "done", "completed"), Status.DONE),
        (("đang thực hiện", "in_progress", "in progress"), Status.IN_PROGRESS),
        (("chưa thực hiện", "not_started", "not started"), Status.NOT_STARTED),
    )
    for word in words
}


# The records are NamedTuples: immutable like frozen dataclasses, but ~1.5 ms cheaper each to
# define at start-up and ~4 times cheaper to construct (a 10k-task plan makes ~100k of them).
class Agency(NamedTuple):
    name: str
    aliases: tuple[str, ...] = ()
    is_group: bool = False
    member_of: tuple[str, ...] = ()  # canonical names of the groups it belongs to
    successor: str | None = None  # canonical name of the body that took over its duties
    successor_since: date | None = None
    note: str | None = None
    span: Span = NOWHERE


class AgencyRef(NamedTuple):
    """One entry of a task's lead or partner list."""

    agency: str  # canonical name
    written: str  # as the file writes it
    scope: str | None = None  # the part of the task this agency answers for
    span: Span = NOWHERE


class ProgressEntry(NamedTuple):
    status: Status
    due: Quarter | None = None  # the occurrence it reports on; None where the task has one or none
    day: date | None = None  # completion or report date
    evidence: str | None = None
    percent: float | None = None
    note: str | None = None
    span: Span = NOWHERE
    due_span: Span = NOWHERE
    day_span: Span = NOWHERE


class Task(NamedTuple):
    id: str
    section: str
    number: int
    title: str
    lead: tuple[AgencyRef, ...]
    partners: tuple[AgencyRef, ...]
    deadline: Deadline
    occurrences: tuple[Occurrence, ...]
    note: str | None = None
    progress: tuple[ProgressEntry, ...] = ()
    span: Span = NOWHERE
    deadline_span: Span = NOWHERE
    # where each occurrence is written (milestones have one span each); parallel to occurrences
    occurrence_spans: tuple[Span, ...] = ()

    def occurrence(self, quarter: Quarter | None) -> Occurrence | None:
        """The occurrence a progress entry's `due` names (None: the only one)."""
        if quarter is None:
            return self.occurrences[0] if len(self.occurrences) == 1 else None
        for occurrence in self.occurrences:
            if occurrence.quarter == quarter:
                return occurrence
        return None

    def progress_for(self, quarter: Quarter | None) -> tuple[ProgressEntry, ...]:
        """Entries reporting on one occurrence (quarter) or, for undated tasks, on the task."""
        if quarter is None or not self.progress:
            return self.progress
        single = len(self.occurrences) == 1
        return tuple(p for p in self.progress if p.due == quarter or (p.due is None and single))


class Section(NamedTuple):
    id: str
    title: str
    tasks: tuple[Task, ...]
    span: Span = NOWHERE


class PlanInfo(NamedTuple):
    title: str
    source: str
    province: str | None
    first: Quarter
    last: Quarter
    span: Span = NOWHERE


class Registry:
    """Agencies and groups, found by any spelling of their name or aliases."""

    def __init__(self, agencies: tuple[Agency, ...]) -> None:
        self.agencies = agencies
        self._by_name = {a.name: a for a in agencies}
        self._by_key: dict[str, Agency] = {}
        self._by_loose: dict[str, list[Agency]] = {}
        for agency in agencies:
            for spelling in (agency.name, *agency.aliases):
                self._by_key.setdefault(name_key(spelling), agency)
                bucket = self._by_loose.setdefault(loose_key(spelling), [])
                if agency not in bucket:
                    bucket.append(agency)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies)

    def __eq__(self, other: object) -> bool:  # the lookups are derived from the agencies
        return isinstance(other, Registry) and other.agencies == self.agencies

    def __hash__(self) -> int:
        return hash(self.agencies)

    def __len__(self) -> int:
        return len(self.agencies)

    def get(self, canonical: str) -> Agency | None:
        return self._by_name.get(canonical)

    def resolve(self, spelling: str) -> Agency | None:
        """Exact resolution, blind only to case, spacing, Unicode form and tone placement."""
        return self._by_key.get(name_key(spelling))

    def find(self, query: str) -> list[Agency]:
        """Loose search for people typing on the command line: diacritics optional."""
        return list(self._by_loose.get(loose_key(query), ()))

    def suggest(self, spelling: str, limit: int = 3) -> list[str]:
        """Registry spellings closest to an unknown name, best first."""
        import difflib  # only to suggest a name for a misspelling

        keys = list(self._by_loose)
        close = difflib.get_close_matches(loose_key(spelling), keys, n=limit, cutoff=0.6)
        names: list[str] = []
        for key in close:
            for agency in self._by_loose[key]:
                if agency.name not in names:
                    names.append(agency.name)
        return names[:limit]

    def groups_of(self, canonical: str) -> tuple[str, ...]:
        """Every group the agency belongs to, directly or through other groups, nearest first."""
        found: list[str] = []
        queue = list(self._member_of(canonical))
        while queue:
            group = queue.pop(0)
            if group in found or group == canonical:
                continue
            found.append(group)
            queue.extend(self._member_of(group))
        return tuple(found)

    def members(self, group: str) -> tuple[str, ...]:
        return tuple(a.name for a in self.agencies if group in self.groups_of(a.name))

    def predecessors(self, canonical: str) -> tuple[str, ...]:
        return tuple(a.name for a in self.agencies if a.successor == canonical)

    def _member_of(self, canonical: str) -> tuple[str, ...]:
        agency = self._by_name.get(canonical)
        return agency.member_of if agency else ()


class Plan:
    """The whole plan. Built once per file and never changed (nothing assigns to it)."""

    __slots__ = ("_index", "info", "registry", "sections", "version")

    def __init__(
        self, version: int, info: PlanInfo, registry: Registry, sections: tuple[Section, ...]
    ) -> None:
        self.version = version
        self.info = info
        self.registry = registry
        self.sections = sections
        self._index: dict[str, Task] = {}
        for section in sections:
            for task in section.tasks:
                self._index.setdefault(task.id, task)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(version={self.version}, info={self.info!r}, …)"

    @property
    def tasks(self) -> Iterator[Task]:
        for section in self.sections:
            yield from section.tasks

    def task(self, task_id: str) -> Task | None:
        return self._index.get(task_id.strip().upper())

    def section(self, section_id: str) -> Section | None:
        wanted = section_id.strip().upper()
        return next((s for s in self.sections if s.id == wanted), None)
