"""schema, export: the plan in editors (JSON Schema) and in calendars (iCalendar)."""

import sys
from typing import Annotated

import typer

from ..cliutil import (
    agency_filter,
    agency_option,
    bilingual,
    check_choice,
    check_lang,
    check_role,
    direct_option,
    emit,
    fail,
    file_option,
    lang_option,
    quarter_option,
    role_option,
    section_option,
    select_tasks,
)
from ..i18n import tr
from ..rollup_load import plans_argument, require_plans

EXPORT_FORMATS = ("ics", "xlsx")


def register(app: typer.Typer, lang: str) -> None:
    def h(vi: str, en: str) -> str:
        return bilingual(lang, vi, en)

    FileOpt = Annotated[str | None, file_option(lang)]
    LangOpt = Annotated[str | None, lang_option(lang)]
    OutputOpt = Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=h(
                "Ghi ra tệp này (thay tệp cũ trọn vẹn một lần) thay vì in ra màn hình.",
                "Write to this file (replacing the old one in one step) instead of printing.",
            ),
            metavar="FILE",
        ),
    ]

    @app.command(
        help=h(
            "In lược đồ JSON (JSON Schema 2020-12) của tệp kế hoạch, có mô tả tiếng Việt cho "
            "từng khoá, để trình soạn thảo kiểm tra khi gõ. "
            "Ví dụ: cchc schema --output schema/tasks.schema.json",
            "Print the JSON Schema (draft 2020-12) of the plan file, describing every key, so "
            "editors check the file while you type. "
            "Example: cchc schema --output schema/tasks.schema.json",
        )
    )
    def schema(output: OutputOpt = None, lang_opt: LangOpt = None) -> None:
        from ..jsonschema import build_schema, dumps

        lang_ = check_lang(lang_opt)
        emit(dumps(build_schema(lang_)).encode("utf-8"), output, lang_)
        if output not in (None, "-"):
            sys.stderr.write(tr("schema.written", lang_, path=output) + "\n")

    @app.command(
        help=h(
            "Xuất thời hạn các nhiệm vụ ra tệp lịch (.ics) để nhập vào Google Calendar, "
            "Outlook …: mỗi kỳ hạn là một sự kiện cả ngày vào ngày hạn cuối; nhập lại thì "
            "cập nhật, không nhân đôi. "
            "Ví dụ: cchc export --format ics --agency 'so noi vu' --output noi-vu.ics",
            "Export task deadlines as a calendar file (.ics) for Google Calendar, Outlook …: "
            "one all-day event per occurrence on its last allowed day; importing again updates "
            "the events instead of duplicating them. "
            "Example: cchc export --format ics --agency 'so noi vu' --output noi-vu.ics",
        )
    )
    def export(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        output_format: Annotated[
            str,
            typer.Option(
                "--format",
                help=h(
                    "Định dạng: ics (iCalendar) hoặc xlsx (biểu báo cáo tiến độ của một cơ quan "
                    "chủ trì, cần --agency).",
                    "Format: ics (iCalendar) or xlsx (a lead agency's progress reporting form; "
                    "needs --agency).",
                ),
                metavar="FORMAT",
            ),
        ] = "ics",
        agency: Annotated[str | None, agency_option(lang)] = None,
        role: Annotated[str, role_option(lang)] = "lead",
        direct: Annotated[bool, direct_option(lang)] = False,
        section: Annotated[str | None, section_option(lang)] = None,
        quarter: Annotated[str | None, quarter_option(lang)] = None,
        output: OutputOpt = None,
        file: FileOpt = None,
        lang_opt: LangOpt = None,
    ) -> None:
        from ..render.ics import calendar
        from ..schedule import links

        lang_ = check_lang(lang_opt)
        check_choice(output_format, EXPORT_FORMATS, lang_)
        check_role(role, lang_)
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
