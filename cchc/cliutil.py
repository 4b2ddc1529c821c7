"""Helpers every command shares: options, output, failure, loading the plan.

Command modules import from here; cli.py only assembles the app.
"""

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from . import __version__
from .i18n import LANGS, tr
from .load import CannotRead, Loaded, load, locate
from .model import Plan, Task
from .problems import Severity

T = TypeVar("T")

LIST_FORMATS = ("table", "markdown", "json", "csv")
VALIDATE_FORMATS = ("text", "parsable", "json", "github")


def bilingual(lang: str, vi: str, en: str) -> str:
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


def print_version(value: bool) -> None:
    if value:
        out(f"cchc {__version__}\n")
        raise typer.Exit(0)


# --- options shared by commands (built per language, so help follows --lang) -------------------
def file_option(lang: str) -> Any:
    return typer.Option(
        "--file",
        "-f",
        help=bilingual(
            lang,
            "Tệp kế hoạch (mặc định: $CCHC_DATA, data/tasks.yaml gần nhất, bản kèm gói).",
            "Plan file (default: $CCHC_DATA, nearest data/tasks.yaml, the packaged copy).",
        ),
        metavar="PATH",
    )


def lang_option(lang: str) -> Any:
    return typer.Option(
        "--lang",
        help=bilingual(
            lang, "Ngôn ngữ: vi hoặc en ($CCHC_LANG).", "Language: vi or en ($CCHC_LANG)."
        ),
        metavar="vi|en",
    )


def color_option(lang: str) -> Any:
    return typer.Option(
        "--color",
        help=bilingual(
            lang,
            "Màu: auto, always, never (NO_COLOR tắt màu).",
            "Colour: auto, always, never (NO_COLOR turns it off).",
        ),
        metavar="auto|always|never",
    )


def section_option(lang: str) -> Any:
    return typer.Option(
        "--section",
        "-s",
        help=bilingual(lang, "Chỉ một mục, ví dụ VII.", "Only one section, e.g. VII."),
        metavar="S",
    )


def format_option(lang: str, choices: Sequence[str]) -> Any:
    return typer.Option(
        "--format",
        help=bilingual(lang, "Định dạng: ", "Format: ") + ", ".join(choices),
        metavar="FORMAT",
    )
