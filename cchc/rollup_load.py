"""Reading several plan files, or a folder of them, for a roll-up (I/O; the merge is rollup.py).

Every reading command takes `PATH...` (files or folders) beside `--file` (always one file, as
before); one file reads as with --file, two or more are checked one by one (each file's problems
with its own path) and merged.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from .cliutil import errors_of, fail, open_plan, print_problems, require_plan
from .i18n import tr
from .load import CannotRead, Loaded, display_path
from .model import Plan
from .problems import Problem

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


def merged(loaded: Sequence[Loaded]) -> tuple[Plan | None, list[Problem]]:
    """The roll-up of the files' plans and the R001 problems of merging their registries
    (no plan unless every file's plan was built)."""
    from .rollup import Member, combine, keys_for

    keys = keys_for([one.document.path for one in loaded])
    members = [
        Member(key, one.document.path, one.plan)
        for key, one in zip(keys, loaded, strict=True)
        if one.plan is not None
    ]
    if len(members) < len(loaded):
        return None, []
    return combine(members)


def registry_conflicts(loaded: Sequence[Loaded]) -> list[Problem]:
    return merged(loaded)[1] if len(loaded) > 1 else []


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
    loaded = [open_plan(str(file), lang)[1] for file in files]
    for one in loaded:
        one.document.root = None  # built and checked: a hundred trees need not wait
    plan, conflicts = (None, []) if any(map(errors_of, loaded)) else merged(loaded)
    broken = 0
    for one in loaded:
        errors = errors_of(one)
        if one.plan is None or errors:
            broken += 1
            print_problems(errors, one, lang)
            sys.stderr.write(
                f"cchc: {tr('error.prefix', lang)}: "
                f"{tr('data.invalid', lang, path=one.document.path, errors=len(errors))}\n"
            )
    if broken or plan is None:
        raise typer.Exit(1)
    if conflicts:
        by_path = {one.document.path: one for one in loaded}
        for path in dict.fromkeys(p.path for p in conflicts):
            print_problems([p for p in conflicts if p.path == path], by_path[path], lang)
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
