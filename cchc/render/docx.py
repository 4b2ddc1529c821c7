"""Word output laid out as Nghị định 30/2020/NĐ-CP prescribes for administrative documents.

A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (a Unicode font,
TCVN 6909:2001), body 13 pt; bold centred title; tables with borders and a header row repeated
on every page; page numbers from page 2, centred at the top. python-docx is an optional extra
(`pip install 'cchc[docx]'`), imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document, Heading, Paragraph, Table, date_line

FONT = "Times New Roman"
BODY_PT = 13
TITLE_PT = 14


class MissingExtra(RuntimeError):
    """python-docx is not installed."""


def _docx() -> Any:
    try:
        import docx
    except ImportError as err:
        raise MissingExtra("python-docx") from err
    return docx


def _set_font(run_or_style: Any, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    # East-Asian and complex-script slots too, or Word falls back to another face for some letters
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page_number_field(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    _set_font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def build(document: Document) -> Any:
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    align = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # page numbers from page 2: a different (empty) header on the first page
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(number)

    normal = word.styles["Normal"]
    _set_font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)

    if document.day is not None:
        line = word.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = line.add_run(date_line(document.place, document.day, document.lang))
        _set_font(run, BODY_PT)
        run.italic = True

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(title.add_run(document.title.upper()), TITLE_PT, bold=True)

    text_width = section.page_width - section.left_margin - section.right_margin
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = word.add_paragraph()
            if block.level == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(
                paragraph.add_run(block.text), TITLE_PT if block.level <= 1 else BODY_PT, bold=True
            )
            paragraph.paragraph_format.keep_with_next = True  # no heading alone at a page foot
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph()
            paragraph.alignment = align.get(block.align, WD_ALIGN_PARAGRAPH.JUSTIFY)
            run = paragraph.add_run(block.text)
            _set_font(run, BODY_PT)
            run.italic = block.italic
        elif isinstance(block, Table):
            table = word.add_table(rows=1, cols=len(block.header))
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            _borders(table)
            widths = block.widths or tuple(1 for _ in block.header)
            total = sum(widths)
            header_row = table.rows[0]
            _repeat_header(header_row)
            for i, text in enumerate(block.header):
                cell = header_row.cells[i]
                cell.text = ""
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _set_font(paragraph.add_run(text), BODY_PT, bold=True)
            for values in block.rows:
                cells = table.add_row().cells
                for i, text in enumerate(values):
                    paragraph = cells[i].paragraphs[0]
                    if i in block.numeric:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _set_font(paragraph.add_run(text), BODY_PT)
            # Word reads the cell widths, LibreOffice the grid: set both, and stop autofit
            table.autofit = False
            for i, column in enumerate(table.columns):
                width = int(text_width * widths[i] / total)
                column.width = width
                for cell in column.cells:
                    cell.width = width
            word.add_paragraph()
    return word


def write(document: Document, path: Path) -> None:
    """Write via the caller's atomic writer: this only produces the bytes."""
    build(document).save(str(path))


def to_bytes(document: Document) -> bytes:
    import io

    buffer = io.BytesIO()
    build(document).save(buffer)
    return buffer.getvalue()
