"""One module per command family; each has `register(app, lang)`.

Every help text of the command line is declared here, once, in Vietnamese and English: each
command's (COMMANDS) and each option's and argument's (PARAMS, with how its help line shows it:
flags then metavar, an argument's metavar alone). The app is built per language, so `command`
and `param` pick the texts of the language --lang or CCHC_LANG chose.
"""

from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.models import CommandFunctionType

from ..cliutil import bilingual, fail
from ..i18n import tr

PARAMS: dict[str, tuple[str, str, str]] = {
    # shared by several commands
    "file": (
        "--file -f PATH",
        "Tệp kế hoạch (mặc định: $CCHC_DATA, data/tasks.yaml gần nhất, bản kèm gói).",
        "Plan file (default: $CCHC_DATA, nearest data/tasks.yaml, the packaged copy).",
    ),
    "lang": (
        "--lang vi|en",
        "Ngôn ngữ: vi hoặc en ($CCHC_LANG).",
        "Language: vi or en ($CCHC_LANG).",
    ),
    "color": (
        "--color auto|always|never",
        "Màu: auto, always, never (NO_COLOR tắt màu).",
        "Colour: auto, always, never (NO_COLOR turns it off).",
    ),
    "section": ("--section -s S", "Chỉ một mục, ví dụ VII.", "Only one section, e.g. VII."),
    "dry-run": (
        "--dry-run",
        "Chỉ in các dòng sẽ thêm vào tệp kế hoạch, không ghi.",
        "Print the lines that would be added to the plan file; write nothing.",
    ),
    "quarter": (
        "--quarter -q Q",
        "Quý tham chiếu, ví dụ IV/2023 (tính đến ngày cuối quý).",
        "Reference quarter, e.g. IV/2023 (as of its last day).",
    ),
    "as-of": (
        "--as-of DATE",
        "Ngày tham chiếu, ngày trước: 15/11/2023 hoặc 2023-11-15 (mặc định: hôm nay).",
        "Reference date, day first: 15/11/2023 or 2023-11-15 (default: today).",
    ),
    "agency": (
        "--agency -a NAME",
        "Chỉ nhiệm vụ của một cơ quan (gõ có hoặc không dấu, tên viết tắt), ví dụ 'so noi vu'.",
        "Only one agency's tasks (with or without diacritics, or an alias), e.g. 'so noi vu'.",
    ),
    "role": (
        "--role lead|partner|any",
        "Vai trò của cơ quan: lead (chủ trì, mặc định), partner (phối hợp), any.",
        "The agency's role: lead (default), partner, any.",
    ),
    "direct": (
        "--direct",
        "Bỏ các nhiệm vụ giao cho nhóm mà cơ quan là thành viên (ví dụ 'Sở, ban, ngành').",
        "Leave out tasks assigned to a group the agency belongs to (e.g. 'Sở, ban, ngành').",
    ),
    "version": ("--version -V", "In phiên bản rồi thoát.", "Print the version and exit."),
    # one command's own
    "validate paths": (
        "[PATH]...",
        "Các tệp cần kiểm tra (mặc định: tệp kế hoạch).",
        "Files to check (default: the plan file).",
    ),
    "validate format": (
        "--format FORMAT",
        "text, parsable, json, github hoặc gitlab (tự chọn github khi GITHUB_ACTIONS=true).",
        "text, parsable, json, github or gitlab (github when GITHUB_ACTIONS=true).",
    ),
    "validate strict": (
        "--strict",
        "Cảnh báo cũng tính là lỗi.",
        "Warnings count as failures too.",
    ),
    "validate stale": (
        "--stale",
        "Cảnh báo cả các kỳ hạn chưa hoàn thành không có báo cáo tiến độ từ đầu quý "
        "trước (P011; chỉ làm lệnh lỗi khi có --strict).",
        "Also warn of open occurrences with no progress report since the previous "
        "quarter began (P011; failing only with --strict).",
    ),
    "validate as-of": (
        "--as-of DATE",
        "Ngày tính --stale (mặc định: hôm nay), ví dụ 15/11/2023.",
        "The day --stale is judged on (default: today), e.g. 15/11/2023.",
    ),
    "show id": ("ID", "Mã nhiệm vụ, ví dụ VII.9.", "Task id, e.g. VII.9."),
    "due ahead": (
        "--ahead N",
        "Số quý tính là sắp đến hạn sau quý tham chiếu (mặc định 1).",
        "How many quarters after the reference count as upcoming (default 1).",
    ),
    "due all": (
        "--all",
        "Hiện cả các kỳ đã hoàn thành (đúng hạn hoặc quá hạn).",
        "Also show completed occurrences (on time or late).",
    ),
    "due status": (
        "--status STATUS",
        "Chỉ các kỳ có tình trạng: hoàn thành, hoàn thành quá hạn, đang thực hiện, "
        "chưa thực hiện (lặp lại hoặc ngăn bằng dấu phẩy).",
        "Only occurrences in these states: done, done_late, in_progress, "
        "not_started (repeat or separate with commas).",
    ),
    "due fail-on-overdue": (
        "--fail-on-overdue",
        "Trả mã thoát 1 khi có nhiệm vụ quá hạn (dùng để nhắc việc trong CI).",
        "Exit with code 1 when anything is overdue (for CI reminders).",
    ),
    "due output": (
        "--output -o FILE",
        "Ghi ra tệp (ghi thay an toàn); mặc định in ra màn hình.",
        "Write to a file (replaced atomically); default: standard output.",
    ),
    "report output": (
        "--output -o FILE",
        "Ghi ra tệp (bắt buộc với docx); mặc định in ra màn hình.",
        "Write to a file (required for docx); default: standard output.",
    ),
    "report date": (
        "--date DATE",
        "Ngày ghi ở dòng địa danh, ngày tháng của văn bản (mặc định: hôm nay).",
        "The date on the document's place-and-date line (default: today).",
    ),
    "report charts": (
        "--charts",
        "Thêm biểu đồ vào tệp Word (cần: pip install 'cchc[charts]'); HTML luôn có.",
        "Put the charts into the Word file (needs: pip install 'cchc[charts]'); "
        "HTML always has them.",
    ),
    "report compare-to": (
        "--compare-to Q",
        "So sánh với một quý trước, ví dụ III/2023 hoặc IV/2022 (cùng kỳ); mặc định "
        "quý liền trước; 'none' để bỏ.",
        "Compare with an earlier quarter, e.g. III/2023 or IV/2022 (a year before); "
        "default: the quarter before; 'none' to leave it out.",
    ),
    "record task": ("TASK", "Mã nhiệm vụ.", "Task id."),
    "record status": (
        "--status STATUS",
        "hoàn thành, đang thực hiện hoặc chưa thực hiện (có dấu hoặc không).",
        "done, in_progress or not_started (or the Vietnamese words).",
    ),
    "record date": (
        "--date DATE",
        "Ngày, ví dụ 20/12/2023 (mặc định: hôm nay).",
        "Date (default: today).",
    ),
    "record due": (
        "--due Q",
        "Kỳ hạn, ví dụ 'Quý IV/2023' (bỏ trống khi nhiệm vụ chỉ có một kỳ hạn).",
        "The occurrence, e.g. 'Quý IV/2023' (may be left out for one occurrence).",
    ),
    "record percent": ("--percent N", "Tỷ lệ %.", "Percent."),
    "record evidence": (
        "--evidence TEXT",
        "Căn cứ: số văn bản, báo cáo.",
        "Evidence: the document's number.",
    ),
    "import-progress forms": ("FORM...", "Các biểu đã điền.", "The filled forms."),
    "export output": (
        "--output -o FILE",
        "Ghi ra tệp này (thay tệp cũ trọn vẹn một lần) thay vì in ra màn hình.",
        "Write to this file (replacing the old one in one step) instead of printing.",
    ),
    "export format": (
        "--format FORMAT",
        "Định dạng: ics (iCalendar) hoặc xlsx (biểu báo cáo tiến độ của một cơ quan "
        "chủ trì, cần --agency).",
        "Format: ics (iCalendar) or xlsx (a lead agency's progress reporting form; "
        "needs --agency).",
    ),
    "changes revisions": (
        "[REV1 [REV2]]",
        "Phiên bản cũ và mới (commit, nhánh, thẻ, HEAD~1).",
        "Old and new revision (commit, branch, tag, HEAD~1).",
    ),
    "changes plan": (
        "--plan --file -f PATH",
        "Tệp kế hoạch trong kho git (mặc định như các lệnh khác).",
        "The plan file in the git repository (default as for the other commands).",
    ),
    "changes from": (
        "--from OLD.yaml",
        "So sánh hai tệp: tệp cũ.",
        "Compare two files: the old one.",
    ),
    "changes to": ("--to NEW.yaml", "So sánh hai tệp: tệp mới.", "Compare two files: the new one."),
    "changes fail-on-rewrite": (
        "--fail-on-rewrite",
        "Thoát với mã 1 khi tiến độ đã ghi bị sửa hoặc xoá (dùng trong CI).",
        "Exit 1 when recorded progress was edited or deleted (a CI guard).",
    ),
    "import appendix": (
        "APPENDIX",
        "Tệp phụ lục: .docx, hoặc văn bản (--format text).",
        "The appendix: .docx, or text (--format text).",
    ),
    "import output": (
        "--output -o PATH",
        "Ghi tệp kế hoạch vào đây (mặc định: in ra màn hình).",
        "Write the plan file here (default: standard output).",
    ),
    "import format": (
        "--format docx|text",
        "docx hoặc text (mặc định: theo đuôi tệp; .docx là docx, còn lại là text).",
        "docx or text (default: by the file's extension; .docx is docx, else text).",
    ),
}


# Each command's help, Vietnamese and English, in the order of `cchc --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "Kiểm tra tệp kế hoạch và báo mọi lỗi kèm dòng, cột. Ví dụ: cchc validate data/tasks.yaml",
        "Check the plan file and report every problem with its line and column. "
        "Example: cchc validate data/tasks.yaml",
    ),
    "list": (
        "Liệt kê các nhiệm vụ theo thứ tự của phụ lục. "
        "Ví dụ: cchc list --section VII --format markdown",
        "List the tasks in plan order. Example: cchc list --section VII --format markdown",
    ),
    "show": (
        "Hiện đầy đủ một nhiệm vụ. Ví dụ: cchc show VII.9",
        "Show one task in full. Example: cchc show VII.9",
    ),
    "due": (
        "Nhiệm vụ quá hạn, đến hạn trong quý và sắp đến hạn, tính đến một quý hoặc một "
        "ngày (mặc định: hôm nay); lọc theo cơ quan, mục, tình trạng. "
        "Ví dụ: cchc due --quarter IV/2023 --agency 'so noi vu'",
        "Overdue tasks, tasks due this quarter and upcoming ones, as of a quarter or a "
        "date (default: today); filter by agency, section, status. "
        "Example: cchc due --quarter IV/2023 --agency 'so noi vu'",
    ),
    "report": (
        "Báo cáo tiến độ theo quý để dán vào công văn: tổng quan, bảng theo lĩnh vực và theo "
        "cơ quan, danh mục quá hạn, chỉ tiêu theo mốc; Markdown, bảng, JSON, Word hoặc HTML "
        "(trang có biểu đồ). "
        "Ví dụ: cchc report --quarter IV/2023 --format docx --output bao-cao.docx",
        "A quarterly progress report to paste into memos: summary, tables by section and by "
        "agency, overdue list, milestone targets; Markdown, table, JSON, Word or HTML (a page "
        "with charts). "
        "Example: cchc report --quarter IV/2023 --format docx --output report.docx",
    ),
    "agencies": (
        "Danh mục cơ quan: tên gọi khác, nhóm, số nhiệm vụ chủ trì và phối hợp, số nhiệm vụ "
        "quá hạn. Ví dụ: cchc agencies --quarter IV/2023",
        "The agency registry: aliases, groups, how many tasks each leads and partners, and "
        "how many of those are overdue. Example: cchc agencies --quarter IV/2023",
    ),
    "record": (
        "Ghi một mục tiến độ vào tệp kế hoạch (giữ nguyên mọi dòng khác; kiểm tra trước khi "
        "ghi). Ví dụ: cchc record VII.9 --due 'Quý IV/2023' --status 'hoàn thành' "
        "--date 20/12/2023 --evidence 'Quyết định số 3456/QĐ-UBND'",
        "Add one progress entry to the plan file (every other line kept; checked before "
        "writing). Example: cchc record VII.9 --due 'Quý IV/2023' --status done "
        "--date 20/12/2023 --evidence 'Decision 3456/QĐ-UBND'",
    ),
    "import-progress": (
        "Ghi vào tệp kế hoạch tiến độ từ các biểu xlsx các cơ quan gửi lại (biểu lập bằng "
        "cchc export --format xlsx --agency …). Kiểm tra mọi biểu trước; có một ô sai thì "
        "không ghi gì. Nhập lại cùng biểu không ghi trùng. "
        "Ví dụ: cchc import-progress noi-vu.xlsx tu-phap.xlsx --dry-run",
        "Merge the progress in filled xlsx forms (made by cchc export --format xlsx "
        "--agency …) into the plan file. Every form is checked first; one bad cell and "
        "nothing is written. Importing the same form again adds nothing. "
        "Example: cchc import-progress noi-vu.xlsx tu-phap.xlsx --dry-run",
    ),
    "schema": (
        "In lược đồ JSON (JSON Schema 2020-12) của tệp kế hoạch, có mô tả tiếng Việt cho "
        "từng khoá, để trình soạn thảo kiểm tra khi gõ. "
        "Ví dụ: cchc schema --output schema/tasks.schema.json",
        "Print the JSON Schema (draft 2020-12) of the plan file, describing every key, so "
        "editors check the file while you type. "
        "Example: cchc schema --output schema/tasks.schema.json",
    ),
    "export": (
        "Xuất thời hạn các nhiệm vụ ra tệp lịch (.ics) để nhập vào Google Calendar, "
        "Outlook …: mỗi kỳ hạn là một sự kiện cả ngày vào ngày hạn cuối; nhập lại thì "
        "cập nhật, không nhân đôi. "
        "Ví dụ: cchc export --format ics --agency 'so noi vu' --output noi-vu.ics",
        "Export task deadlines as a calendar file (.ics) for Google Calendar, Outlook …: "
        "one all-day event per occurrence on its last allowed day; importing again updates "
        "the events instead of duplicating them. "
        "Example: cchc export --format ics --agency 'so noi vu' --output noi-vu.ics",
    ),
    "changes": (
        "Những gì đã thay đổi trong kế hoạch giữa hai phiên bản git (mặc định: commit gần "
        "nhất sửa tệp và bản đang sửa) hoặc hai tệp: nhiệm vụ thêm, bỏ, đổi thời hạn, cơ "
        "quan, tiến độ mới; cảnh báo khi tiến độ đã ghi bị sửa hoặc xoá. "
        "Ví dụ: cchc changes HEAD~3 HEAD",
        "What changed in the plan between two git revisions (default: the last commit that "
        "touched the file, and the working copy) or two files: tasks added, removed, "
        "deadlines, agencies, new progress; warnings when recorded progress was edited or "
        "deleted. Example: cchc changes HEAD~3 HEAD",
    ),
    "import": (
        "Chuyển bảng phụ lục (tệp Word hoặc văn bản chuyển từ .doc/.pdf) thành tệp kế "
        "hoạch YAML. Ví dụ: cchc import phu-luc.docx --output plan.yaml",
        "Turn an appendix table (a Word file, or text converted from .doc/.pdf) into a "
        "plan YAML file. Example: cchc import phu-luc.docx --output plan.yaml",
    ),
}


def param(key: str, lang: str, **extra: Any) -> Any:
    """The option or argument `key` of PARAMS, for typing.Annotated."""
    usage, vi, en = PARAMS[key]
    text = bilingual(lang, vi, en)
    if not usage.startswith("-"):
        return typer.Argument(help=text, metavar=usage, **extra)
    names = usage.split()
    metavar = None if names[-1].startswith("-") else names.pop()
    return typer.Option(*names, help=text, metavar=metavar, **extra)


def format_option(lang: str, choices: Sequence[str]) -> Any:
    formats = ", ".join(choices)
    return typer.Option(
        "--format", help=bilingual(lang, "Định dạng: ", "Format: ") + formats, metavar="FORMAT"
    )


COLORS = ("auto", "always", "never")


def color_option(lang: str) -> Any:
    def check(value: str | None) -> str | None:
        if value is not None and value not in COLORS:
            fail(tr("error.bad_color", lang, value=value, choices=", ".join(COLORS)), lang)
        return value

    return param("color", lang, callback=check)


def command(
    app: typer.Typer, name: str, lang: str
) -> Callable[[CommandFunctionType], CommandFunctionType]:
    """app.command `name` with its help from COMMANDS in the user's language."""
    return app.command(name, help=bilingual(lang, *COMMANDS[name]))
