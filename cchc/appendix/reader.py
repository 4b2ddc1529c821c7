"""Reading an appendix into `model.Source`: a Word file (python-docx, imported only here) or
the plain text a .doc/.pdf conversion gives (one cell per tab-led line, rows apart by blank
lines, as in the seed file; or one row per line, cells apart by tabs)."""

from __future__ import annotations

import codecs
import io
from typing import Any

from . import headers
from .model import Cell, Row, Source, Table


class CannotImport(Exception):
    """The appendix could not be read at all (exit 2). Carries the reason in both languages."""

    def __init__(self, vi: str, en: str, extra: bool = False) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en
        self.extra = extra  # the docx extra is missing

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


# --- Word ------------------------------------------------------------------------------------
def read_docx(data: bytes, shown: str) -> Source:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table as DocxTable
        from docx.table import _Cell
    except ImportError:
        raise CannotImport(
            "đọc tệp Word cần python-docx: pip install 'cchc[docx]' (hoặc chuyển tệp sang văn "
            "bản và dùng --format text)",
            "reading a Word file needs python-docx: pip install 'cchc[docx]' (or convert the "
            "file to text and use --format text)",
            extra=True,
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zipfile, KeyError, lxml errors
        raise CannotImport(
            f"không đọc được tệp Word (.docx): {type(err).__name__}; tệp .doc cũ hãy lưu lại "
            "thành .docx, hoặc chuyển sang văn bản và dùng --format text",
            f"cannot read the Word file (.docx): {type(err).__name__}; save an old .doc as "
            ".docx, or convert it to text and use --format text",
        ) from None
    heading: list[str] = []
    tables: list[Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p") and not tables:
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                heading.append(text)
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
            tables.append(_docx_table(table, len(tables) + 1, _Cell, qn))
    return Source(shown, tuple(heading), tuple(tables))


def _docx_table(table: Any, number: int, cell_type: Any, qn: Any) -> Table:
    rows: list[Row] = []
    above: dict[int, Cell] = {}  # the cell each column shows, for vertically merged cells
    for index, tr in enumerate(table._tbl.tr_lst, 1):
        cells: list[Cell] = []
        column = int(getattr(tr, "grid_before", 0) or 0)
        cells.extend(Cell() for _ in range(column))
        for tc in tr.tc_lst:
            span = int(tc.grid_span or 1)
            if tc.vMerge == "continue" and column in above:
                cell = Cell(above[column].paragraphs, carried=True)
            else:
                # a line break inside a paragraph (Shift+Enter) also starts a line of the cell
                paragraphs = tuple(
                    line for p in cell_type(tc, table).paragraphs for line in p.text.split("\n")
                )
                cell = Cell(paragraphs)
            for offset in range(span):
                above[column + offset] = cell
                cells.append(cell)
            column += span
        rows.append(Row(f"table {number} row {index}", tuple(cells)))
    return Table(f"table {number}", tuple(rows))


# --- plain text --------------------------------------------------------------------------------
# What a file that is not text begins with, and what to do with it.
_NOT_TEXT = (
    (
        b"PK\x03\x04",
        "tệp Word (.docx): dùng --format docx",
        "a Word file (.docx): use --format docx",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "tệp Word cũ (.doc): hãy lưu lại thành .docx, hoặc chuyển sang văn bản",
        "an old Word file (.doc): save it as .docx, or convert it to text",
    ),
    (b"%PDF", "tệp PDF: hãy chuyển sang văn bản trước", "a PDF file: convert it to text first"),
)


def decode(data: bytes) -> str:
    for magic, vi, en in _NOT_TEXT:
        if data.startswith(magic):
            raise CannotImport(f"đây là {vi}", f"this is {en}")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as err:
        raise CannotImport(
            f"tệp không phải văn bản UTF-8 (byte {err.start}); hãy lưu lại với mã UTF-8",
            f"the file is not UTF-8 text (byte {err.start}); save it again as UTF-8",
        ) from None


def read_text(text: str, shown: str) -> Source:
    heading: list[str] = []
    blocks: list[tuple[int, list[list[str]]]] = []
    current: list[list[str]] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            if current:
                current = None
            continue
        if line.startswith("\t"):
            if current is None:
                current = []
                blocks.append((number, current))
            current.extend([part] for part in line.split("\t")[1:])
        elif "\t" in line:  # a whole row on one line, cells apart by tabs
            blocks.append((number, [[part] for part in line.split("\t")]))
            current = None
        elif current is not None:
            current[-1].append(line)  # a further paragraph of the last cell
        elif not blocks:
            heading.append(line)
        else:
            current = [[line]]
            blocks.append((number, current))
    rows = [Row(f"line {n}", tuple(Cell(tuple(c)) for c in cells)) for n, cells in blocks]
    return Source(shown, tuple(heading), (Table("table 1", tuple(_join_broken(rows))),))


def _join_broken(rows: list[Row]) -> list[Row]:
    """A blank line inside a row (the conversion writes one after a cell's last paragraph)
    cuts it in two: a short row followed by cells that do not begin with a number is one row."""
    header = headers.detect(rows)
    if header is None:
        return rows
    width = len(rows[header.row].cells)
    joined: list[Row] = rows[: header.row + 1]
    for row in rows[header.row + 1 :]:
        last = joined[-1]
        starts_numbered = _numbered(row.cells[0].text) if row.cells else False
        if (
            len(joined) > header.row + 1
            and len(last.cells) < width
            and not starts_numbered
            and len(last.cells) + len(row.cells) <= width
        ):
            joined[-1] = Row(last.where, last.cells + row.cells)
        else:
            joined.append(row)
    return joined


def _numbered(text: str) -> bool:
    value = text.strip().rstrip(".)")
    return value.isdigit() or (bool(value) and set(value.upper()) <= set("IVXLC"))


def read(data: bytes, shown: str, fmt: str) -> Source:
    if fmt == "docx":
        return read_docx(data, shown)
    return read_text(decode(data), shown)
