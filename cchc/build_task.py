"""The parts of one task that say who, when and how far, read for `build.Builder`: its lead
and partners, its deadline and its progress entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .build_agencies import read_reference
from .deadline import Deadline, DeadlineError, milestones, parse_deadline, parse_due
from .model import STATUS_WORDS, AgencyRef, ProgressEntry
from .problems import Span
from .quarter import Quarter
from .text import loose_key
from .yamlnodes import Map, Node, Scalar

if TYPE_CHECKING:
    from .build import Builder


def read_parties(
    b: Builder, node: Node | None, key: str, task_id: str, required: bool
) -> tuple[AgencyRef, ...] | None:
    if node is None:
        return None if required else ()
    refs: list[AgencyRef] = []
    seen: dict[tuple[str, str | None], int] = {}
    ok = True
    items = b.items(node, key, allow_single=True)
    if required and not items:
        b.report(node.span, "S004", key=key)
        return None
    for item in items:
        name_node: Node | None = item
        scope = None
        if isinstance(item, Map):
            entry = b.mapping(item, "party", key, f"party:{task_id}")
            name_node = entry.get("agency") if entry else None
            scope = b.text(entry.get("scope"), "scope", required=False) if entry else None
        if name_node is None:
            ok = False
            continue
        written = b.text(name_node, key)
        agency = read_reference(b, b.registry, name_node, key, written)
        if agency is None or written is None:
            ok = False
            continue
        first = seen.get((agency.name, scope))
        if first is not None:
            b.report(name_node.span, "A002", name=written, first_line=first)
            continue
        seen[(agency.name, scope)] = name_node.span.line
        refs.append(AgencyRef(agency.name, written, scope, item.span))
    return tuple(refs) if ok else None


def read_deadline(
    b: Builder, node: Node | None, task_id: str
) -> tuple[Deadline, tuple[Span, ...]] | None:
    if node is None:
        return None
    if isinstance(node, Scalar):
        text = b.text(node, "deadline")
        if text is None:
            return None
        try:
            return parse_deadline(text), (node.span,)
        except DeadlineError as err:
            closest = err.closest if err.reason in ("unrecognised", "ambiguous") else ()
            b.report(node.span, "D001", text=text, reason=err.reason, closest="\n".join(closest))
            return None
    if isinstance(node, Map):
        b.report(node.span, "S001", key="deadline", expected="text or list", found="mapping")
        return None
    pairs: list[tuple[str, str | None]] = []
    spans: list[Span] = []
    ok = True
    if not node.items:
        b.report(node.span, "S004", key="deadline")
        return None
    for item in node.items:
        entry = b.mapping(item, "milestone", "deadline", f"milestone:{task_id}")
        if entry is None:
            ok = False
            continue
        due_node = entry.get("due")
        due = b.text(due_node, "due")
        target = b.text(entry.get("target"), "target", required=False)
        if due is None or due_node is None:
            ok = False
            continue
        try:
            parse_due(due)
        except DeadlineError as err:
            reason = err.reason if err.reason != "unrecognised" else "not_a_point"
            b.report(due_node.span, "D001", text=due, reason=reason)
            ok = False
            continue
        pairs.append((due, target))
        spans.append(due_node.span)
    if not ok:
        return None
    return milestones(pairs), tuple(spans)


def read_progress(b: Builder, node: Node | None, task_id: str) -> tuple[ProgressEntry, ...]:
    entries = []
    for item in b.items(node, "progress"):
        entry = b.mapping(item, "progress", "progress", f"progress:{task_id}")
        if entry is None:
            continue
        status_node = entry.get("status")
        status_text = b.text(status_node, "status")
        status = STATUS_WORDS.get(loose_key(status_text)) if status_text else None
        if status_text is not None and status is None and status_node is not None:
            b.report(status_node.span, "P001", found=status_text)
        due_node = entry.get("due")
        due_text = b.text(due_node, "due", required=False)
        due: Quarter | None = None
        bad_due = False
        if due_text is not None and due_node is not None:
            try:
                due = parse_due(due_text).quarter
            except DeadlineError as err:
                b.report(due_node.span, "D001", text=due_text, reason=err.reason)
                bad_due = True
        day_node = entry.get("date")
        day = b.day(day_node, "date")
        percent = read_percent(b, entry.get("percent"))
        evidence = b.text(entry.get("evidence"), "evidence", required=False)
        note = b.text(entry.get("note"), "note", required=False)
        if status is None or bad_due or (day_node is not None and day is None):
            continue
        entries.append(
            ProgressEntry(
                status,
                due,
                day,
                evidence,
                percent,
                note,
                entry.span,
                due_node.span if due_node is not None else entry.span,
                day_node.span if day_node is not None else entry.span,
            )
        )
    return tuple(entries)


def read_percent(b: Builder, node: Node | None) -> float | None:
    value = b.text(node, "percent", required=False)
    if value is None or node is None:
        return None
    try:
        number = float(value.rstrip("%").strip().replace(",", "."))
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:  # also rejects nan
        b.report(node.span, "P008", found=value)
        return None
    return number
