"""import: an appendix table (Word or converted text) → a plan file."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..cliutil import check_choice, check_lang, fail
from . import color_option, command, param

IMPORT_FORMATS = ("docx", "text")


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "import", lang)
    def import_(
        appendix: Annotated[str, param("import appendix", lang)],
        output: Annotated[str | None, param("import output", lang)] = None,
        input_format: Annotated[str | None, param("import format", lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
    ) -> None:
        lang_ = check_lang(lang_opt)
        fmt = input_format or ("docx" if appendix.lower().endswith(".docx") else "text")
        check_choice(fmt, IMPORT_FORMATS, lang_)
        run_import(appendix, output, fmt, color, lang_)


def run_import(appendix: str, output: str | None, fmt: str, color: str, lang: str) -> None:
    from ..appendix import convert, emit, reader
    from ..appendix.headers import USUAL
    from ..cliutil import emit as write
    from ..cliutil import use_color
    from ..i18n import tr
    from ..load import CannotRead, check, display_path, read_bytes
    from ..problems import Severity
    from ..render.problems import text as text_problems
    from ..yamlnodes import parse

    path = Path(appendix)
    shown = display_path(path)
    try:
        data = read_bytes(path, shown)
        source = reader.read(data, shown, fmt)
    except CannotRead as err:
        fail(err.message(lang), lang)
    except reader.CannotImport as err:
        fail(f"{shown}: {err.message(lang)}", lang)
    plan = convert.convert(source)
    if plan is None:
        legacy = convert.legacy_note(source)
        if legacy is not None:
            _warn(shown, legacy.where, tr("import.legacy", lang, **dict(legacy.args)), lang)
        fail(tr("import.no_header", lang, path=shown, headings=USUAL), lang, 1)
    for note in plan.notes:
        _warn(shown, note.where, tr(f"import.{note.key}", lang, **dict(note.args)), lang)
    output_shown = display_path(Path(output)) if output and output != "-" else "<stdout>"
    text = emit.render(plan, shown, lang)
    document = parse(text.encode("utf-8"), output_shown)
    _plan, problems = check(document)
    errors = [p for p in problems if p.level is Severity.ERROR]
    if problems:
        sys.stderr.write(text_problems(problems, lang, document, use_color(color, sys.stderr)))
    write(text.encode("utf-8"), output, lang)
    tasks = sum(len(s.tasks) for s in plan.sections)
    summary = tr(
        "import.summary",
        lang,
        path=shown,
        tasks=tasks,
        sections=len(plan.sections),
        agencies=len(plan.agencies),
        warnings=len(plan.notes),
        output=output_shown,
    )
    sys.stderr.write(summary + "\n")
    if errors:
        fail(tr("import.invalid", lang, output=output_shown, errors=len(errors)), lang, 1)


def _warn(shown: str, where: str, message: str, lang: str) -> None:
    """One located warning: APPENDIX.docx:table 1 row 27: warning: …"""
    from ..i18n import tr

    located = shown if where == shown else f"{shown}:{place(where, lang)}"
    sys.stderr.write(f"{located}: {tr('warning.prefix', lang)}: {message}\n")


_PLACES = (("table", "bảng"), ("row", "dòng"), ("line", "dòng"))


def place(where: str, lang: str) -> str:
    """ "table 1 row 27" / "line 123" as the language words it."""
    if lang == "en":
        return where
    for en, vi in _PLACES:
        where = where.replace(en, vi)
    return where
