"""The agency's reporting form as an Excel workbook (openpyxl, the optional extra `xlsx`).

One sheet the agency fills: a title, the header row (frozen), one row per open occurrence it
leads. The columns it must not change are locked (sheet protection without a password: it
stops slips, not intent, and an agency that lost a password could not fix a typo); the four it
fills are unlocked, with a drop-down list of statuses and checks on the date and the percent.
A very hidden sheet keeps what the form was made with (plan, agency, quarter, and each row's
task id and occurrence), so that import-progress can tell a row whose task or quarter was
changed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from .. import forms
from ..forms import FormRow

META_SHEET = "_cchc"
SHEET_NAMES = {"vi": "Tiến độ", "en": "Progress"}
_WIDTHS = {"A": (8, 12), "B": (30, 60), "C": (14, 40), "D": (10, 14), "E": (12, 24)}
_WIDTHS |= {"F": (14, 30), "G": (18, 18), "H": (14, 14), "I": (12, 12), "J": (24, 40)}
_TITLE = {
    "vi": "BIỂU BÁO CÁO TIẾN ĐỘ NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "en": "PROGRESS REPORTING FORM: ADMINISTRATIVE REFORM TASKS",
}
_SCOPE = {
    "vi": "Cơ quan chủ trì: {agency} — Kỳ báo cáo: Quý {quarter} — Kế hoạch: {plan}",
    "en": "Lead agency: {agency} — Reporting quarter: {quarter} — Plan: {plan}",
}
_HOW = {
    "vi": (
        "Điền các cột G–J (tình trạng, ngày, tỷ lệ, căn cứ) cho mỗi kỳ hạn có thay đổi; để "
        "trống dòng không có gì mới. Không sửa các cột A–F. Ngày viết dd/mm/yyyy."
    ),
    "en": (
        "Fill columns G–J (status, date, percent, evidence) for each occurrence with news; "
        "leave rows with nothing new empty. Do not change columns A–F. Dates as dd/mm/yyyy."
    ),
}
_CHECKS = {
    "vi": {
        "status": ("Tình trạng", "Chọn một trong danh sách."),
        "date": ("Ngày", "Viết ngày dạng dd/mm/yyyy, ví dụ 20/12/2023."),
        "percent": ("Tỷ lệ", "Một số nguyên từ 0 đến 100."),
    },
    "en": {
        "status": ("Status", "Choose one from the list."),
        "date": ("Date", "Write the date as dd/mm/yyyy, e.g. 20/12/2023."),
        "percent": ("Percent", "A whole number from 0 to 100."),
    },
}


def _width(column: str, values: Sequence[str]) -> float:
    low, high = _WIDTHS[column]
    longest = max((len(v) for v in values), default=0)
    return float(min(high, max(low, longest + 2)))


def workbook(
    rows: Sequence[FormRow],
    *,
    agency: str,
    quarter: str,
    plan_title: str,
    made_on: datetime,
    lang: str,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = SHEET_NAMES[lang]
    last_column = forms.EVIDENCE
    sheet["A1"] = _TITLE[lang]
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _SCOPE[lang].format(agency=agency, quarter=quarter, plan=plan_title)
    sheet["A3"] = _HOW[lang]
    sheet["A3"].font = Font(italic=True)
    for line in (1, 2, 3):
        sheet.merge_cells(f"A{line}:{last_column}{line}")
    headers = forms.header_texts(lang)
    header_fill = PatternFill("solid", start_color="DDEBF7")
    input_fill = PatternFill("solid", start_color="FFF2CC")
    for column, text in headers.items():
        cell = sheet[f"{column}{forms.HEADER_ROW}"]
        cell.value = text
        cell.font = Font(bold=True)
        cell.fill = input_fill if column in forms.INPUT_COLUMNS else header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    no_date = forms.NO_OCCURRENCE[1 if lang == "en" else 0]
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=forms.FIRST_ROW):
        locked = {
            forms.ID: row.task,
            forms.TITLE: row.title,
            forms.DEADLINE: row.deadline,
            forms.QUARTER: row.quarter or no_date,
            forms.SITUATION: row.situation,
            forms.REPORTED: row.reported,
        }
        for column, value in locked.items():
            cell = sheet[f"{column}{number}"]
            cell.value = value
            cell.alignment = wrap
            # a value Excel would read as a formula stays text
            cell.data_type = "s"
        for column in forms.INPUT_COLUMNS:
            cell = sheet[f"{column}{number}"]
            cell.protection = Protection(locked=False)
            cell.fill = input_fill
            cell.alignment = wrap
        sheet[f"{forms.DAY}{number}"].number_format = "DD/MM/YYYY"
    end = forms.FIRST_ROW + max(len(rows), 1) - 1
    checks = _CHECKS[lang]
    choices = ",".join(forms.STATUS_CHOICES[lang])
    status = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    day = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    percent = DataValidation(
        type="whole", operator="between", formula1="0", formula2="100", allow_blank=True
    )
    # A date typed as text in a locale that reads it month first is still accepted by cchc:
    # the date check only warns.
    day.errorStyle = "warning"
    for rule, column, name in ((status, forms.STATUS, "status"), (day, forms.DAY, "date")):
        rule.add(f"{column}{forms.FIRST_ROW}:{column}{end}")
        rule.errorTitle, rule.error = checks[name]
        rule.promptTitle, rule.prompt = checks[name]
        sheet.add_data_validation(rule)
    percent.add(f"{forms.PERCENT}{forms.FIRST_ROW}:{forms.PERCENT}{end}")
    percent.errorTitle, percent.error = checks["percent"]
    sheet.add_data_validation(percent)
    for column in forms.columns_in_order():
        values = [
            headers[column],
            *(str(sheet[f"{column}{r}"].value or "") for r in range(forms.FIRST_ROW, end + 1)),
        ]
        sheet.column_dimensions[column].width = _width(column, values)
    sheet.freeze_panes = f"A{forms.FIRST_ROW}"
    sheet.protection.sheet = True
    # the agency may still resize, sort and filter; it may not edit locked cells
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.auto_filter.ref = f"A{forms.HEADER_ROW}:{last_column}{end}"

    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    meta.append([forms.FORM_MARK, forms.FORM_VERSION])
    meta.append(["plan", plan_title])
    meta.append(["agency", agency])
    meta.append(["quarter", quarter])
    meta.append(["sheet", sheet.title])
    meta.append(["made", made_on.isoformat(timespec="seconds")])
    meta.append(["rows", len(rows)])
    for number, row in enumerate(rows, start=forms.FIRST_ROW):
        meta.append([number, row.task, row.quarter])
    for cells in meta.iter_rows():
        for cell in cells:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    meta.protection.sheet = True
    book.properties.creator = "cchc"
    book.properties.created = made_on
    book.properties.modified = made_on
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
