"""`cchc list` and `cchc show` in JSON, CSV, Markdown and as terminal tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..i18n import tr
from ..model import AgencyRef, Plan, Task
from .common import agency_cell, json_bytes, md_table, task_record, to_csv, to_json, vn_date

# The fields of `cchc list --format json`, in that order; nested values are JSON in their cell.
LIST_COLUMNS = (
    "id",
    "section",
    "title",
    "lead",
    "lead_detail",
    "partners",
    "partners_detail",
    "deadline",
    "kind",
    "occurrences",
    "note",
    "progress",
    "line",
)


def list_json(tasks: Sequence[Task]) -> bytes:
    return json_bytes([task_record(t) for t in tasks])


def list_csv(plan: Plan, tasks: Sequence[Task], lang: str) -> str:
    rows = []
    for t in tasks:
        record = task_record(t)
        record["lead"] = agency_cell(t.lead)
        record["partners"] = agency_cell(t.partners)
        record["occurrences"] = [o["quarter"] for o in record["occurrences"]]
        rows.append(record)
    return to_csv(rows, LIST_COLUMNS)


LIST_KEYS = ("col.id", "col.task", "col.lead", "col.partners", "col.deadline")


def _by_section(plan: Plan, tasks: Sequence[Task]) -> Iterator[tuple[str, list[list[str]]]]:
    """Each section holding some of `tasks`, as its heading and the rows of its table."""
    wanted = {t.id for t in tasks}
    for section in plan.sections:
        rows = [
            [
                t.id,
                t.title + (f" ({t.note})" if t.note else ""),
                agency_cell(t.lead),
                agency_cell(t.partners),
                t.deadline.wording,
            ]
            for t in section.tasks
            if t.id in wanted
        ]
        if rows:
            yield f"{section.id}. {section.title}", rows


def list_markdown(plan: Plan, tasks: Sequence[Task], lang: str) -> str:
    out = [f"# {tr('list.title', lang, title=plan.info.title)}\n"]
    header = [tr(k, lang) for k in LIST_KEYS]
    for heading, rows in _by_section(plan, tasks):
        out.append(f"\n## {heading}\n\n")
        out.append(md_table(header, rows))
    return "".join(out)


def list_table(plan: Plan, tasks: Sequence[Task], lang: str, width: int | None, color: bool) -> str:
    """A table per section, as in Markdown. Imports rich."""
    from rich.text import Text

    from .table import WEIGHTS, console, fitted, render

    con = console(width, color)
    headers = [tr(k, lang) for k in LIST_KEYS]
    short = [k == "col.id" for k in LIST_KEYS]
    weights = [WEIGHTS.get(k, 1) for k in LIST_KEYS]
    parts: list[object] = [Text(plan.info.title, style="bold")]
    for heading, rows in _by_section(plan, tasks):
        parts += [Text(""), Text(heading, style="bold")]
        parts.append(fitted(headers, rows, con.width, short, weights))
    parts.append(Text(tr("list.count", lang, count=len(tasks))))
    return render(con, *parts)


def show_text(plan: Plan, task: Task, lang: str) -> str:
    section = plan.section(task.section)
    none = tr("show.none", lang)

    def parties(refs: Sequence[AgencyRef]) -> list[str]:
        lines = []
        for r in refs:
            line = f"  - {r.agency}"
            if r.scope:
                line += f" ({tr('show.scope', lang, scope=r.scope)})"
            lines.append(line)
        return lines or [f"  {none}"]

    out = [f"{task.id}. {task.title}"]
    if section:
        out.append(f"{tr('col.section', lang)}: {section.id}. {section.title}")
    out.append(f"{tr('col.lead', lang)}:")
    out += parties(task.lead)
    out.append(f"{tr('col.partners', lang)}:")
    out += parties(task.partners)
    out.append(f"{tr('col.deadline', lang)}: {task.deadline.wording}")
    out.append(f"{tr('col.kind', lang)}: {tr('kind.' + task.deadline.kind.value, lang)}")
    if task.occurrences:
        out.append(f"{tr('col.occurrences', lang)}:")
        for o in task.occurrences:
            target = f" — {o.target}" if o.target else ""
            out.append(f"  - {o.quarter.long_label()} ({vn_date(o.due_date)}){target}")
    if task.note:
        out.append(f"{tr('col.note', lang)}: {task.note}")
    if task.progress:
        out.append(f"{tr('col.progress', lang)}:")
        for p in task.progress:
            parts = [tr("status." + p.status.value, lang)]
            if p.due:
                parts.insert(0, p.due.label())
            if p.day:
                parts.append(vn_date(p.day))
            if p.percent is not None:
                parts.append(f"{p.percent:g}%")
            if p.evidence:
                parts.append(p.evidence)
            out.append("  - " + "; ".join(parts))
    return "\n".join(out) + "\n"


def show_json(plan: Plan, task: Task, lang: str) -> str:
    return to_json(task_record(task))
