"""The agency's reporting form: which rows it has, and how a filled row reads back.

Pure: no I/O and no spreadsheet library. render/xlsx_form.py lays these rows out in a workbook;
formread.py reads a workbook's cells and hands them to `read_row`, which turns one row into a
progress entry or into located problems saying what would be right.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from .model import STATUS_WORDS
from .record import STATUS_TEXT, Entry
from .schedule import Bucket, Item, Schedule
from .text import loose_key

FORM_MARK = "cchc-form"
FORM_VERSION = 1
# Rows an agency reports on: what is open up to the end of the window, and the continuous tasks.
FORM_BUCKETS = (Bucket.OVERDUE, Bucket.DUE, Bucket.UPCOMING, Bucket.NO_FIXED_DEADLINE)

# Column letters are part of the form's format (version 1): the reader relies on them.
ID, TITLE, DEADLINE, QUARTER, SITUATION, REPORTED = "A", "B", "C", "D", "E", "F"
STATUS, DAY, PERCENT, EVIDENCE = "G", "H", "I", "J"
LOCKED_COLUMNS = (ID, TITLE, DEADLINE, QUARTER, SITUATION, REPORTED)
INPUT_COLUMNS = (STATUS, DAY, PERCENT, EVIDENCE)
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1

HEADERS = {
    ID: ("Mã nhiệm vụ", "Task id"),
    TITLE: ("Tên nhiệm vụ", "Task"),
    DEADLINE: ("Thời hạn", "Deadline"),
    QUARTER: ("Kỳ hạn", "Occurrence"),
    SITUATION: ("Tình hình", "Situation"),
    REPORTED: ("Đã báo cáo", "Last reported"),
    STATUS: ("Tình trạng (chọn)", "Status (choose)"),
    DAY: ("Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"),
    PERCENT: ("Tỷ lệ hoàn thành (%)", "Percent done"),
    EVIDENCE: ("Căn cứ (số văn bản, báo cáo)", "Evidence (document number)"),
}
NO_OCCURRENCE = ("Không cố định", "No fixed date")
STATUS_CHOICES = {
    "vi": tuple(STATUS_TEXT.values()),
    "en": ("done", "in progress", "not started"),
}


class FormRow(NamedTuple):
    task: str
    title: str
    deadline: str
    quarter: str  # "IV/2023", or "" for a task with no fixed date
    situation: str
    reported: str


def form_rows(
    sched: Schedule,
    words: Callable[[Item], tuple[str, str, str, str]],
) -> list[FormRow]:
    """One row per open occurrence in the schedule; words(item) gives its title, deadline,
    situation and last report as the form shows them (the renderer's wording)."""
    rows = []
    for item in sched.items:
        if item.bucket not in FORM_BUCKETS:
            continue
        title, deadline, situation, reported = words(item)
        quarter = item.quarter.label() if item.quarter else ""
        rows.append(FormRow(item.task.id, title, deadline, quarter, situation, reported))
    return rows


class CellProblem(NamedTuple):
    column: str  # the letter of the cell
    key: str  # i18n key under "form." saying what is wrong and what would be right
    args: tuple[tuple[str, str], ...] = ()


Cell = object  # a cell's value as the spreadsheet library gives it: str, int, float, datetime …


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def closest_status(text: str) -> str | None:
    """The status word nearest a misspelling ("hoan thang" → "hoàn thành")."""
    keys = list(STATUS_WORDS)
    close = difflib.get_close_matches(loose_key(text), keys, n=1, cutoff=0.5)
    return STATUS_TEXT[STATUS_WORDS[close[0]]] if close else None


def _day(value: Cell, parse_text: Callable[[str], date]) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}", text):
        raise ValueError(text)
    return parse_text(text)


def _percent(value: Cell) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
        # a cell formatted as a percentage holds 0.5 for 50 %
        number = number * 100 if 0 < number < 1 else number
    else:
        text = _text(value).rstrip("%").strip().replace(",", ".")
        number = float(text)
    if not number.is_integer() or not 0 <= number <= 100:
        raise ValueError(value)
    return int(number)


def read_row(
    row: FormRow | None,
    expected: tuple[str, str],
    cells: dict[str, Cell],
    parse_text: Callable[[str], date],
) -> tuple[Entry | None, list[CellProblem]]:
    """A filled row as an entry, None when the agency left it empty, or the cells that are
    wrong. expected: the task id and quarter the form was made with (its hidden record);
    row: what the sheet holds now in the locked columns."""
    problems: list[CellProblem] = []
    task, quarter = expected
    if row is not None and row.task.strip().upper() != task.upper():
        problems.append(CellProblem(ID, "changed_id", (("found", row.task), ("expected", task))))
    if row is not None and _text(row.quarter) != quarter:
        shown = quarter or "—"
        problems.append(
            CellProblem(QUARTER, "changed_quarter", (("found", row.quarter), ("expected", shown)))
        )
    status_text = _text(cells.get(STATUS))
    filled = [c for c in INPUT_COLUMNS if _text(cells.get(c))]
    if not filled:
        return None, problems
    status = STATUS_WORDS.get(loose_key(status_text)) if status_text else None
    if not status_text:
        problems.append(CellProblem(STATUS, "no_status"))
    elif status is None:
        close = closest_status(status_text)
        key = "bad_status_close" if close else "bad_status"
        problems.append(CellProblem(STATUS, key, (("found", status_text), ("close", close or ""))))
    day: date | None = None
    raw_day = cells.get(DAY)
    if not _text(raw_day):
        problems.append(CellProblem(DAY, "no_date"))
    else:
        try:
            day = _day(raw_day, parse_text)
        except ValueError:
            problems.append(CellProblem(DAY, "bad_date", (("found", _text(raw_day)),)))
    percent: int | None = None
    if _text(cells.get(PERCENT)):
        try:
            percent = _percent(cells.get(PERCENT))
        except ValueError:
            found = _text(cells.get(PERCENT))
            problems.append(CellProblem(PERCENT, "bad_percent", (("found", found),)))
    if problems or status is None or day is None:
        return None, problems
    evidence = _text(cells.get(EVIDENCE)) or None
    due = f"Quý {quarter}" if quarter else None
    return Entry(STATUS_TEXT[status], day.strftime("%d/%m/%Y"), due, percent, evidence), []


def header_texts(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {column: words[index] for column, words in HEADERS.items()}


def columns_in_order() -> Sequence[str]:
    return (*LOCKED_COLUMNS, *INPUT_COLUMNS)
