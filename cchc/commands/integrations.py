"""schema, export: the plan in editors (JSON Schema) and in calendars (iCalendar)."""

import sys
from typing import Annotated

import typer

from ..cliutil import (
    agency_filter,
    check_lang,
    check_usage,
    emit,
    fail,
    select_tasks,
)
from ..i18n import tr
from ..rollup_load import plans_argument, require_plans
from . import command, param

EXPORT_FORMATS = ("ics", "xlsx")


def register(app: typer.Typer, lang: str) -> None:
    FileOpt = Annotated[str | None, param("file", lang)]
    LangOpt = Annotated[str | None, param("lang", lang)]
    OutputOpt = Annotated[str | None, param("export output", lang)]

    @command(app, "schema", lang)
    def schema(output: OutputOpt = None, lang_opt: LangOpt = None) -> None:
        from ..jsonschema import build_schema, dumps

        lang_ = check_lang(lang_opt)
        emit(dumps(build_schema(lang_)).encode("utf-8"), output, lang_)
        if output not in (None, "-"):
            sys.stderr.write(tr("schema.written", lang_, path=output) + "\n")

    @command(app, "export", lang)
    def export(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        output_format: Annotated[str, param("export format", lang)] = "ics",
        agency: Annotated[str | None, param("agency", lang)] = None,
        role: Annotated[str, param("role", lang)] = "lead",
        direct: Annotated[bool, param("direct", lang)] = False,
        section: Annotated[str | None, param("section", lang)] = None,
        quarter: Annotated[str | None, param("quarter", lang)] = None,
        output: OutputOpt = None,
        file: FileOpt = None,
        lang_opt: LangOpt = None,
    ) -> None:
        from ..agencies import links
        from ..render.ics import calendar

        lang_ = check_usage(lang_opt, output_format, EXPORT_FORMATS, role)
        if output_format == "xlsx":
            from .forms import export_form

            export_form(plans, file, agency, quarter, section, output, lang_)
            return
        if quarter is not None:
            fail(tr("export.quarter_ics", lang_), lang_)
        plan = require_plans(plans, file, lang_)
        tasks = select_tasks(plan, section, lang_)
        wanted = agency_filter(plan, agency, role, direct, lang_)
        chosen = []
        for task in tasks:
            for index, occurrence in enumerate(task.occurrences):
                # Who answers for an occurrence is decided on its due date: a body merged into
                # another before then has passed the deadline on to its successor.
                if wanted is None or links(plan.registry, task, wanted, occurrence.due_date):
                    chosen.append((task, index))
        emit(calendar(plan, chosen, lang_).encode("utf-8"), output, lang_)
        if output not in (None, "-"):
            sys.stderr.write(tr("export.written", lang_, path=output, count=len(chosen)) + "\n")
