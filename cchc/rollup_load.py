"""Reading several plan files, or a folder of them, for a roll-up (I/O; the merge is rollup.py).

Every reading command takes `PATH...` (files or folders) beside `--file` (always one file, as
before); one file reads as with --file, two or more are checked one by one (each file's problems
with its own path) and merged.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

import typer

from .cliutil import fail, open_plan, require_plan, today, use_color
from .i18n import tr
from .load import Cached, CannotRead, Loaded, display_path, max_bytes
from .model import Plan
from .problems import Problem, Severity

PLAN_SUFFIXES = (".yaml", ".yml")


def expand(targets: Sequence[str]) -> list[Path]:
    """Files as given; a folder stands for its *.yaml and *.yml files, in name order (not its
    subfolders). Raises CannotRead for a folder without any."""
    files: list[Path] = []
    for target in targets:
        path = Path(target)
        if _is_dir(path):
            found = sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())
            if not found:
                raise CannotRead(
                    display_path(path),
                    "thư mục không có tệp kế hoạch nào (*.yaml, *.yml)",
                    "the folder holds no plan files (*.yaml, *.yml)",
                )
            files.extend(found)
        else:
            files.append(path)
    # the same file named twice (a folder and a file in it) is read once
    unique: dict[Path, Path] = {}
    for file in files:
        try:
            same = file.resolve()
        except (OSError, ValueError):  # the loader says what is wrong with such a path
            same = file
        unique.setdefault(same, file)
    return list(unique.values())


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a NUL in the path: the loader explains it
        return False


def _print(problems: list[Problem], loaded: Loaded, lang: str) -> None:
    from .render.problems import text as text_problems

    sys.stderr.write(
        text_problems(problems[:20], lang, loaded.document, use_color("auto", sys.stderr))
    )


def load_all(files: Sequence[Path], lang: str) -> list[Loaded]:
    return [open_plan(str(file), lang)[1] for file in files]


def registry_conflicts(loaded: Sequence[Loaded]) -> list[Problem]:
    """R001 problems of merging the files' registries (none unless every plan was built)."""
    from .rollup import Member, combine, keys_for

    plans = [one.plan for one in loaded]
    if len(loaded) < 2 or any(p is None for p in plans):
        return []
    keys = keys_for([one.document.path for one in loaded])
    members = [
        Member(key, one.document.path, plan)
        for key, one, plan in zip(keys, loaded, plans, strict=True)
        if plan is not None
    ]
    return combine(members)[1]


class _Entry(NamedTuple):
    """What the plan cache keeps of a roll-up: each file's checked load and the merged plan."""

    members: list[Cached]
    plan: Plan
    conflicts: list[Problem]


def _read_all(files: Sequence[Path], lang: str) -> list[tuple[str, bytes]]:
    from .fileio import protect
    from .load import STDIN, read_bytes

    read = []
    for file in files:
        shown = display_path(file)
        try:
            read.append((shown, read_bytes(file, shown, max_bytes())))
        except CannotRead as err:
            fail(err.message(lang), lang)
        if str(file) != STDIN:  # as load.load: standard input is no file to protect
            protect(file)
    return read


def _entry_key(read: Sequence[tuple[str, bytes]]) -> str:
    from . import cache as plan_cache

    joined = b"".join(len(data).to_bytes(8, "big") + data for _shown, data in read)
    return plan_cache.key(joined, "\0".join(shown for shown, _ in read), "rollup-libyaml")


def _load_members(
    read: Sequence[tuple[str, bytes]], day: date
) -> tuple[list[Loaded], Plan | None, list[Problem]]:
    """Each file checked and the roll-up merged, or all of it from the plan cache when these
    files were merged before: one entry for the whole roll-up, as a big file has one (a
    hundred small files each below load.CACHE_MIN_BYTES would all be parsed on every run).
    The clock rule runs on every load, as load.load_bytes does."""
    from codecs import BOM_UTF8

    from . import cache as plan_cache
    from .load import CACHE_MIN_BYTES, load_bytes, too_large
    from .rollup import Member, combine, keys_for
    from .validate import clock_problems
    from .yamlnodes import Document

    size = sum(len(data) for _shown, data in read)
    use_cache = plan_cache.enabled() and size >= CACHE_MIN_BYTES
    entry_key = _entry_key(read) if use_cache else ""
    hit = plan_cache.fetch(entry_key) if use_cache else None
    loaded: list[Loaded] = []
    if isinstance(hit, _Entry) and len(hit.members) == len(read):
        for (shown, data), cached in zip(read, hit.members, strict=True):
            text = data.removeprefix(BOM_UTF8).decode("utf-8", "replace") if cached.has_text else ""
            document = Document(shown, text, None, cached.document_problems, cached.loader)
            loaded.append(Loaded(document, cached.plan, list(cached.problems)))
        plan: Plan | None = hit.plan
        conflicts = hit.conflicts
    else:
        limit = max_bytes()
        for shown, data in read:
            if len(data) > limit:
                over = too_large(Path(shown), shown, limit)
                loaded.append(Loaded(Document(shown, "", None, [over]), None, [over]))
            else:  # what holds on any day; the clock rule is added below. A member big
                # enough has its own entry too: after an edit of one file of a roll-up of big
                # plans, only that file is parsed again
                one = load_bytes(data, shown, None)
                one.document.root = None  # built and checked: a hundred trees need not wait
                loaded.append(one)
        plan, conflicts = None, []
        if all(one.plan is not None and not _errors(one) for one in loaded):
            keys = keys_for([one.document.path for one in loaded])
            members = [
                Member(key, one.document.path, one.plan)
                for key, one in zip(keys, loaded, strict=True)
                if one.plan is not None
            ]
            plan, conflicts = combine(members)
            if use_cache:
                kept = [
                    Cached(
                        one.plan,
                        one.problems,
                        one.document.problems,
                        one.document.loader,
                        bool(one.document.text),
                    )
                    for one in loaded
                ]
                plan_cache.store(entry_key, _Entry(kept, plan, conflicts))
    for one in loaded:
        if one.plan is not None:
            dated = clock_problems(one.document, one.plan, day)
            if dated:
                one.problems = sorted([*one.problems, *dated], key=Problem.sort_key)
    return loaded, plan, conflicts


def _errors(one: Loaded) -> list[Problem]:
    return [p for p in one.problems if p.level is Severity.ERROR]


def require_plans(paths: Sequence[str] | None, file: str | None, lang: str) -> Plan:
    """The plan of one file as require_plan reads it, or the roll-up of several; exit 1 with
    each file's errors (with its own path), or with the registry conflicts."""
    if not paths:  # --file stays one file, as it always was
        return require_plan(file, lang)
    try:
        files = expand(paths)
        if file:
            files = expand([*map(str, files), file])
    except CannotRead as err:
        fail(err.message(lang), lang)
    if len(files) == 1:
        return require_plan(str(files[0]), lang)
    read = _read_all(files, lang)
    # as cliutil.open_plan: the collector would only rescan the trees and plans being built
    gc.disable()
    try:
        loaded, plan, conflicts = _load_members(read, today())
    finally:
        gc.enable()
    gc.freeze()
    broken = 0
    for one in loaded:
        errors = _errors(one)
        if one.plan is None or errors:
            broken += 1
            _print(errors, one, lang)
            sys.stderr.write(
                f"cchc: {tr('error.prefix', lang)}: "
                f"{tr('data.invalid', lang, path=one.document.path, errors=len(errors))}\n"
            )
    if broken or plan is None:
        raise typer.Exit(1)
    if conflicts:
        by_path = {one.document.path: one for one in loaded}
        for path in dict.fromkeys(p.path for p in conflicts):
            _print([p for p in conflicts if p.path == path], by_path[path], lang)
        fail(tr("data.invalid", lang, path=conflicts[0].path, errors=len(conflicts)), lang, 1)
    return plan


def plans_argument(lang: str) -> object:
    """PATH... of the reading commands: plan files or folders of them (a roll-up)."""
    from .cliutil import bilingual

    return typer.Argument(
        help=bilingual(
            lang,
            "Các tệp kế hoạch hoặc thư mục chứa chúng, để tổng hợp nhiều kế hoạch (mặc định: "
            "tệp kế hoạch như --file).",
            "Plan files or folders of them, to roll several plans up (default: the plan file, "
            "as --file).",
        ),
        metavar="[PATH]...",
        show_default=False,
    )
