"""The agencies of a plan and the names that refer to them, read for `build.Builder`: names
first, then the references between them, so `member_of` and `successor` may point forward."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .model import Agency, Registry
from .problems import Span
from .text import name_key
from .yamlnodes import Node

if TYPE_CHECKING:
    from .build import Builder, Fields


def read_agencies(b: Builder, node: Node | None) -> Registry:
    raw: list[tuple[Fields, str, list[tuple[str, Span]], bool]] = []
    claimed: dict[str, tuple[str, int]] = {}
    for item in b.items(node, "agencies"):
        entry = b.mapping(item, "agency", "agencies", "agency:")
        if entry is None:
            continue
        name_node = entry.get("name")
        name = b.text(name_node, "name")
        if name is None or name_node is None:
            continue
        spellings = [(name, name_node.span)]
        for alias_node in b.items(entry.get("aliases"), "aliases"):
            alias = b.text(alias_node, "aliases")
            if alias is not None:
                spellings.append((alias, alias_node.span))
        for spelling, span in spellings:
            key = name_key(spelling)
            if key in claimed and claimed[key][0] != name:
                other, line = claimed[key]
                b.report(span, "A003", name=spelling, other=other, first_line=line)
            else:
                claimed.setdefault(key, (name, span.line))
        is_group = b.boolean(entry.get("group"), "group")
        raw.append((entry, name, spellings, is_group))
    # Names first, then references, so member_of and successor may point forward.
    preliminary = Registry(
        tuple(Agency(name, tuple(s for s, _ in sp[1:]), grp) for _, name, sp, grp in raw)
    )
    agencies = []
    for entry, name, spellings, is_group in raw:
        member_of = []
        for group_node in b.items(entry.get("member_of"), "member_of", allow_single=True):
            group = read_reference(b, preliminary, group_node, "member_of")
            if group is None:
                continue
            if not group.is_group:
                b.report(group_node.span, "A004", name=group.name)
            elif group.name not in member_of:
                member_of.append(group.name)
        successor, since = read_successor(b, preliminary, entry.get("successor"), name)
        note = b.text(entry.get("note"), "note", required=False)
        agencies.append(
            Agency(
                name,
                tuple(s for s, _ in spellings[1:]),
                is_group,
                tuple(member_of),
                successor,
                since,
                note,
                entry.span,
            )
        )
    return Registry(tuple(agencies))


def read_successor(
    b: Builder, registry: Registry, node: Node | None, name: str
) -> tuple[str | None, date | None]:
    entry = b.mapping(node, "successor", "successor", f"successor:{name}")
    if entry is None:
        return None, None
    agency_node = entry.get("agency")
    target = read_reference(b, registry, agency_node, "agency") if agency_node is not None else None
    since = b.day(entry.get("since"), "since")
    return (target.name if target else None), since


def read_reference(
    b: Builder, registry: Registry, node: Node, key: str, spelling: str | None = ""
) -> Agency | None:
    """The agency a name refers to; `spelling`, when the caller has read it already."""
    if spelling == "":
        spelling = b.text(node, key)
    if spelling is None:
        return None
    agency = registry.resolve(spelling)
    if agency is None:
        close = registry.suggest(spelling, 1)
        b.report(node.span, "A001", name=spelling, suggestion=close[0] if close else "")
    return agency
