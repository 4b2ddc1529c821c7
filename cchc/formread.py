"""Reading a filled reporting form back (openpyxl): its hidden record and each row's cells.

Only cells' values are read (data_only: a formula's cached result, never the formula), from
bytes read under the same size cap as a plan file, so a form is data and nothing in it runs.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple

from . import forms
from .forms import Cell, FormRow
from .render.xlsx_form import META_SHEET


class FormUnreadable(Exception):
    """The file is not a form cchc can read; key names the i18n message under "form."."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key, self.values = key, {k: str(v) for k, v in args.items()}


class FilledRow(NamedTuple):
    number: int  # the sheet's row number
    expected: tuple[str, str]  # task id and quarter label the form was made with
    row: FormRow | None  # what the locked columns hold now
    cells: dict[str, Cell]  # the input columns by letter


class Form(NamedTuple):
    shown: str
    sheet: str
    plan: str
    agency: str
    quarter: str
    rows: list[FilledRow]
    extra: list[int]  # rows past the form's own that hold something: the agency added them


def _text(value: Cell) -> str:
    return "" if value is None else str(value)


def read_form(path: Path, shown: str, limit: int) -> Form:
    """The form at path. Raises FormUnreadable, or CannotRead from load.read_bytes."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from .load import read_bytes

    data = read_bytes(path, shown, limit)
    if len(data) > limit:
        raise FormUnreadable("too_large", limit=limit)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as err:
        raise FormUnreadable("unreadable", reason=type(err).__name__) from None
    if META_SHEET not in book.sheetnames:
        raise FormUnreadable("not_form", meta=META_SHEET)
    meta = book[META_SHEET]
    lines = [[cell.value for cell in line] for line in meta.iter_rows()]
    if not lines or lines[0][:1] != [forms.FORM_MARK]:
        raise FormUnreadable("not_form", meta=META_SHEET)
    version = lines[0][1] if len(lines[0]) > 1 else None
    if version != forms.FORM_VERSION:
        raise FormUnreadable("version", found=version, expected=forms.FORM_VERSION)
    info = {_text(line[0]): _text(line[1]) for line in lines[1:7] if line and len(line) > 1}
    sheet_name = info.get("sheet", "")
    if sheet_name not in book.sheetnames:
        raise FormUnreadable("no_sheet", sheet=sheet_name)
    sheet = book[sheet_name]
    rows: list[FilledRow] = []
    for line in lines[7:]:
        if len(line) < 3 or not isinstance(line[0], int):
            continue
        number = line[0]
        task, quarter = _text(line[1]), _text(line[2])

        def value(column: str, at: int = number) -> Cell:
            return sheet[f"{column}{at}"].value

        shown_quarter = _text(value(forms.QUARTER))
        if shown_quarter in forms.NO_OCCURRENCE:
            shown_quarter = ""
        row = FormRow(
            _text(value(forms.ID)),
            _text(value(forms.TITLE)),
            _text(value(forms.DEADLINE)),
            shown_quarter,
            _text(value(forms.SITUATION)),
            _text(value(forms.REPORTED)),
        )
        cells = {column: value(column) for column in forms.INPUT_COLUMNS}
        rows.append(FilledRow(number, (task, quarter), row, cells))
    last = max((r.number for r in rows), default=forms.HEADER_ROW)
    extra = [
        number
        for number in range(last + 1, sheet.max_row + 1)
        if any(_text(sheet[f"{c}{number}"].value).strip() for c in forms.columns_in_order())
    ]
    return Form(
        shown,
        sheet_name,
        info.get("plan", ""),
        info.get("agency", ""),
        info.get("quarter", ""),
        rows,
        extra,
    )
