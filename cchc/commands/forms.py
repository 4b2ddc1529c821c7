"""The quarterly loop's spreadsheet half: `export --format xlsx` (the agency's form) and
`import-progress` (filled forms back into the plan, through record's write path)."""

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cliutil import (
    check_lang,
    fail,
    out,
    parse_day_first,
    pick_agency,
    pick_section,
    reference_from,
    require_plan,
)
from ..i18n import tr
from . import command, param

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..formread import Form
    from ..progress_edit import Addition
    from ..schedule import Item


def _need_openpyxl(lang: str) -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        fail(tr("form.missing_openpyxl", lang), lang)


def _words(lang: str) -> "Callable[[Item], tuple[str, str, str, str]]":
    from ..render.common import vn_date
    from ..render.due import deadline_text, status_text, title_text
    from ..schedule import Bucket

    def words(item: "Item") -> tuple[str, str, str, str]:
        situation = tr(f"due.short.{item.bucket.value}", lang)
        if item.bucket is Bucket.OVERDUE:
            situation += f" ({tr('form.quarters_late', lang, count=item.quarters_late)})"
        reported = status_text(item, lang)
        if item.entry is not None and item.entry.day is not None:
            reported += f", {vn_date(item.entry.day)}"
        return title_text(item), deadline_text(item), situation, reported

    return words


def export_form(
    plans: list[str] | None,
    file: str | None,
    agency: str | None,
    quarter: str | None,
    section: str | None,
    output: str | None,
    lang: str,
) -> None:
    """`cchc export --format xlsx --agency NAME`: the reporting form of one lead agency."""
    from ..agencies import AgencyFilter, Role
    from ..cliutil import emit
    from ..forms import form_rows
    from ..schedule import schedule

    if agency is None:
        fail(tr("form.needs_agency", lang), lang)
    if plans and len(plans) > 1:
        fail(tr("form.one_plan", lang), lang)
    if output in (None, "-") and sys.stdout.isatty():
        fail(tr("form.tty", lang), lang)
    _need_openpyxl(lang)
    from ..render.xlsx_form import workbook

    plan = require_plan(plans[0] if plans else file, lang)
    pick_section(plan, section, lang)
    reference = reference_from(quarter, None, lang)
    wanted = AgencyFilter(pick_agency(plan, agency, lang), Role.LEAD)
    sched = schedule(plan, reference, 1, agency=wanted, section=section)
    rows = form_rows(sched, _words(lang))
    made = datetime.combine(reference.as_of, datetime.min.time())
    data = workbook(
        rows,
        agency=wanted.agency.name,
        quarter=reference.quarter.label(),
        plan_title=plan.info.title,
        made_on=made,
        lang=lang,
    )
    emit(data, output, lang)
    if output not in (None, "-"):
        message = tr("form.written", lang, agency=wanted.agency.name, count=len(rows), path=output)
        sys.stderr.write(message + "\n")


def _form_additions(form: "Form", lang: str) -> tuple[list["Addition"], list[str]]:
    from ..forms import read_row
    from ..progress_edit import Addition

    additions: list[Addition] = []
    problems: list[str] = []

    def cell(column: str, number: int) -> str:
        return f"{form.shown}:{form.sheet}!{column}{number}"

    for filled in form.rows:
        entry, wrong = read_row(filled.row, filled.expected, filled.cells, parse_day_first)
        for one in wrong:
            message = tr(f"form.{one.key}", lang, **dict(one.args))
            problems.append(f"{cell(one.column, filled.number)}: {message}")
        if entry is not None:
            origin = f"{form.shown}:{form.sheet}!{filled.number}:{filled.number}"
            additions.append(Addition(filled.expected[0], entry, origin))
    for number in form.extra:
        problems.append(f"{cell('A', number)}: {tr('form.extra_row', lang)}")
    return additions, problems


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "import-progress", lang)
    def import_progress(
        paths: Annotated[list[str], param("import-progress forms", lang)],
        dry_run: Annotated[bool, param("dry-run", lang)] = False,
        file: Annotated[str | None, param("file", lang)] = None,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
    ) -> None:
        from ..formread import FormUnreadable, read_form
        from ..load import CannotRead, display_path, locate, max_bytes
        from ..progress_edit import add_progress

        lang_ = check_lang(lang_opt)
        _need_openpyxl(lang_)
        path = locate(file)
        if str(path) == "-":
            fail(tr("record.no_stdin", lang_), lang_)
        shown = display_path(path)
        plan = require_plan(file, lang_)
        additions: list[Addition] = []
        problems: list[str] = []
        for name in paths:
            form_path = Path(name)
            form_shown = display_path(form_path)
            try:
                form = read_form(form_path, form_shown, max_bytes())
            except CannotRead as err:
                fail(err.message(lang_), lang_)
            except FormUnreadable as err:
                fail(f"{form_shown}: {tr(f'form.{err.key}', lang_, **err.values)}", lang_, 1)
            if form.plan != plan.info.title:
                message = tr("form.other_plan", lang_, form=form.plan, plan=plan.info.title)
                problems.append(f"{form_shown}: {message}")
                continue
            found, wrong = _form_additions(form, lang_)
            additions += found
            problems += wrong
        if problems:
            sys.stderr.write("".join(line + "\n" for line in problems))
            fail(tr("form.problems", lang_, count=len(problems), path=shown), lang_, 1)
        outcome = add_progress(path, shown, additions, dry_run=dry_run, lang=lang_)
        if dry_run:
            out("".join(line + "\n" for line in outcome.lines))
        summary = "form.dry_run" if dry_run else "form.added" if outcome.added else "form.nothing"
        count, skipped = len(outcome.added), len(outcome.skipped)
        sys.stderr.write(tr(summary, lang_, count=count, skipped=skipped, path=shown) + "\n")
