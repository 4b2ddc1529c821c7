"""Progress entries into the plan file: the one write path of `record` and `import-progress`.

Read and lock the plan, check it, insert every entry (record.insert_all), check the result with
the whole plan, and only then replace the file (fileio.write_back: atomic, refused when the
file changed on disk since it was read). Any refusal exits before the write and leaves the
file as it was.
"""

from __future__ import annotations

import codecs
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .cliutil import fail, today, use_color
from .i18n import tr
from .problems import Problem, Severity
from .record import Entry

if TYPE_CHECKING:
    from .fileio import Written
    from .load import Loaded
    from .record import Placed


class Addition(NamedTuple):
    """One entry for one task, and where it came from (a form's row) when not typed."""

    task: str
    entry: Entry
    origin: str | None = None


class Outcome(NamedTuple):
    added: list[tuple[Addition, int]]  # each added entry and its first line in the plan
    skipped: list[Addition]  # already recorded with the same values
    lines: list[str]  # every inserted line as `path:line: + text`
    written: Written | None  # None on a dry run or when nothing was new


def _report(problems: Sequence[Problem], loaded: Loaded, lang: str) -> None:
    from .render.problems import text as text_problems

    color = use_color("auto", sys.stderr)
    sys.stderr.write(text_problems(list(problems)[:20], lang, loaded.document, color))


def _entry_lines(placed: Placed, count: int) -> list[range]:
    """The lines of each of the count entries in one placed block (each starts with '- ')."""
    starts = [
        placed.first_line + i
        for i, line in enumerate(placed.block.splitlines())
        if line.lstrip().startswith("- ")
    ][-count:]
    ends = [*starts[1:], placed.lines.stop]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def add_progress(
    path: Path, shown: str, additions: Sequence[Addition], *, dry_run: bool, lang: str
) -> Outcome:
    """Add the entries to the plan file at path, or refuse (exit 1 for the data, 2 otherwise)."""
    from . import record as edit
    from .fileio import WriteRefused, read_for_update, write_back
    from .load import CannotRead, load_bytes, read_bytes

    try:
        snapshot = read_for_update(path, shown=shown)
    except WriteRefused as err:
        fail(err.message(lang), lang)
    except OSError:
        try:
            read_bytes(path, shown)
        except CannotRead as err:
            fail(err.message(lang), lang)
        raise
    try:
        data = snapshot.data
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        before = load_bytes(data, shown, today())
        errors = [p for p in before.problems if p.level is Severity.ERROR]
        if errors or before.plan is None:
            _report(errors, before, lang)
            fail(tr("record.invalid_before", lang, path=shown), lang, 1)
        plan, document = before.plan, before.document
        text = data[len(bom) :].decode("utf-8")
        if document.text != text:  # pragma: no cover - a decoding the positions do not match
            fail(tr("record.cannot_place", lang, path=shown), lang)

        fresh: list[Addition] = []
        skipped: list[Addition] = []
        by_task: dict[str, list[Addition]] = {}
        for addition in additions:
            try:
                node = edit.find_task(document.root, addition.task)
            except edit.NoTask as err:
                close = difflib.get_close_matches(addition.task.upper(), err.ids, n=3, cutoff=0.5)
                where = f"{addition.origin}: " if addition.origin else ""
                message = tr(
                    "record.no_task", lang, id=addition.task, close=", ".join(close) or "—"
                )
                fail(where + message, lang, 1)
            task_id = edit.task_id(node) or addition.task
            task = plan.task(task_id)
            single = task is not None and len(task.occurrences) == 1
            recorded = task.progress if task is not None else ()
            pending = by_task.setdefault(task_id, [])
            if any(edit.same_entry(r, addition.entry, single) for r in recorded) or any(
                p.entry == addition.entry for p in pending
            ):
                skipped.append(addition)
                continue
            pending.append(addition)
            fresh.append(addition)
        if not fresh:
            snapshot.close()
            return Outcome([], skipped, [], None)

        nodes = {tid: edit.find_task(document.root, tid) for tid, items in by_task.items() if items}
        try:
            new_text, placed = edit.insert_all(
                text,
                [(nodes[tid], [a.entry for a in items]) for tid, items in by_task.items() if items],
            )
        except edit.FlowList as err:
            fail(tr("record.flow_list", lang, path=shown, id=err.task_id), lang, 1)
        payload = bom + new_text.encode("utf-8")

        origin_of: dict[int, Addition] = {}
        added: list[tuple[Addition, int]] = []
        for block in placed:
            items = by_task[block.task]
            for addition, span in zip(items, _entry_lines(block, len(items)), strict=True):
                added.append((addition, span.start))
                for line in span:
                    origin_of[line] = addition
        after = load_bytes(payload, shown, today())
        refused = [
            p for p in after.problems if p.level is Severity.ERROR or p.span.line in origin_of
        ]
        if refused:
            _report(refused, after, lang)
            for origin in dict.fromkeys(
                origin_of[p.span.line].origin for p in refused if p.span.line in origin_of
            ):
                if origin:
                    sys.stderr.write(tr("import.refused_row", lang, origin=origin) + "\n")
            fail(tr("record.refused", lang, path=shown), lang, 1)
        lines = [
            f"{shown}:{block.first_line + i}: + {line}"
            for block in placed
            for i, line in enumerate(block.block.splitlines())
        ]
        if dry_run:
            snapshot.close()
            return Outcome(added, skipped, lines, None)
        try:
            written = write_back(snapshot, payload, shown=shown)
        except WriteRefused as err:
            fail(err.message(lang), lang)
    finally:
        snapshot.close()
    notice = written.notice(lang)
    if notice:
        sys.stderr.write(f"cchc: {tr('warning.prefix', lang)}: {notice}\n")
    return Outcome(added, skipped, lines, written)
