"""`cchc changes` as a terminal table, Markdown or JSON (from a changes.Diff)."""

from __future__ import annotations

from typing import Any

from ..changes import Change, Diff, Kind
from ..i18n import tr
from ..model import ProgressEntry
from .common import md_cell, md_table, progress_record, to_json, two_digits

_WORDS: dict[str, tuple[str, str]] = {
    "title": (
        "Thay đổi của kế hoạch {file}: {old} → {new}",
        "Changes to the plan {file}: {old} → {new}",
    ),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.change": ("Thay đổi", "Change"),
    "col.before": ("Trước", "Before"),
    "col.after": ("Sau", "After"),
    "kind.added": ("thêm nhiệm vụ", "task added"),
    "kind.removed": ("bỏ nhiệm vụ", "task removed"),
    "kind.deadline": ("đổi thời hạn", "deadline changed"),
    "kind.lead": ("đổi cơ quan chủ trì", "lead changed"),
    "kind.partners": ("đổi cơ quan phối hợp", "partners changed"),
    "kind.progress_added": ("thêm tiến độ", "progress added"),
    "kind.completed": ("hoàn thành", "completed"),
    "kind.completed_late": ("hoàn thành quá hạn", "completed late"),
    "kind.progress_edited": ("CẢNH BÁO: sửa tiến độ đã ghi", "WARNING: recorded progress edited"),
    "kind.progress_deleted": ("CẢNH BÁO: xoá tiến độ đã ghi", "WARNING: recorded progress deleted"),
    "short.progress_edited": ("sửa tiến độ đã ghi", "recorded progress edited"),
    "short.progress_deleted": ("xoá tiến độ đã ghi", "recorded progress deleted"),
    "later": ("lùi {n} quý", "{n} quarters later"),
    "earlier": ("sớm hơn {n} quý", "{n} quarters earlier"),
    "same_quarter": ("cùng quý", "same quarter"),
    "none": ("Không có thay đổi.", "No changes."),
    "summary": (
        "{old_tasks} nhiệm vụ trước, {new_tasks} nhiệm vụ sau: {parts}.",
        "{old_tasks} tasks before, {new_tasks} after: {parts}.",
    ),
    "part": ("{kind} {n}", "{kind} {n}"),
    "warning": (
        "Cảnh báo: {n} mục tiến độ đã ghi bị sửa hoặc xoá; lịch sử tiến độ chỉ nên ghi thêm.",
        "Warning: {n} recorded progress entries were edited or deleted; progress history "
        "should only grow.",
    ),
}


def word(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**args)


def count(n: int, lang: str) -> str:
    return str(n) if lang == "en" else two_digits(n)


def entry_text(entry: ProgressEntry | None, lang: str) -> str:
    """'hoàn thành 20/12/2023; 100%; Quyết định …' (empty for no entry)."""
    if entry is None:
        return ""
    head = tr(f"status.{entry.status.value}", lang)
    if entry.day is not None:
        head += " " + entry.day.strftime("%d/%m/%Y")
    parts = [head]
    if entry.percent is not None:
        parts.append(f"{entry.percent:g}%")
    parts.extend(p for p in (entry.note, entry.evidence) if p)
    return "; ".join(parts)


def describe(change: Change, lang: str) -> str:
    """The change column: what happened, with how far a deadline moved, or which occurrence."""
    text = word(f"kind.{change.kind.value}", lang)
    if change.kind is Kind.DEADLINE and change.quarters is not None:
        n = change.quarters
        moved = (
            word("later", lang, n=n)
            if n > 0
            else word("earlier", lang, n=-n)
            if n < 0
            else word("same_quarter", lang)
        )
        text += f" ({moved})"
    elif change.occurrence:
        text += f" ({change.occurrence})"
    return text


def cells(change: Change, lang: str) -> tuple[str, str, str, str]:
    before = change.old if change.before is None else entry_text(change.before, lang)
    after = change.new if change.after is None else entry_text(change.after, lang)
    return change.task, describe(change, lang), before or "", after or ""


def summary(diff: Diff, lang: str) -> str:
    if not diff.changes:
        return word("none", lang)

    def name(kind: Kind) -> str:
        short = f"short.{kind.value}"
        return word(short if short in _WORDS else f"kind.{kind.value}", lang)

    parts = [
        word("part", lang, kind=name(kind), n=count(diff.count(kind), lang))
        for kind in Kind
        if diff.count(kind)
    ]
    return word(
        "summary",
        lang,
        old_tasks=count(diff.old_tasks, lang),
        new_tasks=count(diff.new_tasks, lang),
        parts="; ".join(parts),
    )


def _footer(diff: Diff, lang: str) -> list[str]:
    lines = [summary(diff, lang)]
    if diff.rewrites:
        lines.append(word("warning", lang, n=count(len(diff.rewrites), lang)))
    return lines


def _header(lang: str) -> list[str]:
    return [word(k, lang) for k in ("col.task", "col.change", "col.before", "col.after")]


def as_markdown(diff: Diff, file: str, old: str, new: str, lang: str) -> str:
    parts = [f"# {md_cell(word('title', lang, file=file, old=old, new=new))}\n\n"]
    if diff.changes:
        parts.append(md_table(_header(lang), (cells(c, lang) for c in diff.changes)) + "\n")
    parts.append("\n\n".join(_footer(diff, lang)) + "\n")
    return "".join(parts)


def as_table(diff: Diff, file: str, old: str, new: str, lang: str, color: bool) -> str:
    from rich.text import Text

    from .table import console, plain, render, task_table

    table = task_table(_header(lang), title=word("title", lang, file=file, old=old, new=new))
    for change in diff.changes:
        row = [plain(c) for c in cells(change, lang)]
        if change.is_rewrite:
            row[1] = Text(row[1].plain, style="bold red")
        table.add_row(*row)
    texts = [Text(line) for line in _footer(diff, lang)]
    if not diff.changes:
        return render(console(None, color), *texts)
    return render(console(None, color), table, *texts)


def _record(change: Change) -> dict[str, Any]:
    return {
        "task": change.task,
        "kind": change.kind.value,
        "warning": change.is_rewrite,
        "old": change.old,
        "new": change.new,
        "quarters_later": change.quarters,
        "occurrence": change.occurrence,
        "before": None if change.before is None else progress_record(change.before),
        "after": None if change.after is None else progress_record(change.after),
        "line": change.span.line or None,
    }


def as_json(diff: Diff, file: str, old: str, new: str) -> str:
    return to_json(
        {
            "file": file,
            "from": old,
            "to": new,
            "old_tasks": diff.old_tasks,
            "new_tasks": diff.new_tasks,
            "counts": {kind.value: diff.count(kind) for kind in Kind},
            "rewrites": len(diff.rewrites),
            "changes": [_record(c) for c in diff.changes],
        }
    )
