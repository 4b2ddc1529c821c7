"""Rules over a built plan and its YAML tree.

Each rule is a small generator of problems; `RULES` is the list `rules()` runs (load.check calls
it after build). The builder already reported everything that stopped an object from being
built; these rules judge what was built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from .model import Plan, Status, Task
from .problems import Problem, Span, problem
from .text import is_nfc
from .yamlnodes import Document, Map, Node, Scalar, Seq

if TYPE_CHECKING:
    from .schedule import Reference


class Context(NamedTuple):  # a NamedTuple: a frozen dataclass costs ~1 ms of start-up to define
    doc: Document
    plan: Plan
    today: date | None  # None: skip the rules that need the clock


Rule = Callable[[Context], Iterator[Problem]]


def deadlines_within_period(ctx: Context) -> Iterator[Problem]:
    info = ctx.plan.info
    for task in ctx.plan.tasks:
        for occurrence, span in zip(task.occurrences, task.occurrence_spans, strict=True):
            if not info.first <= occurrence.quarter <= info.last:
                yield problem(
                    ctx.doc.path,
                    span,
                    "D002",
                    quarter=occurrence.quarter.long_label(),
                    first=info.first.long_label(),
                    last=info.last.long_label(),
                )


def milestones_in_order(ctx: Context) -> Iterator[Problem]:
    for task in ctx.plan.tasks:
        if task.deadline.kind.value != "milestones":
            continue
        pairs = list(zip(task.occurrences, task.occurrence_spans, strict=True))
        for (before, _), (after, span) in pairwise(pairs):
            if after.due_date <= before.due_date:
                yield problem(
                    ctx.doc.path, span, "D003", quarter=after.label, previous=before.label
                )


def _occurrence_labels(task: Task) -> str:
    return ", ".join(o.quarter.label() for o in task.occurrences) or "—"


def progress_refers_to_occurrence(ctx: Context) -> Iterator[Problem]:
    path = ctx.doc.path
    for task in ctx.plan.tasks:
        for entry in task.progress:
            if not task.occurrences:
                if entry.due is not None:
                    yield problem(path, entry.due_span, "P009")
            elif entry.due is None:
                if len(task.occurrences) > 1:
                    yield problem(path, entry.span, "P006", expected=_occurrence_labels(task))
            elif task.occurrence(entry.due) is None:
                yield problem(
                    path,
                    entry.due_span,
                    "P005",
                    found=entry.due.label(),
                    expected=_occurrence_labels(task),
                )


def progress_dates(ctx: Context) -> Iterator[Problem]:
    path = ctx.doc.path
    for task in ctx.plan.tasks:
        last_dated: dict[object, tuple[date, int]] = {}
        completed: dict[object, int] = {}
        for entry in task.progress:
            key = entry.due if len(task.occurrences) > 1 else None
            label = entry.due.label() if entry.due else task.id
            if entry.status is Status.DONE and entry.day is None:
                yield problem(path, entry.span, "P003")
            if key in completed:
                yield problem(path, entry.span, "P010", found=label, first_line=completed[key])
            if entry.day is not None:
                before = last_dated.get(key)
                if before is not None and entry.day < before[0]:
                    yield problem(
                        path,
                        entry.day_span,
                        "P007",
                        found=label,
                        date=entry.day.strftime("%d/%m/%Y"),
                        first_line=before[1],
                    )
                last_dated[key] = (entry.day, entry.span.line)
            if entry.status is Status.DONE:
                completed.setdefault(key, entry.span.line)


def progress_not_in_the_future(ctx: Context) -> Iterator[Problem]:
    """The one rule that reads the clock: skipped without a day."""
    today = ctx.today
    if today is None:
        return
    for task in ctx.plan.tasks:
        for entry in task.progress:
            if entry.day is not None and entry.day > today:
                yield problem(
                    ctx.doc.path,
                    entry.day_span,
                    "P004",
                    found=entry.day.strftime("%d/%m/%Y"),
                    today=today.strftime("%d/%m/%Y"),
                )


def _scalars(node: Node | None) -> Iterator[Scalar]:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, Scalar):
            yield current
        elif isinstance(current, Seq):
            stack.extend(current.items)
        elif isinstance(current, Map):
            for key, value in current.entries:
                yield key
                stack.append(value)


def text_is_clean(ctx: Context) -> Iterator[Problem]:
    # The parser collects the scalars that can fail here (all but ASCII without surrounding
    # spaces): a walk over the whole tree made this rule three times slower on a 10k-task plan.
    suspects = ctx.doc.text_suspects
    for scalar in suspects if suspects is not None else _scalars(ctx.doc.root):
        value = scalar.value
        if value is None or scalar.refused or (value.isascii() and value == value.strip()):
            continue
        if not is_nfc(value):
            yield problem(ctx.doc.path, scalar.span, "T001")
        if value != value.strip() and scalar.quoted:
            # plain scalars cannot carry surrounding spaces; quoted ones carry them into output
            yield problem(ctx.doc.path, scalar.span, "T002", key=value.strip()[:40])


RULES: tuple[Rule, ...] = (
    deadlines_within_period,
    milestones_in_order,
    progress_refers_to_occurrence,
    progress_dates,
    text_is_clean,
    progress_not_in_the_future,
)


def rules(doc: Document, plan: Plan, today: date | None) -> list[Problem]:
    """What every rule finds on a built plan, unsorted."""
    ctx = Context(doc, plan, today)
    return [found for rule in RULES for found in rule(ctx)]


def stale_problems(path: str, plan: Plan, reference: Reference) -> list[Problem]:
    """`validate --stale`: a warning at each open occurrence not reported on since the previous
    quarter began (schedule's rule), on its last progress entry, else where its deadline is."""
    from .schedule import Bucket, schedule

    since = (reference.quarter - 1).first_day.strftime("%d/%m/%Y")
    found = []
    for item in schedule(plan, reference, 1).items:
        if not item.stale or item.bucket is Bucket.LATER:
            continue
        task = item.task
        spans = task.occurrence_spans
        where = task.deadline_span
        if item.entry is not None:
            where = item.entry.span
        elif item.occurrence is not None and item.position < len(spans):
            where = spans[item.position]
        label = item.occurrence.label if item.occurrence else task.deadline.wording
        last = item.entry.day.strftime("%d/%m/%Y") if item.entry and item.entry.day else None
        due = (
            f" --due '{item.quarter.long_label()}'"
            if len(task.occurrences) > 1 and item.quarter
            else ""
        )
        found.append(
            problem(
                path,
                where,
                "P011",
                id=task.id,
                found=label,
                since=since,
                last=last or "chưa có",
                last_en=last or "none",
                due=due,
            )
        )
    return found


__all__ = [
    "RULES",
    "Context",
    "Span",
    "rules",
    "stale_problems",
]
