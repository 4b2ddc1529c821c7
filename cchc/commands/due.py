"""cchc due: overdue, due and upcoming deadlines at a reference time."""

from typing import Annotated

import typer

from ..cliutil import (
    agency_filter,
    check_usage,
    emit,
    fail,
    out,
    pick_section,
    reference_from,
    use_color,
)
from ..i18n import tr
from ..quarter import QuarterError
from ..rollup_load import plans_argument, require_plans
from . import color_option, command, format_option, param

DUE_FORMATS = ("table", "markdown", "json", "csv", "html")


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "due", lang)
    def due(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, param("quarter", lang)] = None,
        as_of: Annotated[str | None, param("as-of", lang)] = None,
        ahead: Annotated[int, param("due ahead", lang)] = 1,
        show_all: Annotated[bool, param("due all", lang)] = False,
        agency: Annotated[str | None, param("agency", lang)] = None,
        role: Annotated[str, param("role", lang)] = "lead",
        direct: Annotated[bool, param("direct", lang)] = False,
        section: Annotated[str | None, param("section", lang)] = None,
        status: Annotated[list[str] | None, param("due status", lang)] = None,
        output_format: Annotated[str, format_option(lang, DUE_FORMATS)] = "table",
        fail_on_overdue: Annotated[bool, param("due fail-on-overdue", lang)] = False,
        output: Annotated[str | None, param("due output", lang)] = None,
        file: Annotated[str | None, param("file", lang)] = None,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..schedule import State, parse_states, schedule

        lang_ = check_usage(lang_opt, output_format, DUE_FORMATS, role)
        if ahead < 0:
            fail(tr("due.bad_ahead", lang_, value=ahead), lang_)
        states: frozenset[State] | None = None
        if status:
            try:
                states = parse_states(status)
            except ValueError as err:
                fail(tr("due.bad_status", lang_, value=str(err)), lang_)
        reference = reference_from(quarter, as_of, lang_)
        try:
            reference.quarter + ahead  # the end of the window must be a quarter cchc can name
        except QuarterError:
            fail(tr("due.ahead_too_far", lang_, value=ahead), lang_)
        plan = require_plans(plans, file, lang_)
        found = pick_section(plan, section, lang_)
        section_id = None if found is None else found.id
        wanted = agency_filter(plan, agency, role, direct, lang_)
        sched = schedule(plan, reference, ahead, agency=wanted, section=section_id, states=states)
        # Asking for completed states means wanting to see them, --all or not.
        show_done = show_all or (states is not None and any(s.is_done for s in states))
        text: str | bytes
        if output_format == "table":
            from ..render.due_table import due_table

            color_ = use_color(color) and output in (None, "-")
            text = due_table(plan, sched, lang_, show_done, None, color_)
        elif output_format == "json":
            from ..render.common import json_bytes
            from ..render.due import due_value

            text = json_bytes(due_value(plan, sched, show_done))
        elif output_format == "html":
            from ..render.due_html import due_html

            text = due_html(plan, sched, lang_, show_done)
        else:
            from ..render import due as render_due

            render = {"markdown": render_due.due_markdown, "csv": render_due.due_csv}
            text = render[output_format](plan, sched, lang_, show_done)
        if isinstance(text, bytes):
            emit(text, output, lang_)
        elif output in (None, "-"):
            out(text)
        else:
            emit(text.encode("utf-8"), output, lang_)
        if fail_on_overdue and sched.overdue:
            raise typer.Exit(1)
