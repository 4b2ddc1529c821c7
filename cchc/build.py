"""Positioned YAML tree → `Plan`, reporting every structural problem on the way.

The builder never stops at the first problem: a broken task is reported and left out, and the
rest of the file is still read, so one run of `cchc validate` shows every mistake. `Builder`
reads the outline (plan, sections, task ids) and gives typed access to the nodes;
`build_agencies` reads the registry and `build_task` a task's parties, deadline and progress.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from .build_agencies import read_agencies
from .build_task import read_deadline, read_parties, read_progress
from .deadline import DeadlineKind
from .model import Plan, PlanInfo, Registry, Section, Task
from .problems import Problem, Span, problem
from .quarter import Quarter, QuarterError
from .schema import OBJECTS, keys_of
from .text import nfc, roman
from .yamlnodes import Document, Map, Node, Scalar, Seq

SUPPORTED_VERSIONS = ("1",)
# A roll-up of every province's plans runs to hundreds of sections (issue 7), so any numeral.
_TASK_ID = re.compile(r"^([IVXLCDM]+)\.([1-9][0-9]{0,3})$")
_DAY = re.compile(
    r"^(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$", re.IGNORECASE
)
_BOOLEANS = {"true": True, "false": False}


def parse_day(text: str) -> date:
    """A calendar day written day first (20/12/2023) or ISO (2023-12-20); ValueError otherwise."""
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(text)
    if m.group(1):
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))


@cache
def _keys(obj: str) -> tuple[dict[str, object], tuple[str, ...]]:
    """(allowed keys, required keys in schema order): asked once per mapping of the file."""
    return dict(keys_of(obj)), tuple(spec.name for spec in OBJECTS[obj] if spec.required)


def _found(node: Node) -> str:
    if isinstance(node, Scalar):
        return "null" if node.value is None else "text"
    return node.kind


class Fields(dict[str, Node]):
    """The known keys of a mapping, found in O(1); unknown keys were reported and left out."""

    __slots__ = ("span",)

    def __init__(self, span: Span) -> None:
        super().__init__()
        self.span = span


class Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.path = doc.path
        self.problems: list[Problem] = []
        self.registry = Registry(())
        self.first = Quarter(2000, 1)
        self.last = Quarter(2999, 4)
        self.task_lines: dict[str, int] = {}

    # --- reporting and typed access -------------------------------------------------------------
    def report(self, span: Span, code: str, **args: object) -> None:
        self.problems.append(problem(self.path, span, code, **args))

    def mapping(self, node: Node | None, obj: str, key: str, where: str) -> Fields | None:
        if node is None:
            return None
        if not isinstance(node, Map):
            if not (isinstance(node, Scalar) and node.refused):
                self.report(node.span, "S001", key=key, expected="mapping", found=_found(node))
            return None
        allowed, required = _keys(obj)
        fields = Fields(node.span)
        for k, v in node.entries:
            name = k.value
            if name is not None and name in allowed:
                fields[name] = v
                continue
            import difflib  # only for a misspelt key

            names = list(allowed)
            close = difflib.get_close_matches(name or "", names, n=1, cutoff=0.6)
            self.report(
                k.span,
                "S003",
                key=name or "",
                where=where,
                suggestion=close[0] if close else "",
                allowed=", ".join(names),
            )
        for name in required:
            if name not in fields:
                self.report(
                    Span.point(node.span.line, node.span.column), "S002", key=name, where=where
                )
        return fields

    def text(self, node: Node | None, key: str, required: bool = True) -> str | None:
        if node is None:
            return None
        if type(node) is Scalar:
            if node.refused:
                return None
            value = node.value.strip() if node.value is not None else ""
            if value:
                # called ~10 times a task: ASCII (ids, dates, quarters) is NFC already
                return value if value.isascii() else nfc(value)
            if required:
                self.report(node.span, "S004", key=key)
            return None
        self.report(node.span, "S001", key=key, expected="text", found=_found(node))
        return None

    def items(self, node: Node | None, key: str, allow_single: bool = False) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, Seq):
            return node.items
        if allow_single and isinstance(node, Scalar) and node.value is not None:
            return [node]
        if isinstance(node, Scalar) and node.value is None and not node.refused:
            return []
        if not (isinstance(node, Scalar) and node.refused):
            self.report(node.span, "S001", key=key, expected="list", found=_found(node))
        return []

    def boolean(self, node: Node | None, key: str) -> bool:
        if node is None:
            return False
        value = node.value if isinstance(node, Scalar) else None
        if value is not None and value.strip().lower() in _BOOLEANS:
            return _BOOLEANS[value.strip().lower()]
        if not (isinstance(node, Scalar) and node.refused):
            self.report(node.span, "S001", key=key, expected="boolean", found=_found(node))
        return False

    def day(self, node: Node | None, key: str) -> date | None:
        value = self.text(node, key, required=False)
        if value is None or node is None:
            return None
        try:
            return parse_day(value)
        except ValueError:
            self.report(node.span, "P002", found=value)
            return None

    # --- the plan ---------------------------------------------------------------------------------
    def build(self) -> Plan | None:
        root = self.doc.root
        if root is None:
            return None
        top = self.mapping(root, "root", "(root)", "file")
        if top is None:
            return None
        version = self.version(top.get("version"))
        info = self.plan_info(top.get("plan"))
        self.registry = read_agencies(self, top.get("agencies"))
        sections = self.sections(top.get("sections"))
        if version is None or info is None or sections is None:
            return None
        return Plan(version, info, self.registry, sections)

    def version(self, node: Node | None) -> int | None:
        value = self.text(node, "version")
        if value is None or node is None:
            return None
        if value not in SUPPORTED_VERSIONS:
            self.report(node.span, "S005", found=value)
            return None
        return int(value)

    def plan_info(self, node: Node | None) -> PlanInfo | None:
        plan = self.mapping(node, "plan", "plan", "plan")
        if plan is None:
            return None
        title = self.text(plan.get("title"), "title")
        source = self.text(plan.get("source"), "source")
        province = self.text(plan.get("province"), "province", required=False)
        self.text(plan.get("issued"), "issued", required=False)
        period = self.mapping(plan.get("period"), "period", "period", "period")
        first = last = None
        if period is not None:
            first = self.quarter(period.get("from"), "from")
            last = self.quarter(period.get("to"), "to")
            if first and last and last < first:
                self.report(period.span, "D004", detail=f"{last} < {first}")
                first = last = None
        if title is None or source is None or first is None or last is None:
            return None
        self.first, self.last = first, last
        return PlanInfo(title, source, province, first, last, plan.span)

    def quarter(self, node: Node | None, key: str) -> Quarter | None:
        value = self.text(node, key)
        if value is None or node is None:
            return None
        try:
            return Quarter.parse(value)
        except QuarterError:
            self.report(node.span, "D004", detail=f"'{value}'")
            return None

    # --- sections and tasks -----------------------------------------------------------------------
    def sections(self, node: Node | None) -> tuple[Section, ...] | None:
        if node is None:
            return None
        sections = []
        for index, item in enumerate(self.items(node, "sections"), 1):
            section_id = roman(index)  # the position decides; a wrong id is only reported
            entry = self.mapping(item, "section", "sections", f"section:{section_id}")
            if entry is None:
                continue
            id_node = entry.get("id")
            written = self.text(id_node, "id")
            if written is not None and id_node is not None and written.upper() != section_id:
                self.report(id_node.span, "I004", found=written, expected=section_id)
            title = self.text(entry.get("title"), "title")
            tasks = self.tasks(entry.get("tasks"), section_id)
            if title is not None:
                sections.append(Section(section_id, title, tasks, entry.span))
        return tuple(sections)

    def tasks(self, node: Node | None, section_id: str) -> tuple[Task, ...]:
        tasks = []
        previous = 0
        for index, item in enumerate(self.items(node, "tasks"), 1):
            expected = f"{section_id}.{previous + 1}"
            entry = self.mapping(item, "task", "tasks", f"task:{expected}")
            if entry is None:
                previous += 1
                continue
            number = self.task_number(entry.get("id"), section_id, expected)
            previous = number if number is not None else previous + 1
            task = self.task(entry, section_id, number if number is not None else index)
            if task is not None and number is not None:
                tasks.append(task)
        return tuple(tasks)

    def task_number(self, node: Node | None, section_id: str, expected: str) -> int | None:
        value = self.text(node, "id")
        if value is None or node is None:
            return None
        m = _TASK_ID.match(value)
        if not m or m.group(1) != section_id:
            self.report(node.span, "I001", found=value, expected=expected)
            return None
        first_line = self.task_lines.get(value)
        if first_line is not None:
            self.report(node.span, "I002", found=value, first_line=first_line)
            return None
        self.task_lines[value] = node.span.line
        if value != expected:
            self.report(node.span, "I003", found=value, expected=expected)
        return int(m.group(2))

    def task(self, entry: Fields, section_id: str, number: int) -> Task | None:
        task_id = f"{section_id}.{number}"
        title = self.text(entry.get("title"), "title")
        lead = read_parties(self, entry.get("lead"), "lead", task_id, required=True)
        partners = read_parties(self, entry.get("partners"), "partners", task_id, required=False)
        note = self.text(entry.get("note"), "note", required=False)
        deadline_node = entry.get("deadline")
        parsed = read_deadline(self, deadline_node, task_id)
        if parsed is None or deadline_node is None:
            read_progress(self, entry.get("progress"), task_id)  # still report its problems
            return None
        # A task with other broken parts is still built, so the rules can judge its deadline and
        # progress; a plan with errors is never used for anything but reporting them.
        deadline, spans = parsed
        occurrences = deadline.occurrences(self.first, self.last)
        if deadline.kind is not DeadlineKind.MILESTONES:
            spans = (deadline_node.span,) * len(occurrences)
        progress = read_progress(self, entry.get("progress"), task_id)
        return Task(
            task_id,
            section_id,
            number,
            title or "",
            lead or (),
            partners or (),
            deadline,
            occurrences,
            note,
            progress,
            entry.span,
            deadline_node.span,
            spans,
        )


def build(doc: Document) -> tuple[Plan | None, list[Problem]]:
    builder = Builder(doc)
    return builder.build(), builder.problems
