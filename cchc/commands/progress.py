"""cchc record: one progress entry into the plan file, validated before it is written."""

import sys
from typing import Annotated

import typer

from ..cliutil import (
    BadDate,
    bilingual,
    check_lang,
    dry_run_option,
    fail,
    file_option,
    lang_option,
    out,
    parse_day_first,
    today,
)
from ..i18n import tr


def register(app: typer.Typer, lang: str) -> None:
    def h(vi: str, en: str) -> str:
        return bilingual(lang, vi, en)

    @app.command(
        help=h(
            "Ghi một mục tiến độ vào tệp kế hoạch (giữ nguyên mọi dòng khác; kiểm tra trước khi "
            "ghi). Ví dụ: cchc record VII.9 --due 'Quý IV/2023' --status 'hoàn thành' "
            "--date 20/12/2023 --evidence 'Quyết định số 3456/QĐ-UBND'",
            "Add one progress entry to the plan file (every other line kept; checked before "
            "writing). Example: cchc record VII.9 --due 'Quý IV/2023' --status done "
            "--date 20/12/2023 --evidence 'Decision 3456/QĐ-UBND'",
        )
    )
    def record(
        task: Annotated[str, typer.Argument(metavar="TASK", help=h("Mã nhiệm vụ.", "Task id."))],
        status: Annotated[
            str,
            typer.Option(
                "--status",
                help=h(
                    "hoàn thành, đang thực hiện hoặc chưa thực hiện (có dấu hoặc không).",
                    "done, in_progress or not_started (or the Vietnamese words).",
                ),
                metavar="STATUS",
            ),
        ],
        on: Annotated[
            str | None,
            typer.Option(
                "--date",
                help=h("Ngày, ví dụ 20/12/2023 (mặc định: hôm nay).", "Date (default: today)."),
                metavar="DATE",
            ),
        ] = None,
        due: Annotated[
            str | None,
            typer.Option(
                "--due",
                help=h(
                    "Kỳ hạn, ví dụ 'Quý IV/2023' (bỏ trống khi nhiệm vụ chỉ có một kỳ hạn).",
                    "The occurrence, e.g. 'Quý IV/2023' (may be left out for one occurrence).",
                ),
                metavar="Q",
            ),
        ] = None,
        percent: Annotated[
            int | None, typer.Option("--percent", help=h("Tỷ lệ %.", "Percent."), metavar="N")
        ] = None,
        evidence: Annotated[
            str | None,
            typer.Option(
                "--evidence",
                help=h("Căn cứ: số văn bản, báo cáo.", "Evidence: the document's number."),
                metavar="TEXT",
            ),
        ] = None,
        dry_run: Annotated[bool, dry_run_option(lang)] = False,
        file: Annotated[str | None, file_option(lang)] = None,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
    ) -> None:
        from ..load import display_path, locate
        from ..progress_edit import Addition, add_progress
        from ..record import Entry

        lang_ = check_lang(lang_opt)
        try:
            day = parse_day_first(on).strftime("%d/%m/%Y") if on else today().strftime("%d/%m/%Y")
        except BadDate:
            fail(tr("record.bad_date", lang_, value=on), lang_)
        path = locate(file)
        if str(path) == "-":
            fail(tr("record.no_stdin", lang_), lang_)
        shown = display_path(path)
        entry = Entry(status, day, due, percent, evidence)
        outcome = add_progress(path, shown, [Addition(task, entry)], dry_run=dry_run, lang=lang_)
        if dry_run:
            out("".join(line + "\n" for line in outcome.lines))
            return
        if not outcome.added:
            sys.stderr.write(tr("record.already", lang_, id=task, path=shown) + "\n")
            return
        line = outcome.added[0][1]
        sys.stderr.write(tr("record.done", lang_, id=task, path=shown, line=line) + "\n")
