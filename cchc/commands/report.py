"""cchc report (the quarterly progress memo) and cchc agencies (the registry with counts)."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..cliutil import (
    agency_filter,
    bilingual,
    check_usage,
    emit,
    fail,
    out,
    reference_from,
    today,
    use_color,
)
from ..i18n import tr
from ..rollup_load import plans_argument, require_plans
from . import color_option, command, format_option, param

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..document import Block, Document
    from ..schedule import Reference

REPORT_FORMATS = ("markdown", "table", "json", "docx", "html")
NO_COMPARISON = ("none", "khong", "không")


def compared_reference(value: str | None, reference: "Reference", lang: str) -> "Reference | None":
    """--compare-to: the end of an earlier quarter (default: the one before); None for 'none'."""
    from ..quarter import Quarter, QuarterError
    from ..schedule import Reference

    if value is None:
        return Reference.of_quarter(reference.quarter - 1)
    if value.strip().lower() in NO_COMPARISON:
        return None
    try:
        quarter = Quarter.parse(value)
    except QuarterError:
        fail(tr("due.bad_quarter", lang, value=value), lang)
    if quarter >= reference.quarter:
        fail(
            bilingual(
                lang,
                f"--compare-to {quarter.label()} phải là quý trước quý báo cáo "
                f"{reference.quarter.label()}",
                f"--compare-to {quarter.label()} must be a quarter before the reported one "
                f"({reference.quarter.label()})",
            ),
            lang,
        )
    return Reference.of_quarter(quarter)


AGENCY_FORMATS = ("table", "markdown", "json", "csv")


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "report", lang)
    def report(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, param("quarter", lang)] = None,
        as_of: Annotated[str | None, param("as-of", lang)] = None,
        agency: Annotated[str | None, param("agency", lang)] = None,
        role: Annotated[str, param("role", lang)] = "lead",
        direct: Annotated[bool, param("direct", lang)] = False,
        output_format: Annotated[str, format_option(lang, REPORT_FORMATS)] = "markdown",
        output: Annotated[str | None, param("report output", lang)] = None,
        signed: Annotated[str | None, param("report date", lang)] = None,
        charts: Annotated[bool, param("report charts", lang)] = False,
        compare_to: Annotated[str | None, param("report compare-to", lang)] = None,
        file: Annotated[str | None, param("file", lang)] = None,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..compare import Comparison
        from ..memo import document
        from ..report import build_report
        from ..schedule import schedule

        lang_ = check_usage(lang_opt, output_format, REPORT_FORMATS, role)
        if charts and output_format not in ("docx", "html"):
            fail(tr("report.charts_format", lang_, fmt=output_format), lang_)
        if output_format == "docx" and output in (None, "-"):
            fail(tr("report.docx_needs_output", lang_), lang_)
        reference = reference_from(quarter, as_of, lang_)
        day = today() if signed is None else reference_from(None, signed, lang_).as_of
        plan = require_plans(plans, file, lang_)
        wanted = agency_filter(plan, agency, role, direct, lang_)
        rep = build_report(plan, schedule(plan, reference, 1, agency=wanted))
        earlier = compared_reference(compare_to, reference, lang_)
        comparison = None
        if earlier is not None:
            before = build_report(plan, schedule(plan, earlier, 1, agency=wanted))
            comparison = Comparison(rep, before)
        agency_name = wanted.agency.name if wanted else None
        from .. import compare

        def memo(figures: "Mapping[str, Sequence[Block]] | None" = None) -> "Document":
            doc = document(rep, lang_, agency_name, day, figures)
            return doc if comparison is None else compare.with_changes(doc, comparison, lang_)

        if output_format == "json":
            from ..render.common import json_bytes
            from ..report import as_record

            record = as_record(rep) if comparison is None else compare.record(comparison)
            data = json_bytes(record)
        elif output_format == "html":
            from ..render.charts import report_figures
            from ..render.html import render as render_html

            data = render_html(memo(report_figures(rep, lang_))).encode("utf-8")
        elif output_format == "docx":
            from ..render.docx import MissingExtra, to_bytes

            figures = None
            if charts:
                from ..render.charts import report_figures

                figures = report_figures(rep, lang_)
            try:
                data = to_bytes(memo(figures))
            except MissingExtra as missing:
                if missing.args and missing.args[0] == "cairosvg":
                    fail(tr("report.no_charts", lang_, detail=missing.detail), lang_)
                fail(tr("report.no_docx", lang_), lang_)
        elif output_format == "table":
            from ..render.document_table import render_document

            color_ = use_color(color) and output in (None, "-")
            text = render_document(memo(), None, color_)
            data = text.encode("utf-8")
        else:
            from ..render.document_md import render

            data = render(memo()).encode("utf-8")
        emit(data, output, lang_)

    @command(app, "agencies", lang)
    def agencies(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, param("quarter", lang)] = None,
        as_of: Annotated[str | None, param("as-of", lang)] = None,
        output_format: Annotated[str, format_option(lang, AGENCY_FORMATS)] = "table",
        file: Annotated[str | None, param("file", lang)] = None,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..render import agencies as render_agencies
        from ..schedule import schedule

        lang_ = check_usage(lang_opt, output_format, AGENCY_FORMATS)
        reference = reference_from(quarter, as_of, lang_)
        plan = require_plans(plans, file, lang_)
        rows = render_agencies.agency_rows(plan, schedule(plan, reference, 1))
        if output_format == "table":
            out(render_agencies.table(plan, reference, rows, lang_, use_color(color)))
            return
        render = {
            "json": render_agencies.as_json,
            "csv": render_agencies.as_csv,
            "markdown": render_agencies.as_markdown,
        }[output_format]
        out(render(plan, reference, rows, lang_))
