"""cchc record: one progress entry into the plan file, validated before it is written."""

import codecs
import difflib
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..cliutil import (
    BadDate,
    bilingual,
    check_lang,
    fail,
    file_option,
    lang_option,
    out,
    parse_day_first,
    today,
    use_color,
)
from ..i18n import tr
from ..problems import Problem, Severity

if TYPE_CHECKING:
    from ..load import Loaded


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
        dry_run: Annotated[
            bool,
            typer.Option("--dry-run", help=h("Chỉ in các dòng sẽ thêm.", "Print, do not write.")),
        ] = False,
        file: Annotated[str | None, file_option(lang)] = None,
        lang_opt: Annotated[str | None, lang_option(lang)] = None,
    ) -> None:
        from .. import record as edit
        from ..fileio import WriteRefused, read_for_update, write_back
        from ..load import CannotRead, display_path, load_bytes, locate
        from ..render.problems import text as text_problems

        lang_ = check_lang(lang_opt)
        try:
            day = parse_day_first(on).strftime("%d/%m/%Y") if on else today().strftime("%d/%m/%Y")
        except BadDate:
            fail(tr("record.bad_date", lang_, value=on), lang_)
        path = locate(file)
        if str(path) == "-":
            fail(tr("record.no_stdin", lang_), lang_)
        shown = display_path(path)
        try:
            snapshot = read_for_update(path, shown=shown)
        except WriteRefused as err:
            fail(err.message(lang_), lang_)
        except OSError:
            try:
                from ..load import read_bytes

                read_bytes(path, shown)
            except CannotRead as err:
                fail(err.message(lang_), lang_)
            raise
        try:
            data = snapshot.data
            bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""

            def problems_of(
                payload: bytes, new_lines: range = range(0)
            ) -> "tuple[Loaded, list[Problem]]":
                """Errors, and warnings on the inserted lines (a status after completion, P010):
                record refuses to add what validate would complain about."""
                loaded = load_bytes(payload, shown, today(), use_cache=False)
                refused = [
                    p
                    for p in loaded.problems
                    if p.level is Severity.ERROR or p.span.line in new_lines
                ]
                if refused:
                    color = use_color("auto", sys.stderr)
                    sys.stderr.write(text_problems(refused[:20], lang_, loaded.document, color))
                return loaded, refused

            before, errors = problems_of(data)
            if errors or before.plan is None:
                fail(tr("record.invalid_before", lang_, path=shown), lang_, 1)
            document = before.document
            text = data[len(bom) :].decode("utf-8")
            if document.text != text:  # pragma: no cover - a decoding the positions do not match
                fail(tr("record.cannot_place", lang_, path=shown), lang_)
            entry = edit.Entry(status, day, due, percent, evidence)
            try:
                node = edit.find_task(document.root, task)
                new_text, line, block = edit.insert(text, node, entry)
            except edit.NoTask as err:
                close = difflib.get_close_matches(task.upper(), err.ids, n=3, cutoff=0.5)
                fail(tr("record.no_task", lang_, id=task, close=", ".join(close) or "—"), lang_, 1)
            except ValueError:
                fail(tr("record.flow_list", lang_, path=shown, id=task), lang_, 1)
            payload = bom + new_text.encode("utf-8")
            inserted = range(line, line + len(block.splitlines()))
            _after, errors = problems_of(payload, inserted)
            if errors:
                fail(tr("record.refused", lang_, path=shown), lang_, 1)
            if dry_run:
                added = block.splitlines()
                out("".join(f"{shown}:{line + i}: + {t}\n" for i, t in enumerate(added)))
                return
            try:
                written = write_back(snapshot, payload, shown=shown)
            except WriteRefused as err:
                fail(err.message(lang_), lang_)
        finally:
            snapshot.close()
        notice = written.notice(lang_)
        if notice:
            sys.stderr.write(f"cchc: {tr('warning.prefix', lang_)}: {notice}\n")
        sys.stderr.write(tr("record.done", lang_, id=task, path=shown, line=line) + "\n")
