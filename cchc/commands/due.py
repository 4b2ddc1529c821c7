"""cchc due: overdue, due and upcoming deadlines at a reference time."""

from typing import Annotated

import typer

from ..cliutil import (
    agency_filter,
    agency_option,
    as_of_option,
    bilingual,
    check_choice,
    check_lang,
    check_role,
    color_option,
    direct_option,
    emit,
    fail,
    file_option,
    format_option,
    lang_option,
    out,
    quarter_option,
    reference_from,
    role_option,
    section_option,
    use_color,
)
from ..i18n import tr
from ..quarter import QuarterError
from ..rollup_load import plans_argument, require_plans

DUE_FORMATS = ("table", "markdown", "json", "csv", "html")


def register(app: typer.Typer, lang: str) -> None:
    def h(vi: str, en: str) -> str:
        return bilingual(lang, vi, en)

    @app.command(
        help=h(
            "Nhiệm vụ quá hạn, đến hạn trong quý và sắp đến hạn, tính đến một quý hoặc một "
            "ngày (mặc định: hôm nay); lọc theo cơ quan, mục, tình trạng. "
            "Ví dụ: cchc due --quarter IV/2023 --agency 'so noi vu'",
            "Overdue tasks, tasks due this quarter and upcoming ones, as of a quarter or a "
            "date (default: today); filter by agency, section, status. "
            "Example: cchc due --quarter IV/2023 --agency 'so noi vu'",
        )
    )
    def due(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, quarter_option(lang)] = None,
        as_of: Annotated[str | None, as_of_option(lang)] = None,
        ahead: Annotated[
            int,
            typer.Option(
                "--ahead",
                help=h(
                    "Số quý tính là sắp đến hạn sau quý tham chiếu (mặc định 1).",
                    "How many quarters after the reference count as upcoming (default 1).",
                ),
                metavar="N",
            ),
        ] = 1,
        show_all: Annotated[
            bool,
            typer.Option(
                "--all",
                help=h(
                    "Hiện cả các kỳ đã hoàn thành (đúng hạn hoặc quá hạn).",
                    "Also show completed occurrences (on time or late).",
                ),
            ),
        ] = False,
        agency: Annotated[str | None, agency_option(lang)] = None,
        role: Annotated[str, role_option(lang)] = "lead",
        direct: Annotated[bool, direct_option(lang)] = False,
        section: Annotated[str | None, section_option(lang)] = None,
        status: Annotated[
            list[str] | None,
            typer.Option(
                "--status",
                help=h(
                    "Chỉ các kỳ có tình trạng: hoàn thành, hoàn thành quá hạn, đang thực hiện, "
                    "chưa thực hiện (lặp lại hoặc ngăn bằng dấu phẩy).",
                    "Only occurrences in these states: done, done_late, in_progress, "
                    "not_started (repeat or separate with commas).",
                ),
                metavar="STATUS",
            ),
        ] = None,
        output_format: Annotated[str, format_option(lang, DUE_FORMATS)] = "table",
        fail_on_overdue: Annotated[
            bool,
            typer.Option(
                "--fail-on-overdue",
                help=h(
                    "Trả mã thoát 1 khi có nhiệm vụ quá hạn (dùng để nhắc việc trong CI).",
                    "Exit with code 1 when anything is overdue (for CI reminders).",
                ),
            ),
        ] = False,
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                help=h(
                    "Ghi ra tệp (ghi thay an toàn); mặc định in ra màn hình.",
                    "Write to a file (replaced atomically); default: standard output.",
                ),
                metavar="FILE",
            ),
        ] = None,
        file: Annotated[str | None, file_option(lang)] = None,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..schedule import State, parse_states, schedule

        lang_ = check_lang(lang_opt)
        check_choice(output_format, DUE_FORMATS, lang_)
        check_role(role, lang_)
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
        section_id: str | None = None
        if section is not None:
            found = plan.section(section)
            if found is None:
                known = ", ".join(s.id for s in plan.sections)
                fail(tr("error.no_section", lang_, id=section, known=known), lang_)
            section_id = found.id
        wanted = agency_filter(plan, agency, role, direct, lang_)
        sched = schedule(plan, reference, ahead, agency=wanted, section=section_id, states=states)
        # Asking for completed states means wanting to see them, --all or not.
        show_done = show_all or (states is not None and any(s.is_done for s in states))
        if output_format == "table":
            from ..render.due_table import due_table

            color_ = use_color(color) and output in (None, "-")
            text = due_table(plan, sched, lang_, show_done, None, color_)
        elif output_format == "html":
            from ..render.due_html import due_html

            text = due_html(plan, sched, lang_, show_done)
        else:
            from ..render import due as render_due

            render = {
                "markdown": render_due.due_markdown,
                "json": render_due.due_json,
                "csv": render_due.due_csv,
            }[output_format]
            text = render(plan, sched, lang_, show_done)
        if output in (None, "-"):
            out(text)
        else:
            emit(text.encode("utf-8"), output, lang_)
        if fail_on_overdue and sched.overdue:
            raise typer.Exit(1)
