"""User-facing words outside the problem catalogue, in Vietnamese (default) and English."""

from __future__ import annotations

import os
from collections.abc import Sequence

LANGS = ("vi", "en")
ENV_LANG = "CCHC_LANG"

MESSAGES: dict[str, tuple[str, str]] = {
    # validate
    "summary.ok": (
        "{path}: không có lỗi ({tasks} nhiệm vụ).",
        "{path}: no problems ({tasks} tasks).",
    ),
    "validate.as_of_without_stale": (
        "--as-of chỉ dùng với --stale",
        "--as-of is only for --stale",
    ),
    "summary.problems": (
        "{path}: {errors} lỗi, {warnings} cảnh báo.",
        "{path}: {errors} errors, {warnings} warnings.",
    ),
    "data.invalid": (
        "{path}: tệp kế hoạch có {errors} lỗi; chạy 'cchc validate' để xem chi tiết.",
        "{path}: the plan file has {errors} errors; run 'cchc validate' for details.",
    ),
    "error.prefix": ("lỗi", "error"),
    "warning.prefix": ("cảnh báo", "warning"),
    "error.internal": (
        "lỗi nội bộ của cchc {version}: {error}. Hãy báo lỗi kèm lệnh đã chạy và tệp dữ liệu; "
        "chạy lại với --debug để xem chi tiết.",
        "internal error in cchc {version}: {error}. Please report it with the command and the "
        "data file; run again with --debug for the traceback.",
    ),
    "error.no_task": (
        "không có nhiệm vụ '{id}'{hint}",
        "no task '{id}'{hint}",
    ),
    "error.no_section": (
        "không có mục '{id}'; các mục: {known}",
        "no section '{id}'; sections: {known}",
    ),
    "error.bad_format": (
        "định dạng '{value}' không hỗ trợ; chọn một trong: {choices}",
        "format '{value}' is not supported; choose one of: {choices}",
    ),
    "record.bad_date": (
        "ngày '{value}' không đọc được; viết ngày trước, ví dụ 20/12/2023",
        "cannot read the date '{value}'; write the day first, e.g. 20/12/2023",
    ),
    "record.no_stdin": (
        "record ghi vào tệp kế hoạch; hãy cho đường dẫn tệp bằng --file, không dùng -",
        "record writes to the plan file; give its path with --file, not -",
    ),
    "record.invalid_before": (
        "{path} đang có lỗi; hãy sửa trước khi ghi tiến độ (cchc validate {path}); tệp không đổi",
        "{path} has errors; fix them before recording progress (cchc validate {path}); "
        "the file is unchanged",
    ),
    "record.cannot_place": (
        "không xác định được vị trí để ghi trong {path}; tệp không đổi",
        "cannot find where to write in {path}; the file is unchanged",
    ),
    "record.no_task": (
        "không có nhiệm vụ '{id}' trong kế hoạch; gần nhất: {close}; tệp không đổi",
        "there is no task '{id}' in the plan; closest: {close}; the file is unchanged",
    ),
    "record.flow_list": (
        "{path}: tiến độ của {id} viết dạng [..]; hãy chuyển sang dạng danh sách '- ' rồi chạy "
        "lại; tệp không đổi",
        "{path}: the progress of {id} is a flow list [..]; turn it into a block list of '- ' "
        "items and run again; the file is unchanged",
    ),
    "record.refused": (
        "mục tiến độ này làm tệp {path} không hợp lệ (xem trên); tệp không đổi",
        "this entry would make {path} invalid (see above); the file is unchanged",
    ),
    # --- reporting forms (issue 12) ---
    "form.quarters_late": ("{count} quý", "{count} quarters"),
    "form.changed_id": (
        "mã nhiệm vụ đã bị sửa thành '{found}'; biểu được lập cho {expected}: hãy trả lại "
        "{expected}",
        "the task id was changed to '{found}'; the form was made for {expected}: put back "
        "{expected}",
    ),
    "form.changed_quarter": (
        "kỳ hạn đã bị sửa thành '{found}'; biểu được lập cho {expected}: hãy trả lại {expected}",
        "the occurrence was changed to '{found}'; the form was made for {expected}: put back "
        "{expected}",
    ),
    "form.no_status": (
        "thiếu tình trạng; chọn hoàn thành, đang thực hiện hoặc chưa thực hiện",
        "the status is missing; choose done, in progress or not started",
    ),
    "form.bad_status_close": (
        "không có tình trạng '{found}'; có phải '{close}'?",
        "there is no status '{found}'; did you mean '{close}'?",
    ),
    "form.bad_status": (
        "không có tình trạng '{found}'; chọn hoàn thành, đang thực hiện hoặc chưa thực hiện",
        "there is no status '{found}'; choose done, in progress or not started",
    ),
    "form.no_date": (
        "thiếu ngày; viết ngày báo cáo hoặc hoàn thành, ví dụ 20/12/2023",
        "the date is missing; write the date of the report or completion, e.g. 20/12/2023",
    ),
    "form.bad_date": (
        "ngày '{found}' không đúng dạng; viết ngày/tháng/năm, ví dụ 20/12/2023",
        "the date '{found}' is not in the right form; write day/month/year, e.g. 20/12/2023",
    ),
    "form.bad_percent": (
        "tỷ lệ '{found}' không hợp lệ; viết số nguyên từ 0 đến 100",
        "percent '{found}' is not valid; write a whole number from 0 to 100",
    ),
    "form.extra_row": (
        "dòng này không có trong biểu đã gửi; không thêm dòng vào biểu (nhiệm vụ khác ghi bằng "
        "cchc record)",
        "this row is not in the form as sent; do not add rows (record other tasks with cchc "
        "record)",
    ),
    "form.not_form": (
        "không phải biểu báo cáo do cchc lập (không có trang ẩn {meta}); hãy dùng biểu lập bằng "
        "cchc export --format xlsx --agency …",
        "not a reporting form made by cchc (no hidden sheet {meta}); use a form made with "
        "cchc export --format xlsx --agency …",
    ),
    "form.version": (
        "biểu phiên bản {found}; bản cchc này đọc phiên bản {expected}",
        "form version {found}; this cchc reads version {expected}",
    ),
    "form.no_sheet": ("không có trang '{sheet}' của biểu", "the form's sheet '{sheet}' is missing"),
    "form.unreadable": (
        "không đọc được tệp Excel ({reason}); hãy lưu lại dạng .xlsx",
        "cannot read the Excel file ({reason}); save it again as .xlsx",
    ),
    "form.too_large": (
        "tệp lớn hơn {limit} byte; biểu báo cáo không lớn đến vậy",
        "the file is over {limit} bytes; no reporting form is that large",
    ),
    "form.other_plan": (
        "biểu được lập cho kế hoạch '{form}', không phải '{plan}'; hãy chọn đúng tệp bằng --file",
        "the form was made for the plan '{form}', not '{plan}'; pick the right plan with --file",
    ),
    "form.needs_agency": (
        "biểu xlsx là biểu của một cơ quan chủ trì; hãy cho --agency, ví dụ --agency 'so noi vu'",
        "the xlsx form is one lead agency's; give --agency, e.g. --agency 'so noi vu'",
    ),
    "form.one_plan": (
        "biểu xlsx lập cho một tệp kế hoạch; hãy cho một tệp",
        "an xlsx form is made for one plan file; give one file",
    ),
    "form.tty": (
        "tệp xlsx là tệp nhị phân; hãy ghi ra tệp, ví dụ --output noi-vu.xlsx",
        "an xlsx file is binary; write it to a file, e.g. --output noi-vu.xlsx",
    ),
    "form.missing_openpyxl": (
        "cần openpyxl để đọc và ghi tệp xlsx; cài bằng: pip install 'cchc[xlsx]'",
        "reading and writing xlsx files needs openpyxl; install it with: pip install 'cchc[xlsx]'",
    ),
    "form.written": (
        "đã ghi biểu của {agency} ({count} dòng) vào {path}",
        "wrote the form of {agency} ({count} rows) to {path}",
    ),
    "form.problems": (
        "{count} ô sai trong các biểu; {path} không đổi",
        "{count} bad cells in the forms; {path} is unchanged",
    ),
    "form.nothing": (
        "các biểu không có gì mới; {path} không đổi ({skipped} mục đã có)",
        "nothing new in the forms; {path} is unchanged ({skipped} entries already there)",
    ),
    "form.added": (
        "đã thêm {count} mục tiến độ vào {path} ({skipped} mục đã có từ trước)",
        "added {count} progress entries to {path} ({skipped} were already there)",
    ),
    "form.dry_run": (
        "sẽ thêm {count} mục tiến độ vào {path} ({skipped} mục đã có); chưa ghi gì",
        "would add {count} progress entries to {path} ({skipped} already there); nothing written",
    ),
    "export.quarter_ics": (
        "--quarter chỉ dùng với --format xlsx",
        "--quarter is only for --format xlsx",
    ),
    "record.already": (
        "{path} đã có đúng mục tiến độ này của {id}; không ghi thêm",
        "{path} already has this progress entry of {id}; nothing added",
    ),
    "import.refused_row": (
        "  ← mục này lấy từ {origin}",
        "  ← this entry comes from {origin}",
    ),
    "record.done": (
        "đã ghi tiến độ của {id} vào {path} (từ dòng {line})",
        "recorded the progress of {id} in {path} (from line {line})",
    ),
    "error.bad_color": (
        "màu '{value}' không hợp lệ; chọn một trong: {choices}",
        "colour '{value}' is not valid; choose one of: {choices}",
    ),
    "error.bad_lang": (
        "ngôn ngữ '{value}' không hỗ trợ; dùng vi hoặc en",
        "language '{value}' is not supported; use vi or en",
    ),
    "hint.did_you_mean": ("; có phải là {names}?", "; did you mean {names}?"),
    # task listings
    "col.id": ("STT", "ID"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.lead": ("Cơ quan chủ trì", "Lead"),
    "col.partners": ("Cơ quan phối hợp", "Partners"),
    "col.deadline": ("Thời hạn", "Deadline"),
    "col.note": ("Ghi chú", "Note"),
    "col.kind": ("Loại thời hạn", "Deadline kind"),
    "col.occurrences": ("Các kỳ hạn", "Occurrences"),
    "col.section": ("Mục", "Section"),
    "col.progress": ("Tiến độ", "Progress"),
    "list.title": ("Danh sách nhiệm vụ: {title}", "Tasks: {title}"),
    "list.count": ("{count} nhiệm vụ", "{count} tasks"),
    "show.scope": ("phụ trách: {scope}", "for: {scope}"),
    "show.none": ("(không có)", "(none)"),
    "kind.quarter": ("quý", "quarter"),
    "kind.month": ("tháng", "month"),
    "kind.date": ("ngày", "date"),
    "kind.year": ("năm", "year"),
    "kind.range": ("khoảng thời gian", "range"),
    "kind.annual": ("hằng năm", "annual"),
    "kind.quarterly": ("hằng quý", "quarterly"),
    "kind.monthly": ("hằng tháng", "monthly"),
    "kind.continuous": ("thường xuyên", "continuous"),
    "kind.conditional": ("theo điều kiện", "conditional"),
    "kind.milestones": ("nhiều mốc", "milestones"),
    "status.done": ("hoàn thành", "done"),
    "status.in_progress": ("đang thực hiện", "in progress"),
    "status.not_started": ("chưa thực hiện", "not started"),
    # --- due (issue 3) ---
    "due.bad_quarter": (
        "'{value}' không phải là quý hợp lệ; viết ví dụ IV/2023, Quý 4/2023 hoặc 2023-Q4",
        "'{value}' is not a quarter; write e.g. IV/2023, Quý 4/2023 or 2023-Q4",
    ),
    "due.bad_date": (
        "'{value}' không phải là ngày hợp lệ ({reason}); viết ngày/tháng/năm, ví dụ 15/11/2023, "
        "hoặc 2023-11-15",
        "'{value}' is not a valid date ({reason}); write day/month/year, e.g. 15/11/2023, "
        "or 2023-11-15",
    ),
    "due.date.no_such_day": ("không có ngày này", "no such day"),
    "due.date.incomplete": ("thiếu ngày, tháng hoặc năm", "day, month or year missing"),
    "due.date.unreadable": ("không đọc được", "unreadable"),
    "due.date.out_of_range": ("năm phải từ 1900 đến 2999", "the year must be 1900..2999"),
    "due.quarter_and_as_of": (
        "chỉ dùng một trong hai tùy chọn --quarter và --as-of",
        "use either --quarter or --as-of, not both",
    ),
    "due.unknown_agency": ("không có cơ quan '{query}'{hint}", "no agency '{query}'{hint}"),
    "due.unknown_agency_hint": (
        "; tên cơ quan và tên viết tắt được khai báo ở phần agencies của tệp kế hoạch",
        "; agency names and aliases are declared under 'agencies' in the plan file",
    ),
    "due.ambiguous_agency": (
        "'{query}' khớp với nhiều cơ quan: {names}; hãy ghi rõ tên",
        "'{query}' matches several agencies: {names}; give the full name",
    ),
    "due.bad_role": (
        "vai trò '{value}' không hợp lệ; chọn lead (chủ trì), partner (phối hợp) hoặc any",
        "role '{value}' is not valid; choose lead, partner or any",
    ),
    "due.bad_status": (
        "tình trạng '{value}' không hợp lệ; dùng: hoàn thành, hoàn thành quá hạn, "
        "đang thực hiện, chưa thực hiện (hoặc done, done_late, in_progress, not_started)",
        "status '{value}' is not valid; use done, done_late, in_progress, not_started "
        "(or the Vietnamese words)",
    ),
    "due.bad_ahead": (
        "--ahead phải là số quý từ 0 trở lên (nhận được {value})",
        "--ahead must be a number of quarters, 0 or more (got {value})",
    ),
    "due.ahead_too_far": (
        "--ahead {value} vượt quá Quý IV/2999, quý cuối cùng cchc tính được",
        "--ahead {value} goes past IV/2999, the last quarter cchc can count",
    ),
    "due.title": (
        "Nhiệm vụ quá hạn, đến hạn và sắp đến hạn – {quarter}",
        "Overdue, due and upcoming tasks – {quarter}",
    ),
    "due.quarter": ("Quý {label}", "quarter {label}"),
    "due.as_of": ("Số liệu tính đến ngày {date}", "Figures as of {date}"),
    "due.plan": ("Kế hoạch: {title}", "Plan: {title}"),
    "due.scope.agency": ("Cơ quan: {name} ({role})", "Agency: {name} ({role})"),
    "due.scope.role.lead": ("chủ trì", "lead"),
    "due.scope.role.partner": ("phối hợp", "partner"),
    "due.scope.role.any": ("chủ trì hoặc phối hợp", "lead or partner"),
    "due.scope.groups": (
        "kể cả nhiệm vụ giao cho nhóm {names}",
        "including tasks assigned to {names}",
    ),
    "due.scope.direct": ("chỉ nhiệm vụ giao trực tiếp", "only tasks naming it directly"),
    "due.scope.predecessors": (
        "kể cả nhiệm vụ của cơ quan tiền nhiệm {names}",
        "including tasks of its predecessor {names}",
    ),
    "due.scope.section": ("Mục: {id}. {title}", "Section: {id}. {title}"),
    "due.scope.status": ("Tình trạng: {states}", "Status: {states}"),
    "due.bucket.overdue": ("Quá hạn", "Overdue"),
    "due.bucket.due": ("Đến hạn trong {quarter}", "Due in {quarter}"),
    "due.bucket.upcoming": ("Sắp đến hạn trong {window}", "Coming due in {window}"),
    "due.bucket.upcoming_off": ("Sắp đến hạn", "Upcoming"),
    "due.bucket.no_fixed_deadline": (
        "Không có thời hạn cố định (thường xuyên, theo điều kiện)",
        "No fixed deadline (continuous or conditional)",
    ),
    "due.bucket.done": ("Đã hoàn thành", "Completed"),
    "due.empty.overdue": ("Không có nhiệm vụ quá hạn.", "Nothing is overdue."),
    "due.empty.due": (
        "Không có nhiệm vụ đến hạn trong {quarter}.",
        "Nothing falls due in {quarter}.",
    ),
    "due.empty.upcoming": (
        "Không có nhiệm vụ sắp đến hạn trong {window}.",
        "Nothing comes due in {window}.",
    ),
    "due.empty.upcoming_off": (
        "Không xét nhiệm vụ sắp đến hạn (--ahead 0).",
        "Upcoming tasks not considered (--ahead 0).",
    ),
    "due.empty.no_fixed_deadline": (
        "Không có nhiệm vụ thường xuyên hoặc theo điều kiện.",
        "No continuous or conditional tasks.",
    ),
    "due.empty.done": (
        "Chưa có nhiệm vụ nào được ghi nhận hoàn thành.",
        "No completion has been recorded.",
    ),
    "due.stale": (
        "({mark}) Chưa cập nhật tiến độ từ {since} (đầu {quarter}): {count} kỳ hạn",
        "({mark}) No progress reported since {since} (start of {quarter}): {count} occurrences",
    ),
    "due.short.overdue": ("Quá hạn", "Overdue"),
    "due.short.due": ("Đến hạn", "Due"),
    "due.short.upcoming": ("Sắp đến hạn", "Upcoming"),
    "due.short.no_fixed_deadline": ("Không có thời hạn cố định", "No fixed deadline"),
    "due.short.done": ("Đã hoàn thành", "Completed"),
    "due.col.quarter": ("Quý", "Quarter"),
    "due.col.late": ("Số quý quá hạn", "Quarters late"),
    "due.col.left": ("Số quý còn lại", "Quarters left"),
    "due.col.status": ("Tình trạng", "Status"),
    "due.col.match": ("Liên quan", "Match"),
    "due.col.completed": ("Ngày hoàn thành", "Completed on"),
    "due.col.evidence": ("Căn cứ", "Evidence"),
    "due.state.done": ("hoàn thành", "done"),
    "due.state.done_late": ("hoàn thành quá hạn", "done late"),
    "due.state.in_progress": ("đang thực hiện", "in progress"),
    "due.state.not_started": ("chưa thực hiện", "not started"),
    "due.state.unreported": ("chưa có báo cáo", "no report"),
    "due.match.direct": ("trực tiếp", "direct"),
    "due.match.lead": ("chủ trì", "lead"),
    "due.match.partner": ("phối hợp", "partner"),
    "due.match.group": ("qua nhóm {name}", "via group {name}"),
    "due.match.predecessor": (
        "qua cơ quan tiền nhiệm {name}",
        "via predecessor {name}",
    ),
    # --- report and agencies (issue 4) ---
    "report.docx_needs_output": (
        "định dạng docx cần --output TỆP (tệp Word không in ra màn hình được)",
        "the docx format needs --output FILE (a Word file cannot go to the terminal)",
    ),
    "report.no_docx": (
        "cần python-docx để ghi tệp Word; cài bằng: pip install 'cchc[docx]'",
        "writing Word files needs python-docx; install it with: pip install 'cchc[docx]'",
    ),
    "report.charts_format": (
        "--charts chỉ dùng với --format docx (trang html luôn có biểu đồ), không dùng với {fmt}",
        "--charts goes with --format docx (the html page always has the charts), not with {fmt}",
    ),
    "report.no_charts": (
        "cần cairosvg để đưa biểu đồ vào tệp Word ({detail}); cài bằng: pip install 'cchc[charts]'",
        "charts in Word files need cairosvg ({detail}); "
        "install it with: pip install 'cchc[charts]'",
    ),
    # --- integrations: schema, export, gitlab (issue 5) ---
    "export.ics.calendar_name": ("Thời hạn CCHC: {title}", "CCHC deadlines: {title}"),
    "export.ics.occurrence": (
        "Kỳ hạn: {label}, hạn cuối {date}",
        "Occurrence: {label}, due by {date}",
    ),
    "export.ics.target": ("Chỉ tiêu: {target}", "Target: {target}"),
    "export.ics.plan": ("Kế hoạch: {title} ({source})", "Plan: {title} ({source})"),
    "export.written": (
        "{path}: đã ghi {count} sự kiện (thời hạn) vào lịch.",
        "{path}: wrote {count} calendar events (deadlines).",
    ),
    "schema.written": ("{path}: đã ghi lược đồ JSON.", "{path}: wrote the JSON Schema."),
    # --- robustness (issue 6) ---
    # --- import (issue 13) ---
    "import.artefact": (
        "bỏ dấu vết chuyển đổi tệp '{text}' khỏi ô",
        "removed the conversion artefact '{text}' from the cell",
    ),
    "import.legacy": (
        "văn bản có vẻ được gõ bằng bảng mã cũ {encoding}; hãy chuyển sang Unicode (ví dụ bằng "
        "công cụ chuyển mã của Unikey) rồi nhập lại",
        "the text looks typed in the old {encoding} encoding; convert it to Unicode (e.g. with "
        "Unikey's converter) and import again",
    ),
    "import.nested_table": (
        "ô chứa một bảng con; chữ của bảng con được giữ, mỗi dòng một đoạn, các ô cách nhau '|'",
        "the cell holds a table; its text is kept, a line per row, cells apart by '|'",
    ),
    "import.cells_count": (
        "dòng có {found} ô, bảng có {expected} cột: các ô được đọc theo thứ tự, hãy kiểm tra lại",
        "the row has {found} cells, the table {expected} columns: the cells are read in order; "
        "please check",
    ),
    "import.control": (
        "bỏ ký tự điều khiển khỏi ô: {text}",
        "removed control characters from the cell: {text}",
    ),
    "import.agency_unknown": (
        "cột '{column}': không nhận ra '{name}' là tên cơ quan; giữ nguyên như văn bản ghi",
        "column '{column}': '{name}' does not read as an agency name; kept as written",
    ),
    "import.scope_shared": (
        "cột '{column}': phạm vi của tên cuối trong ô được hiểu là áp dụng cả cho '{name}'; "
        "hãy kiểm tra lại",
        "column '{column}': the scope of the cell's last name is read as covering '{name}' "
        "too; please check",
    ),
    "import.table_continues": (
        "bảng không có dòng tiêu đề, cùng số cột với bảng trước: đọc tiếp như phần sau của bảng đó",
        "a table without a header row, as wide as the one before: read as its continuation",
    ),
    "import.table_skipped": (
        "bỏ qua bảng không có dòng tiêu đề ({headings} …)",
        "skipped a table without a header row ({headings} …)",
    ),
    "import.table_more": (
        "thêm một bảng có dòng tiêu đề: các mục của bảng này nối tiếp các mục trước",
        "another table with a header row: its sections follow the ones before",
    ),
    "import.column_numbers": (
        "bỏ qua dòng đánh số cột (1), (2), (3) …",
        "skipped the row of column numbers (1), (2), (3) …",
    ),
    "import.number_odd": (
        "số thứ tự '{number}' không phải số hay số La Mã; đọc dòng này là một nhiệm vụ",
        "the number '{number}' is neither a number nor a Roman numeral; read the row as a task",
    ),
    "import.number_missing": (
        "dòng không có số thứ tự; đọc là một nhiệm vụ",
        "the row has no number; read as a task",
    ),
    "import.section_guessed": (
        "dòng chỉ có một ô chữ, không có số thứ tự: đọc là tên một mục",
        "a row with one text and no number: read as a section's title",
    ),
    "import.no_number_column": (
        "bảng không có cột số thứ tự: nhiệm vụ được đánh mã theo thứ tự các dòng",
        "the table has no number column: tasks are numbered by their rows",
    ),
    "import.section_number": (
        "bảng ghi số mục '{printed}', mục được đánh mã {id} theo thứ tự (giữ '{printed}' trong "
        "chú thích)",
        "the table prints section number '{printed}'; the section is {id} by its place "
        "('{printed}' kept in a comment)",
    ),
    "import.section_cells": (
        "dòng tên mục còn có cơ quan hoặc thời gian; các ô đó không được đọc",
        "the section row also has agencies or a deadline; those cells are not read",
    ),
    "import.no_section": (
        "nhiệm vụ đứng trước mọi dòng tên mục: đặt vào mục I chưa có tên",
        "a task before any section row: put in a section I without a title",
    ),
    "import.task_number": (
        "bảng ghi số thứ tự '{printed}', nhiệm vụ được đánh mã {id} theo thứ tự (giữ "
        "'{printed}' trong chú thích, không sửa)",
        "the table prints number '{printed}'; the task is {id} by its place ('{printed}' kept "
        "in a comment, not corrected)",
    ),
    "import.title_empty": ("{id}: ô tên nhiệm vụ trống", "{id}: the title cell is empty"),
    "import.lead_empty": (
        "{id}: ô cơ quan chủ trì trống",
        "{id}: the lead agency cell is empty",
    ),
    "import.deadline_empty": (
        "{id}: ô thời gian hoàn thành trống",
        "{id}: the deadline cell is empty",
    ),
    "import.deadline_joined": (
        "{id}: ô thời gian có nhiều đoạn nhưng không phải các mốc '{example}'; các đoạn được "
        "nối lại",
        "{id}: the deadline cell has several paragraphs that are not milestones '{example}'; "
        "they were joined",
    ),
    "import.deadline_unread": (
        "{id}: thời hạn '{text}' chưa đọc được; giữ nguyên như văn bản ghi",
        "{id}: the deadline '{text}' cannot be read yet; kept as written",
    ),
    "import.no_title": (
        "không thấy tên kế hoạch phía trên bảng; hãy sửa plan.title",
        "no plan title above the table; please edit plan.title",
    ),
    "import.no_source": (
        "không thấy dòng '{line} …' phía trên bảng; hãy sửa plan.source",
        "no '{line} …' line above the table; please edit plan.source",
    ),
    "import.no_period": (
        "không có năm nào trong các thời hạn; hãy sửa plan.period",
        "no year in any deadline; please edit plan.period",
    ),
    "import.no_header": (
        "{path}: không thấy dòng tiêu đề của bảng phụ lục; cần các cột như {headings}",
        "{path}: no header row of an appendix table; expected columns such as {headings}",
    ),
    "import.summary": (
        "{path}: {tasks} nhiệm vụ trong {sections} mục, {agencies} cơ quan; {warnings} cảnh "
        "báo → {output}",
        "{path}: {tasks} tasks in {sections} sections, {agencies} agencies; {warnings} "
        "warnings → {output}",
    ),
    "import.invalid": (
        "{output}: tệp nhập được có {errors} lỗi (ở trên); hãy sửa rồi chạy cchc validate",
        "{output}: the imported file has {errors} errors (above); fix them, then run cchc validate",
    ),
}


def lang_from(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The language before the command line is parsed, so help texts can follow it too."""
    env = os.environ if environ is None else environ
    lang = env.get(ENV_LANG, "vi")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else "vi"


def tr(key: str, lang: str, **args: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**args)
