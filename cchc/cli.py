"""The command line: parse options, read the clock, call the library, print, exit.

Exit codes: 0 fine, 1 problems found in the data, 2 could not run.
Help texts follow the language chosen by --lang or CCHC_LANG, so the app is built per language.
"""



import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn, Optional, TypeVar

import typer

from . import __version__
from .i18n import LANGS, lang_from, tr
from .load import CannotRead, Loaded, load, locate
from .model import Plan, Task
from .problems import Severity

T = TypeVar("T")

LIST_FORMATS = ("table", "markdown", "json", "csv")
VALIDATE_FORMATS = ("text", "parsable", "json", "github")


def _h(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


# --- output and failure ------------------------------------------------------------------------
def out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def fail(message: str, lang: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"cchc: {tr('error.prefix', lang)}: {message}\n")
    raise typer.Exit(code)


def use_color(choice: str, stream: object = None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def check_choice(value: str, choices: Sequence[str], lang: str) -> str:
    if value not in choices:
        fail(tr("error.bad_format", lang, value=value, choices=", ".join(choices)), lang)
    return value


def check_lang(value: str | None) -> str:
    lang = value or os.environ.get("CCHC_LANG") or "vi"
    if lang not in LANGS:
        fail(tr("error.bad_lang", "vi", value=lang), "vi")
    return lang


def today() -> date:
    """The only read of the clock in cchc."""
    return date.today()


def open_plan(file: str | None, lang: str) -> tuple[Path, Loaded]:
    path = locate(file)
    try:
        return path, load(path, today())
    except CannotRead as err:
        fail(err.message(lang), lang)


def require_plan(file: str | None, lang: str) -> Plan:
    """The plan, or exit 1 with the errors: no command computes from a broken file."""
    from .render.problems import text as text_problems

    _path, loaded = open_plan(file, lang)
    errors = [p for p in loaded.problems if p.level is Severity.ERROR]
    if loaded.plan is None or errors:
        sys.stderr.write(
            text_problems(errors[:20], lang, loaded.document, use_color("auto", sys.stderr))
        )
        fail(tr("data.invalid", lang, path=loaded.document.path, errors=len(errors)), lang, 1)
    return loaded.plan


def select_tasks(plan: Plan, section: str | None, lang: str) -> list[Task]:
    if section is None:
        return list(plan.tasks)
    found = plan.section(section)
    if found is None:
        fail(
            tr("error.no_section", lang, id=section, known=", ".join(s.id for s in plan.sections)),
            lang,
        )
    return list(found.tasks)


def _version(value: bool) -> None:
    if value:
        out(f"cchc {__version__}\n")
        raise typer.Exit(0)


# --- the app -----------------------------------------------------------------------------------
def build_app(lang: str = "vi") -> typer.Typer:
    h = lambda vi, en: _h(lang, vi, en)  # noqa: E731 - keeps the bilingual help strings short

    app = typer.Typer(
        name="cchc",
        help=h(
            "Theo dõi các nhiệm vụ trọng tâm cải cách hành chính: kiểm tra tệp kế hoạch, "
            "tính nhiệm vụ quá hạn, đến hạn, sắp đến hạn và lập báo cáo.",
            "Track the key tasks of an administrative-reform plan: check the plan file, "
            "compute what is overdue, due and upcoming, and write reports.",
        ),
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    FileOpt = Annotated[
        Optional[str],
        typer.Option(
            "--file",
            "-f",
            help=h(
                "Tệp kế hoạch (mặc định: $CCHC_DATA, data/tasks.yaml gần nhất, bản kèm gói).",
                "Plan file (default: $CCHC_DATA, nearest data/tasks.yaml, the packaged copy).",
            ),
            metavar="PATH",
        ),
    ]
    LangOpt = Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            help=h("Ngôn ngữ: vi hoặc en ($CCHC_LANG).", "Language: vi or en ($CCHC_LANG)."),
            metavar="vi|en",
        ),
    ]
    ColorOpt = Annotated[
        str,
        typer.Option(
            "--color",
            help=h(
                "Màu: auto, always, never (NO_COLOR tắt màu).",
                "Colour: auto, always, never (NO_COLOR turns it off).",
            ),
            metavar="auto|always|never",
        ),
    ]
    SectionOpt = Annotated[
        Optional[str],
        typer.Option(
            "--section",
            "-s",
            help=h("Chỉ một mục, ví dụ VII.", "Only one section, e.g. VII."),
            metavar="S",
        ),
    ]

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                callback=_version,
                is_eager=True,
                help=h("In phiên bản rồi thoát.", "Print the version and exit."),
            ),
        ] = False,
    ) -> None:
        pass

    @app.command(
        help=h(
            "Kiểm tra tệp kế hoạch và báo mọi lỗi kèm dòng, cột. Ví dụ: cchc validate data/tasks.yaml",
            "Check the plan file and report every problem with its line and column. "
            "Example: cchc validate data/tasks.yaml",
        )
    )
    def validate(
        path: Annotated[
            Optional[str],
            typer.Argument(help=h("Tệp cần kiểm tra.", "File to check."), metavar="[PATH]"),
        ] = None,
        file: FileOpt = None,
        output_format: Annotated[
            Optional[str],
            typer.Option(
                "--format",
                help=h(
                    "text, parsable, json hoặc github (tự chọn github khi GITHUB_ACTIONS được đặt).",
                    "text, parsable, json or github (github is chosen when GITHUB_ACTIONS is set).",
                ),
                metavar="FORMAT",
            ),
        ] = None,
        strict: Annotated[
            bool,
            typer.Option(
                "--strict", help=h("Cảnh báo cũng tính là lỗi.", "Warnings count as failures too.")
            ),
        ] = False,
        color: ColorOpt = "auto",
        lang_opt: LangOpt = None,
    ) -> None:
        from .render.problems import FORMATTERS

        lang = check_lang(lang_opt)
        fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        check_choice(fmt, VALIDATE_FORMATS, lang)
        _path, loaded = open_plan(path or file, lang)
        problems = loaded.problems
        out(FORMATTERS[fmt](problems, lang, loaded.document, use_color(color) and fmt == "text"))
        errors = sum(p.level is Severity.ERROR for p in problems)
        warnings = len(problems) - errors
        if fmt == "text":
            shown = loaded.document.path
            if problems:
                out(
                    tr("summary.problems", lang, path=shown, errors=errors, warnings=warnings)
                    + "\n"
                )
            else:
                tasks = sum(1 for _ in loaded.plan.tasks) if loaded.plan else 0
                out(tr("summary.ok", lang, path=shown, tasks=tasks) + "\n")
        if errors or (strict and warnings):
            raise typer.Exit(1)

    @app.command(
        "list",
        help=h(
            "Liệt kê các nhiệm vụ theo thứ tự của phụ lục. Ví dụ: cchc list --section VII --format markdown",
            "List the tasks in plan order. Example: cchc list --section VII --format markdown",
        ),
    )
    def list_(
        section: SectionOpt = None,
        output_format: Annotated[
            str, typer.Option("--format", help="table, markdown, json, csv", metavar="FORMAT")
        ] = "table",
        file: FileOpt = None,
        color: ColorOpt = "auto",
        lang_opt: LangOpt = None,
    ) -> None:
        from .render import tasks as render_tasks

        lang = check_lang(lang_opt)
        check_choice(output_format, LIST_FORMATS, lang)
        plan = require_plan(file, lang)
        tasks = select_tasks(plan, section, lang)
        if output_format == "table":
            from .render.table import list_table

            out(list_table(plan, tasks, lang, None, use_color(color)))
        else:
            render = {
                "json": render_tasks.list_json,
                "csv": render_tasks.list_csv,
                "markdown": render_tasks.list_markdown,
            }
            out(render[output_format](plan, tasks, lang))

    @app.command(
        help=h(
            "Hiện đầy đủ một nhiệm vụ. Ví dụ: cchc show VII.9",
            "Show one task in full. Example: cchc show VII.9",
        )
    )
    def show(
        task_id: Annotated[
            str,
            typer.Argument(
                help=h("Mã nhiệm vụ, ví dụ VII.9.", "Task id, e.g. VII.9."), metavar="ID"
            ),
        ],
        output_format: Annotated[
            str, typer.Option("--format", help="text, json", metavar="FORMAT")
        ] = "text",
        file: FileOpt = None,
        lang_opt: LangOpt = None,
    ) -> None:
        from .render import tasks as render_tasks

        lang = check_lang(lang_opt)
        check_choice(output_format, ("text", "json"), lang)
        plan = require_plan(file, lang)
        task = plan.task(task_id)
        if task is None:
            import difflib

            close = difflib.get_close_matches(task_id.upper(), [t.id for t in plan.tasks], n=3)
            hint = tr("hint.did_you_mean", lang, names=", ".join(close)) if close else ""
            fail(tr("error.no_task", lang, id=task_id, hint=hint), lang)
        render = render_tasks.show_json if output_format == "json" else render_tasks.show_text
        out(render(plan, task, lang))

    return app


def guarded(run: Callable[[], T], argv: Sequence[str], lang: str) -> T:
    """Unexpected errors end in one line and exit 2; --debug shows the traceback."""
    try:
        return run()
    except (SystemExit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None
    except Exception as err:
        if "--debug" in argv or os.environ.get("CCHC_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            "cchc: "
            + tr("error.internal", lang, version=__version__, error=f"{type(err).__name__}: {err}")
            + "\n"
        )
        raise SystemExit(2) from None


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from(args)
    args = [a for a in args if a != "--debug"]
    app = build_app(lang)
    guarded(
        lambda: app(args=args, prog_name="cchc"), list(sys.argv[1:] if argv is None else argv), lang
    )


app = build_app(lang_from(sys.argv[1:]))
