"""Which agency a task falls on: a --agency query resolved to one agency, and the lead or
partner entries of a task that name it, a body it took over from, or a group it belongs to.
Pure: `schedule()` filters by it once a run, `cchc export` occurrence by occurrence."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import NamedTuple

from .model import Agency, AgencyRef, Registry, Task
from .text import loose_key

__all__ = [
    "AgencyFilter",
    "AgencyNotFound",
    "Link",
    "Matcher",
    "Role",
    "Via",
    "links",
    "resolve_agency",
]


class Role(str, Enum):
    LEAD = "lead"
    PARTNER = "partner"
    ANY = "any"


class Via(str, Enum):
    DIRECT = "direct"  # the task names the agency itself (under any spelling)
    PREDECESSOR = "predecessor"  # the task names a body whose duties the agency took over
    GROUP = "group"  # the task names a group the agency belongs to


class Link(NamedTuple):
    """Why an agency filter kept a task: one of the task's lead or partner entries."""

    role: Role  # LEAD or PARTNER
    via: Via
    ref: AgencyRef  # the entry of the task that matched (carries its scope)

    @property
    def through(self) -> str | None:
        """The group or predecessor the match went through (None when direct)."""
        return None if self.via is Via.DIRECT else self.ref.agency


class AgencyFilter(NamedTuple):
    agency: Agency
    role: Role = Role.LEAD
    direct: bool = False  # only tasks naming the agency (or its predecessors), not its groups


class AgencyNotFound(LookupError):
    """A --agency query that names no agency, or several. Carries what to suggest instead."""

    def __init__(
        self, query: str, candidates: tuple[str, ...] = (), suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = candidates  # several agencies match: the query is ambiguous
        self.suggestions = suggestions  # nothing matches: the closest names

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)


def _partial_matches(registry: Registry, query: str, limit: int) -> list[str]:
    """Agencies whose name or alias contains every word of the query (diacritics optional)."""
    words = loose_key(query).split()
    if not words:
        return []
    found: list[str] = []
    for agency in registry:
        spellings = [loose_key(s).split() for s in (agency.name, *agency.aliases)]
        if any(all(w in tokens for w in words) for tokens in spellings):
            found.append(agency.name)
    return found[:limit]


def resolve_agency(registry: Registry, query: str) -> Agency:
    """The one agency a command-line query names; raises AgencyNotFound.

    A spelling with its diacritics settles what the bare letters leave open ("Sở Tự pháp"
    against "Sở Tư pháp"), so the exact lookup comes first.
    """
    exact = registry.resolve(query)
    if exact is not None:
        return exact
    found = registry.find(query)
    if len(found) == 1:
        return found[0]
    if found:
        raise AgencyNotFound(query, candidates=tuple(a.name for a in found))
    suggestions = registry.suggest(query)
    for name in _partial_matches(registry, query, 3):
        if name not in suggestions:
            suggestions.append(name)
    raise AgencyNotFound(query, suggestions=tuple(suggestions[:5]))


def _predecessors(registry: Registry, canonical: str, as_of: date) -> tuple[str, ...]:
    """Bodies whose duties had passed to the agency by the reference date, nearest first.

    Before the merger date the predecessor still answered for its own tasks, so a report for an
    earlier quarter does not put them on the successor.
    """
    found: list[str] = []
    queue = [canonical]
    while queue:
        current = queue.pop(0)
        for name in registry.predecessors(current):
            agency = registry.get(name)
            if agency is None or name in found or name == canonical:
                continue
            if agency.successor_since is not None and agency.successor_since > as_of:
                continue
            found.append(name)
            queue.append(name)
    return tuple(found)


class Matcher(NamedTuple):
    """The names an agency answers for, computed once per query."""

    via: dict[str, Via]
    role: Role

    @classmethod
    def build(cls, registry: Registry, wanted: AgencyFilter, as_of: date) -> Matcher:
        name = wanted.agency.name
        via: dict[str, Via] = {name: Via.DIRECT}
        for predecessor in _predecessors(registry, name, as_of):
            via.setdefault(predecessor, Via.PREDECESSOR)
        if not wanted.direct:
            for group in registry.groups_of(name):
                via.setdefault(group, Via.GROUP)
        return cls(via, wanted.role)

    def links(self, task: Task) -> tuple[Link, ...]:
        found: list[Link] = []
        sides: list[tuple[Role, tuple[AgencyRef, ...]]] = []
        if self.role in (Role.LEAD, Role.ANY):
            sides.append((Role.LEAD, task.lead))
        if self.role in (Role.PARTNER, Role.ANY):
            sides.append((Role.PARTNER, task.partners))
        for role, refs in sides:
            for ref in refs:
                via = self.via.get(ref.agency)
                if via is not None:
                    found.append(Link(role, via, ref))
        # Lead before partner, then the most specific match first: that is the one shown.
        order = {Via.DIRECT: 0, Via.PREDECESSOR: 1, Via.GROUP: 2}
        found.sort(key=lambda link: (link.role is not Role.LEAD, order[link.via]))
        return tuple(found)


def links(registry: Registry, task: Task, wanted: AgencyFilter, as_of: date) -> tuple[Link, ...]:
    """How the task falls on the agency (empty: it does not), best link first."""
    return Matcher.build(registry, wanted, as_of).links(task)
