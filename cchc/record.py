"""Adding progress entries to the plan's text, keeping every byte outside the inserted lines.

Pure text in, text out, on the positions the parser keeps (cchc/yamlnodes.py). The caller
parses and validates the result with the whole plan before anything is written (commands/
progress.py); this module only decides where the lines go and how they are written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .model import STATUS_WORDS, ProgressEntry, Status
from .text import loose_key
from .textedit import yaml_quote
from .yamlnodes import LineIndex, Map, Node, Scalar, Seq

# The words a plan file is written with (the README's and the shipped plan's spelling)
STATUS_TEXT = {
    Status.DONE: "hoàn thành",
    Status.IN_PROGRESS: "đang thực hiện",
    Status.NOT_STARTED: "chưa thực hiện",
}


class Entry(NamedTuple):
    """One progress entry as it will be written; values are the text the user gave."""

    status: str
    date: str
    due: str | None = None
    percent: int | None = None
    evidence: str | None = None

    def fields(self) -> list[tuple[str, str]]:
        status = STATUS_WORDS.get(loose_key(self.status))
        pairs = [
            ("due", self.due),
            ("status", STATUS_TEXT[status] if status else self.status),
            ("date", self.date),
            ("percent", None if self.percent is None else str(self.percent)),
            ("evidence", self.evidence),
        ]
        return [(key, value) for key, value in pairs if value is not None]


class FlowList(ValueError):
    """The task's progress is a flow list `[...]` with items, which cannot grow in place."""

    def __init__(self, task_id: str) -> None:
        super().__init__(task_id)
        self.task_id = task_id


class NoTask(LookupError):
    """The task id is not in the plan; ids holds the ids that are."""

    def __init__(self, task_id: str, ids: Sequence[str]) -> None:
        super().__init__(task_id)
        self.task_id, self.ids = task_id, list(ids)


# A plain scalar that every YAML reader reads back as the same text: letters (any script),
# digits, spaces and the punctuation of dates, numbers and document references, not starting
# or ending with a space, never ": " or " #" inside, never a YAML keyword.
_PLAIN = re.compile(r"[^\W_][\w ./,()%-]*[\w.)%]|[^\W_]", re.UNICODE)
_KEYWORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def scalar_text(value: str) -> str:
    if _PLAIN.fullmatch(value) and value.lower() not in _KEYWORDS and "  " not in value:
        return value
    return yaml_quote(value)


def tasks(root: Node | None) -> list[Map]:
    """Every task mapping of the plan's tree, in file order."""
    found: list[Map] = []
    if not isinstance(root, Map):
        return found
    sections = root.get("sections")
    for section in sections.items if isinstance(sections, Seq) else ():
        items = section.get("tasks") if isinstance(section, Map) else None
        found += [t for t in (items.items if isinstance(items, Seq) else ()) if isinstance(t, Map)]
    return found


def task_id(task: Map) -> str | None:
    value = task.get("id")
    return value.value if isinstance(value, Scalar) else None


def find_task(root: Node | None, wanted: str) -> Map:
    """The task mapping with this id (case and spaces aside). Raises NoTask."""
    all_tasks = tasks(root)
    for task in all_tasks:
        if (task_id(task) or "").strip().upper() == wanted.strip().upper():
            return task
    raise NoTask(wanted, [i for i in map(task_id, all_tasks) if i])


def _last_line(node: Node) -> int:
    """The last line holding node's text: block collections end where the next token starts,
    possibly lines later, so the last scalar inside decides."""
    while isinstance(node, (Map, Seq)):
        if isinstance(node, Map) and node.entries:
            node = node.entries[-1][1]
        elif isinstance(node, Seq) and node.items:
            node = node.items[-1]
        else:
            return node.span.end_line  # an empty flow collection: its span is exact
    span = node.span
    if span.end_column == 1 and span.end_line > span.line:
        return span.end_line - 1  # a block scalar ends at the start of the next line
    return span.end_line


def _line_start(text: str, lines: LineIndex, line: int) -> int:
    """Offset of the start of line (1-based); the end of the text past the last line."""
    if line > lines.count:
        return len(text)
    return lines.offset(line, 1)


def _item_lines(entry: Entry, dash: str, indent: str, newline: str) -> str:
    out = []
    for number, (key, value) in enumerate(entry.fields()):
        lead = dash if number == 0 else indent
        out.append(f"{lead}{key}: {scalar_text(value)}{newline}")
    return "".join(out)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"


def insert(text: str, task: Map, entries: Sequence[Entry]) -> tuple[str, int, str]:
    """text with entries added as the last progress items of task: (new text, first inserted
    line, inserted text)."""
    newline = newline_of(text)
    lines = LineIndex(text)
    progress = task.get("progress")
    key_column = task.entries[0][0].span.column if task.entries else task.span.column
    key_indent = " " * (key_column - 1)
    if isinstance(progress, Seq) and progress.items:
        first = progress.items[0]
        line_text = lines.line(first.span.line)
        dash_at = line_text.rfind("-", 0, first.span.column - 1)
        if dash_at >= 0 and not line_text[:dash_at].strip():
            dash = line_text[: first.span.column - 1]
            indent = " " * (first.span.column - 1)
            after = _last_line(progress)
            block = "".join(_item_lines(e, dash, indent, newline) for e in entries)
            return _put(text, lines, after, block, newline)
        # a flow list with items: rewritten as it stands would change its bytes; append inside
        raise FlowList(task_id(task) or "")
    dash = f"{key_indent}  - "
    indent = f"{key_indent}    "
    items = "".join(_item_lines(e, dash, indent, newline) for e in entries)
    if isinstance(progress, Seq) or (isinstance(progress, Scalar) and progress.value is None):
        # `progress: []` or `progress:` with nothing: the key line is rewritten
        key = next(k for k, v in task.entries if v is progress)
        start = lines.offset(key.span.line, 1)
        end = _line_start(text, lines, _last_line(progress) + 1)
        old = text[start:end]
        comment = re.search(r"\s#.*", old.rstrip("\r\n"))
        head = f"{key_indent}progress:{comment.group(0) if comment else ''}{newline}"
        new = head + items
        return text[:start] + new + text[end:], key.span.line, new
    block = f"{key_indent}progress:{newline}{items}"
    return _put(text, lines, _last_line(task), block, newline)


class Placed(NamedTuple):
    """Where one task's new entries went in the final text."""

    task: str
    first_line: int
    block: str

    @property
    def lines(self) -> range:
        return range(self.first_line, self.first_line + len(self.block.splitlines()))


def insert_all(
    text: str, placements: Sequence[tuple[Map, Sequence[Entry]]]
) -> tuple[str, list[Placed]]:
    """text with each task's entries inserted, on the positions of one parse: from the bottom of
    the file up, so that no insertion moves the lines of one still to be made."""
    order = sorted(placements, key=lambda p: p[0].span.line, reverse=True)
    made: list[tuple[str, int, str, int]] = []  # task id, line in the text then, block, removed
    for task, entries in order:
        before = text.count("\n") if "\n" in text else text.count("\r")
        text, line, block = insert(text, task, entries)
        after = text.count("\n") if "\n" in text else text.count("\r")
        made.append((task_id(task) or "", line, block, after - before))
    placed = []
    for index, (tid, line, block, _grown) in enumerate(made):
        # every insertion made after this one lies above it and pushed it down
        shift = sum(g for _t, _l, _b, g in made[index + 1 :])
        placed.append(Placed(tid, line + shift, block))
    return text, placed[::-1]


def same_entry(recorded: ProgressEntry, entry: Entry, single: bool) -> bool:
    """Whether entry repeats a recorded one: importing the same form twice adds nothing.
    single: the task has one occurrence, so a missing `due` names it too."""
    from datetime import datetime

    from .quarter import Quarter, QuarterError

    try:
        due = Quarter.parse(entry.due) if entry.due else None
        day = datetime.strptime(entry.date, "%d/%m/%Y").date()
    except (QuarterError, ValueError):
        return False
    status = STATUS_WORDS.get(loose_key(entry.status))
    percent = None if entry.percent is None else float(entry.percent)
    evidence = " ".join((entry.evidence or "").split()) or None
    written = " ".join((recorded.evidence or "").split()) or None
    same_due = recorded.due == due or (single and None in (recorded.due, due))
    return same_due and (recorded.status, recorded.day, recorded.percent, written) == (
        status,
        day,
        percent,
        evidence,
    )


def _put(text: str, lines: LineIndex, after: int, block: str, newline: str) -> tuple[str, int, str]:
    at = _line_start(text, lines, after + 1)
    prefix = ""
    if at == len(text) and text and not text.endswith(("\n", "\r")):
        prefix = newline  # the last line had no line end
    return text[:at] + prefix + block + text[at:], after + 1, block
