"""Several plans read as one (a roll-up): one agency registry, every task keeping its plan.

Pure: checked `Plan`s in, one `Plan` and the registry conflicts out. Each task and section id
gets its plan's key in front ("cds/VII.9" for VII.9 of cds.yaml), so every command shows which
plan a task comes from in its id column and its section headings, and counts across the plans
without knowing it reads several. The registries become one: the same name in two files is one
agency, two spellings that share a name or alias are one agency (the first file's name is the
one shown), and what cannot be one agency is an R001 problem located in the later file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .model import Agency, AgencyRef, Plan, PlanInfo, Registry, Section, Task
from .problems import Problem, problem
from .text import name_key

KEY_SEPARATOR = "/"


class Member(NamedTuple):
    """One plan of a roll-up: its key (shown before its ids), the path problems name, the plan."""

    key: str
    path: str
    plan: Plan


class RollupPlan(Plan):
    """A Plan whose ids carry lowercase plan keys: look-ups ignore case instead of upper-casing
    the query (Plan.task and Plan.section upper-case it, which would miss 'cds/VII')."""

    def task(self, task_id: str) -> Task | None:
        wanted = task_id.strip().casefold()
        return next((t for t in self.tasks if t.id.casefold() == wanted), None)

    def section(self, section_id: str) -> Section | None:
        wanted = section_id.strip().casefold()
        return next((s for s in self.sections if s.id.casefold() == wanted), None)


class _Entry:
    """A merged agency while it is being built."""

    def __init__(self, agency: Agency, origin: str) -> None:
        self.name = agency.name
        self.aliases: list[str] = list(agency.aliases)
        self.is_group = agency.is_group
        self.member_of: list[str] = []
        self.successor: str | None = None
        self.successor_since = agency.successor_since
        self.note = agency.note
        self.span = agency.span
        self.origin = origin  # path:line of its first definition, for messages

    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]

    def add_spellings(self, agency: Agency) -> None:
        known = {name_key(s) for s in self.spellings()}
        for spelling in (agency.name, *agency.aliases):
            if name_key(spelling) not in known:
                self.aliases.append(spelling)
                known.add(name_key(spelling))

    def build(self) -> Agency:
        return Agency(
            self.name,
            tuple(self.aliases),
            self.is_group,
            tuple(self.member_of),
            self.successor,
            self.successor_since,
            self.note,
            self.span,
        )


def _conflict(member: Member, agency: Agency, vi: str, en: str) -> Problem:
    return problem(member.path, agency.span, "R001", name=agency.name, detail=vi, detail_en=en)


def merge_registries(
    members: Sequence[Member],
) -> tuple[Registry, list[dict[str, str]], list[Problem]]:
    """The shared registry, for each member the map from its canonical names to the shared
    ones, and the conflicts."""
    entries: list[_Entry] = []
    by_key: dict[str, int] = {}
    renames: list[dict[str, str]] = []
    problems: list[Problem] = []
    for member in members:
        rename: dict[str, str] = {}
        placed: list[tuple[Agency, int]] = []
        for agency in member.plan.registry:
            keys = {name_key(s) for s in (agency.name, *agency.aliases)}
            hits = sorted({by_key[k] for k in keys if k in by_key})
            if len(hits) > 1:
                names = " và ".join(f"'{entries[i].name}' ({entries[i].origin})" for i in hits)
                names_en = " and ".join(f"'{entries[i].name}' ({entries[i].origin})" for i in hits)
                problems.append(
                    _conflict(
                        member,
                        agency,
                        f"tên và tên gọi tắt của cơ quan này trỏ tới hai cơ quan khác nhau ở tệp "
                        f"khác: {names}; hãy sửa tên gọi tắt để mỗi tên chỉ một cơ quan",
                        f"its name and aliases point at two different agencies of other files: "
                        f"{names_en}; change the aliases so that each name means one agency",
                    )
                )
                rename[agency.name] = entries[hits[0]].name
                continue
            if hits:
                entry = entries[hits[0]]
                if entry.is_group != agency.is_group:
                    problems.append(
                        _conflict(
                            member,
                            agency,
                            f"là nhóm ở một tệp mà không phải nhóm ở tệp khác ({entry.origin}); "
                            "hãy ghi group giống nhau",
                            f"a group in one file and not in another ({entry.origin}); write "
                            "the same group setting",
                        )
                    )
                entry.add_spellings(agency)
                index = hits[0]
            else:
                entry = _Entry(agency, f"{member.path}:{agency.span.line}")
                entries.append(entry)
                index = len(entries) - 1
            for spelling in entry.spellings():
                by_key.setdefault(name_key(spelling), index)
            rename[agency.name] = entry.name
            placed.append((agency, index))
        # references (groups, successors) name this file's agencies: map them once all are known
        for agency, index in placed:
            entry = entries[index]
            for group in agency.member_of:
                shared = rename.get(group, group)
                if shared not in entry.member_of:
                    entry.member_of.append(shared)
            if agency.successor is None:
                continue
            successor = rename.get(agency.successor, agency.successor)
            if entry.successor is None:
                entry.successor, entry.successor_since = successor, agency.successor_since
            elif (entry.successor, entry.successor_since) != (successor, agency.successor_since):
                when = agency.successor_since.strftime("%d/%m/%Y") if agency.successor_since else ""
                problems.append(
                    _conflict(
                        member,
                        agency,
                        f"cơ quan kế nhiệm khác với tệp {entry.origin} ('{entry.successor}'); ở "
                        f"tệp này là '{successor}' {when}; hãy ghi giống nhau",
                        f"its successor differs from {entry.origin} ('{entry.successor}'); this "
                        f"file says '{successor}' {when}; write the same in both",
                    )
                )
        renames.append(rename)
    return Registry(tuple(e.build() for e in entries)), renames, problems


def _refs(refs: tuple[AgencyRef, ...], rename: dict[str, str]) -> tuple[AgencyRef, ...]:
    if all(rename.get(r.agency, r.agency) == r.agency for r in refs):
        return refs
    return tuple(r._replace(agency=rename.get(r.agency, r.agency)) for r in refs)


def _info(members: Sequence[Member]) -> PlanInfo:
    infos = [m.plan.info for m in members]
    titles = list(dict.fromkeys(i.title for i in infos))
    if len(titles) == 1:
        title = titles[0]
    else:
        shown = "; ".join(titles[:3]) + ("; …" if len(titles) > 3 else "")
        title = f"Tổng hợp {len(members):02d} kế hoạch: {shown}"
    sources = list(dict.fromkeys(i.source for i in infos))
    provinces = {i.province for i in infos}
    return PlanInfo(
        title,
        "; ".join(sources[:3]) + ("; …" if len(sources) > 3 else ""),
        provinces.pop() if len(provinces) == 1 else None,
        min(i.first for i in infos),
        max(i.last for i in infos),
        infos[0].span,
    )


def combine(members: Sequence[Member]) -> tuple[Plan, list[Problem]]:
    """One plan of every member's tasks, ids prefixed with the member's key, and the registry
    conflicts (a plan with conflicts must not be used: it would count an agency twice)."""
    registry, renames, problems = merge_registries(members)
    sections: list[Section] = []
    for member, rename in zip(members, renames, strict=True):
        prefix = member.key + KEY_SEPARATOR
        for section in member.plan.sections:
            section_id = prefix + section.id
            tasks = tuple(
                t._replace(
                    id=prefix + t.id,
                    section=section_id,
                    lead=_refs(t.lead, rename),
                    partners=_refs(t.partners, rename),
                )
                for t in section.tasks
            )
            sections.append(section._replace(id=section_id, tasks=tasks))
    plan = RollupPlan(1, _info(members), registry, tuple(sections))
    return plan, problems


def keys_for(paths: Sequence[str]) -> list[str]:
    """Each file's key: its name without .yaml; with its folder's name where two names clash,
    and a number where that is not enough."""
    from pathlib import PurePath

    stems = [PurePath(p).stem for p in paths]
    keys = [
        f"{PurePath(p).parent.name}-{stem}" if stems.count(stem) > 1 else stem
        for p, stem in zip(paths, stems, strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        unique.append(key if keys.count(key) == 1 else f"{key}-{seen[key]}")
    return unique
