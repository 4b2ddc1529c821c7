"""cchc changes: what changed in the plan between two git revisions or two files."""

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cliutil import (
    bilingual,
    check_choice,
    check_lang,
    color_option,
    fail,
    format_option,
    lang_option,
    out,
    today,
    use_color,
)

if TYPE_CHECKING:
    from ..load import Loaded
    from ..model import Plan
    from ..problems import Problem

CHANGES_FORMATS = ("table", "markdown", "json")
WORKING = "WORKING"  # the new side is the file on disk; JSON says so in these words


def checked(loaded: "Loaded", lang: str) -> "Plan":
    """The plan, or the errors and exit 1: a broken version cannot be compared."""
    from ..i18n import tr
    from ..render.problems import text as text_problems

    errors = _errors(loaded)
    if loaded.plan is None or errors:
        sys.stderr.write(
            text_problems(errors[:20], lang, loaded.document, use_color("auto", sys.stderr))
        )
        fail(tr("data.invalid", lang, path=loaded.document.path, errors=len(errors)), lang, 1)
    return loaded.plan


def _errors(loaded: "Loaded") -> list["Problem"]:
    from ..problems import Severity

    return [p for p in loaded.problems if p.level is Severity.ERROR]


def read_file(name: str, lang: str) -> "Plan":
    from ..cliutil import open_plan

    return checked(open_plan(name, lang)[1], lang)


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
        # Looked up under the working copy's name first: a committed revision is, byte for
        # byte, a working copy that due/report/validate have read (and the plan cache kept),
        # and the plan does not hold its file's name. Only the messages of a broken revision
        # must name it, so only then is it parsed again under its own label.
        loaded = load_bytes(data, shown, day)
        if loaded.plan is not None and not _errors(loaded):
            loaded.document.root = None  # the tree is not needed once the plan is built
            return loaded
        return load_bytes(data, f"{label}:{repo.relative}", day, use_cache=False)

    # as cliutil.open_plan: the collector would only rescan the plans being built or read back
    # from the cache (it doubles the time of reading a 10k-task plan back)
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
    def h(vi: str, en: str) -> str:
        return bilingual(lang, vi, en)

    @app.command(
        help=h(
            "Những gì đã thay đổi trong kế hoạch giữa hai phiên bản git (mặc định: commit gần "
            "nhất sửa tệp và bản đang sửa) hoặc hai tệp: nhiệm vụ thêm, bỏ, đổi thời hạn, cơ "
            "quan, tiến độ mới; cảnh báo khi tiến độ đã ghi bị sửa hoặc xoá. "
            "Ví dụ: cchc changes HEAD~3 HEAD",
            "What changed in the plan between two git revisions (default: the last commit that "
            "touched the file, and the working copy) or two files: tasks added, removed, "
            "deadlines, agencies, new progress; warnings when recorded progress was edited or "
            "deleted. Example: cchc changes HEAD~3 HEAD",
        )
    )
    def changes(
        revisions: Annotated[
            list[str] | None,
            typer.Argument(
                help=h(
                    "Phiên bản cũ và mới (commit, nhánh, thẻ, HEAD~1).",
                    "Old and new revision (commit, branch, tag, HEAD~1).",
                ),
                metavar="[REV1 [REV2]]",
            ),
        ] = None,
        plan: Annotated[
            str | None,
            typer.Option(
                "--plan",
                "--file",
                "-f",
                help=h(
                    "Tệp kế hoạch trong kho git (mặc định như các lệnh khác).",
                    "The plan file in the git repository (default as for the other commands).",
                ),
                metavar="PATH",
            ),
        ] = None,
        old_file: Annotated[
            str | None,
            typer.Option(
                "--from",
                help=h("So sánh hai tệp: tệp cũ.", "Compare two files: the old one."),
                metavar="OLD.yaml",
            ),
        ] = None,
        new_file: Annotated[
            str | None,
            typer.Option(
                "--to",
                help=h("So sánh hai tệp: tệp mới.", "Compare two files: the new one."),
                metavar="NEW.yaml",
            ),
        ] = None,
        output_format: Annotated[str, format_option(lang, CHANGES_FORMATS)] = "table",
        fail_on_rewrite: Annotated[
            bool,
            typer.Option(
                "--fail-on-rewrite",
                help=h(
                    "Thoát với mã 1 khi tiến độ đã ghi bị sửa hoặc xoá (dùng trong CI).",
                    "Exit 1 when recorded progress was edited or deleted (a CI guard).",
                ),
            ),
        ] = False,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..changes import diff
        from ..load import display_path
        from ..render import changes as render

        lang_ = check_lang(lang_opt)
        check_choice(output_format, CHANGES_FORMATS, lang_)
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
            old, new = read_file(old_file, lang_), read_file(new_file, lang_)
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
