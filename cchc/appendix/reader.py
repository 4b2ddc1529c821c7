"""Reading an appendix into `model.Source`: a Word file (python-docx, imported only here) or
the plain text a .doc/.pdf conversion gives (one cell per tab-led line, rows apart by blank
lines, as in the seed file; or one row per line, cells apart by tabs)."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import Any

from . import headers
from .model import Cell, Note, Row, Source, Table


class CannotImport(Exception):
    """The appendix could not be read at all (exit 2). Carries the reason in both languages."""

    def __init__(self, vi: str, en: str, extra: bool = False) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en
        self.extra = extra  # the docx extra is missing

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


# --- Word ------------------------------------------------------------------------------------
# Read from the XML rather than python-docx's objects, whose text leaves out tracked insertions,
# content controls and fields, and whose cells hide how they are merged.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Elements that only wrap content: content controls, custom XML, smart tags.
_WRAPPERS = frozenset(W + t for t in ("sdt", "sdtContent", "customXml", "smartTag"))
_RUN_TEXT = {
    W + "t": None,
    W + "tab": " ",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}


def read_docx(data: bytes, shown: str) -> Source:
    try:
        import docx
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
    before: list[str] = []
    tables: list[Table] = []
    notes: list[Note] = []
    for child in _content(document.element.body, (W + "p", W + "tbl")):
        if child.tag == W + "p":
            text = _paragraph(child)
            if text.strip():
                (before if tables else heading).append(text)
        else:
            table = _table(child, len(tables) + 1, notes)
            tables.append(Table(table.where, table.rows, tuple(before) if tables else ()))
            before = []
    return Source(shown, tuple(heading), tuple(tables), tuple(notes))


def _content(element: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The children of element with these tags, in order, looking inside wrappers."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _content(child, tags)


def _paragraph(p: Any) -> str:
    parts: list[str] = []
    for run in p.iter(W + "r"):
        for piece in run:
            if piece.tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[piece.tag] or piece.text or "")
    return "".join(parts)


def _value(element: Any, path: str) -> str | None:
    found = element.find(path)
    if found is None:
        return None
    value = found.get(W + "val")
    return "continue" if value is None else str(value)


def _table(tbl: Any, number: int, notes: list[Note]) -> Table:
    rows: list[Row] = []
    above: dict[int, Cell] = {}  # the cell each column shows, for vertically merged cells
    for index, tr in enumerate(_content(tbl, (W + "tr",)), 1):
        where = f"table {number} row {index}"
        before = _value(tr, f"{W}trPr/{W}gridBefore")
        cells: list[Cell] = [
            Cell() for _ in range(int(before) if before and before.isdigit() else 0)
        ]
        column = len(cells)
        for tc in _content(tr, (W + "tc",)):
            span_text = _value(tc, f"{W}tcPr/{W}gridSpan")
            span = int(span_text) if span_text and span_text.isdigit() else 1
            if _value(tc, f"{W}tcPr/{W}vMerge") == "continue" and column in above:
                cell = Cell(above[column].paragraphs, carried=True)
            elif _value(tc, f"{W}tcPr/{W}hMerge") == "continue" and cells:
                cell = cells[-1]  # the old way of merging across: part of the cell before
            else:
                cell = Cell(tuple(_cell_lines(tc, where, notes)))
            for offset in range(max(span, 1)):
                above[column + offset] = cell
                cells.append(cell)
            column += max(span, 1)
        rows.append(Row(where, tuple(cells)))
    return Table(f"table {number}", tuple(rows))


def _cell_lines(tc: Any, where: str, notes: list[Note]) -> Iterator[str]:
    for child in _content(tc, (W + "p", W + "tbl")):
        if child.tag == W + "p":
            # a line break inside a paragraph (Shift+Enter) also starts a line of the cell
            yield from _paragraph(child).split("\n")
        else:  # a table inside the cell: its text is kept, row by row
            notes.append(Note.of(where, "nested_table"))
            for tr in _content(child, (W + "tr",)):
                texts = [
                    " ".join(_cell_lines(tc2, where, notes)) for tc2 in _content(tr, (W + "tc",))
                ]
                yield " | ".join(t for t in texts if t.strip())


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
    if not blocks:  # no tab anywhere: one cell per line
        return _one_cell_per_line(text, shown)
    rows = [Row(f"line {n}", tuple(Cell(tuple(c)) for c in cells)) for n, cells in blocks]
    return Source(shown, tuple(heading), (Table("table 1", tuple(_join_broken(rows))),))


_STT = re.compile(r"(?:[0-9]{1,3}|[IVXLC]{1,6})[.)]?", re.IGNORECASE)


def _one_cell_per_line(text: str, shown: str) -> Source:
    """Text with no tab (Word's "convert table to text" with paragraph marks): the header is
    the first run of lines that are headings; after it a line holding only a number (1, 2 …)
    or a Roman numeral begins a row, and every line up to the next such line is one cell. A
    cell of several paragraphs cannot be told from several cells here: a row with more or
    fewer cells than the header is warned about."""
    lines = [(n, " ".join(raw.split())) for n, raw in enumerate(text.splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line]
    start = end = -1
    for index, (_n, line) in enumerate(lines):
        if start < 0 and headers.known_role(line) in (headers.NUMBER, headers.TITLE):
            start = end = index
        if start >= 0:
            if index > start and not _is_heading(line):
                break
            end = index + 1
    if start < 0:
        return Source(shown, tuple(line for _n, line in lines), ())
    header = Row(f"line {lines[start][0]}", tuple(Cell((line,)) for _n, line in lines[start:end]))
    width = len(header.cells)
    rows, notes = [header], []
    current: list[tuple[int, str]] = []
    for n, line in [*lines[end:], (0, "")]:
        if (n == 0 or _STT.fullmatch(line)) and current:
            where = f"line {current[0][0]}"
            is_section = not current[0][1].isdigit() and len(current) <= 2
            if not is_section and len(current) != width:
                notes.append(Note.of(where, "cells_count", found=len(current), expected=width))
            rows.append(Row(where, tuple(Cell((cell,)) for _m, cell in current)))
            current = []
        if n:
            current.append((n, line))
    heading = tuple(line for _n, line in lines[:start])
    return Source(shown, heading, (Table("table 1", tuple(rows)),), tuple(notes))


def _is_heading(line: str) -> bool:
    return len(line) <= 60 and headers.known_role(line) is not None


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
