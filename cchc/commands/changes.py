"""cchc changes: what changed in the plan between two git revisions or two files."""

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cliutil import (
    bilingual,
    check_usage,
    checked,
    fail,
    out,
    require_plan,
    today,
    use_color,
)
from . import color_option, command, format_option, param

if TYPE_CHECKING:
    from ..load import Loaded
    from ..model import Plan

CHANGES_FORMATS = ("table", "markdown", "json")
WORKING = "WORKING"  # the new side is the file on disk; JSON says so in these words


def read_revisions(
    file: str | None, revisions: list[str], lang: str
) -> tuple[str, "Plan", str, "Plan", str]:
    """(old label, old plan, new label, new plan, file shown) from git; exits 2 on git errors."""
    from ..gitrev import GitError, Repo
    from ..load import CannotRead, display_path, load, load_bytes, locate

    path = locate(file)
    try:
        repo = Repo(path)
        if len(revisions) > 2:
            fail(
                bilingual(
                    lang,
                    f"chỉ so sánh được hai phiên bản, có {len(revisions)}: {' '.join(revisions)}",
                    f"only two revisions can be compared, got {len(revisions)}: "
                    f"{' '.join(revisions)}",
                ),
                lang,
            )
        old_rev = revisions[0] if revisions else repo.last_change()
        old_label = revisions[0] if revisions else old_rev[:12]
        old_bytes = repo.read(old_rev)
        new_bytes = repo.read(revisions[1]) if len(revisions) == 2 else None
    except GitError as err:
        fail(err.message(lang), lang)
    day = today()
    new_label = WORKING if new_bytes is None else revisions[1]
    shown = display_path(path)

    def revision(data: bytes, label: str) -> "Loaded":
        loaded = load_bytes(data, f"{label}:{repo.relative}", day)
        loaded.document.root = None  # the tree is not needed once the plan is built
        return loaded

    # as cliutil.open_plan: the collector would only rescan the plans being built
    gc.disable()
    try:
        old_loaded = revision(old_bytes, old_label)
        new_loaded = load(path, day) if new_bytes is None else revision(new_bytes, new_label)
    except CannotRead as err:
        fail(err.message(lang), lang)
    finally:
        gc.enable()
    gc.freeze()
    old, new = checked(old_loaded, lang), checked(new_loaded, lang)
    return old_label, old, new_label, new, shown


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "changes", lang)
    def changes(
        revisions: Annotated[list[str] | None, param("changes revisions", lang)] = None,
        plan: Annotated[str | None, param("changes plan", lang)] = None,
        old_file: Annotated[str | None, param("changes from", lang)] = None,
        new_file: Annotated[str | None, param("changes to", lang)] = None,
        output_format: Annotated[str, format_option(lang, CHANGES_FORMATS)] = "table",
        fail_on_rewrite: Annotated[bool, param("changes fail-on-rewrite", lang)] = False,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..changes import diff
        from ..load import display_path
        from ..render import changes as render

        lang_ = check_usage(lang_opt, output_format, CHANGES_FORMATS)
        revs = list(revisions or [])
        if old_file is not None or new_file is not None:
            if old_file is None or new_file is None or revs or plan is not None:
                fail(
                    bilingual(
                        lang_,
                        "--from và --to đi cùng nhau, không kèm phiên bản git hay --plan",
                        "--from and --to go together, without git revisions or --plan",
                    ),
                    lang_,
                )
            old, new = require_plan(old_file, lang_), require_plan(new_file, lang_)
            old_label, new_label = display_path(Path(old_file)), display_path(Path(new_file))
            shown = new_label
        else:
            old_label, old, new_label, new, shown = read_revisions(plan, revs, lang_)
        result = diff(old, new)
        if new_label == WORKING and output_format != "json":
            new_label = bilingual(lang_, "bản đang sửa", "working copy")
        if output_format == "json":
            out(render.as_json(result, shown, old_label, new_label))
        elif output_format == "markdown":
            out(render.as_markdown(result, shown, old_label, new_label, lang_))
        else:
            out(render.as_table(result, shown, old_label, new_label, lang_, use_color(color)))
        if fail_on_rewrite and result.rewrites:
            raise typer.Exit(1)
