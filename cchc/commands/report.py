"""cchc report (the quarterly progress memo) and cchc agencies (the registry with counts)."""

from typing import TYPE_CHECKING, Annotated

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
    today,
    use_color,
)
from ..i18n import tr
from ..rollup_load import plans_argument, require_plans

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
    def h(vi: str, en: str) -> str:
        return bilingual(lang, vi, en)

    OutputOpt = Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=h(
                "Ghi ra tệp (bắt buộc với docx); mặc định in ra màn hình.",
                "Write to a file (required for docx); default: standard output.",
            ),
            metavar="FILE",
        ),
    ]

    @app.command(
        help=h(
            "Báo cáo tiến độ theo quý để dán vào công văn: tổng quan, bảng theo lĩnh vực và theo "
            "cơ quan, danh mục quá hạn, chỉ tiêu theo mốc; Markdown, bảng, JSON, Word hoặc HTML "
            "(trang có biểu đồ). "
            "Ví dụ: cchc report --quarter IV/2023 --format docx --output bao-cao.docx",
            "A quarterly progress report to paste into memos: summary, tables by section and by "
            "agency, overdue list, milestone targets; Markdown, table, JSON, Word or HTML (a page "
            "with charts). "
            "Example: cchc report --quarter IV/2023 --format docx --output report.docx",
        )
    )
    def report(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, quarter_option(lang)] = None,
        as_of: Annotated[str | None, as_of_option(lang)] = None,
        agency: Annotated[str | None, agency_option(lang)] = None,
        role: Annotated[str, role_option(lang)] = "lead",
        direct: Annotated[bool, direct_option(lang)] = False,
        output_format: Annotated[str, format_option(lang, REPORT_FORMATS)] = "markdown",
        output: OutputOpt = None,
        signed: Annotated[
            str | None,
            typer.Option(
                "--date",
                help=h(
                    "Ngày ghi ở dòng địa danh, ngày tháng của văn bản (mặc định: hôm nay).",
                    "The date on the document's place-and-date line (default: today).",
                ),
                metavar="DATE",
            ),
        ] = None,
        charts: Annotated[
            bool,
            typer.Option(
                "--charts",
                help=h(
                    "Thêm biểu đồ vào tệp Word (cần: pip install 'cchc[charts]'); HTML luôn có.",
                    "Put the charts into the Word file (needs: pip install 'cchc[charts]'); "
                    "HTML always has them.",
                ),
            ),
        ] = False,
        compare_to: Annotated[
            str | None,
            typer.Option(
                "--compare-to",
                help=h(
                    "So sánh với một quý trước, ví dụ III/2023 hoặc IV/2022 (cùng kỳ); mặc định "
                    "quý liền trước; 'none' để bỏ.",
                    "Compare with an earlier quarter, e.g. III/2023 or IV/2022 (a year before); "
                    "default: the quarter before; 'none' to leave it out.",
                ),
                metavar="Q",
            ),
        ] = None,
        file: Annotated[str | None, file_option(lang)] = None,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..compare import Comparison
        from ..report import build_report, document
        from ..schedule import schedule

        lang_ = check_lang(lang_opt)
        check_choice(output_format, REPORT_FORMATS, lang_)
        check_role(role, lang_)
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
            if comparison is None:
                return document(rep, lang_, agency_name, day, figures)
            return compare.document(comparison, lang_, agency_name, day, figures)

        if output_format == "json":
            from ..render.common import to_json
            from ..report import as_record

            record = as_record(rep) if comparison is None else compare.record(comparison)
            data = to_json(record).encode("utf-8")
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

    @app.command(
        help=h(
            "Danh mục cơ quan: tên gọi khác, nhóm, số nhiệm vụ chủ trì và phối hợp, số nhiệm vụ "
            "quá hạn. Ví dụ: cchc agencies --quarter IV/2023",
            "The agency registry: aliases, groups, how many tasks each leads and partners, and "
            "how many of those are overdue. Example: cchc agencies --quarter IV/2023",
        )
    )
    def agencies(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        quarter: Annotated[str | None, quarter_option(lang)] = None,
        as_of: Annotated[str | None, as_of_option(lang)] = None,
        output_format: Annotated[str, format_option(lang, AGENCY_FORMATS)] = "table",
        file: Annotated[str | None, file_option(lang)] = None,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
        color: Annotated[str, color_option(lang)] = "auto",
    ) -> None:
        from ..render import agencies as render_agencies
        from ..schedule import schedule

        lang_ = check_lang(lang_opt)
        check_choice(output_format, AGENCY_FORMATS, lang_)
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
