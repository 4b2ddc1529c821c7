"""Word output laid out as Nghị định 30/2020/NĐ-CP prescribes for administrative documents.

A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (a Unicode font,
TCVN 6909:2001), body 13 pt; bold centred title; tables with borders and a header row repeated
on every page; page numbers from page 2, centred at the top. python-docx is an optional extra
(`pip install 'cchc[docx]'`), imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document, Figure, Heading, Paragraph, Table, date_line

FONT = "Times New Roman"
BODY_PT = 13
TITLE_PT = 14


class MissingExtra(RuntimeError):
    """python-docx (or, for charts, cairosvg or the cairo library) is not installed."""

    def __init__(self, package: str, detail: str = "") -> None:
        super().__init__(package)
        self.detail = detail or package


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
        elif isinstance(block, Figure):
            _figure(word, block, text_width)
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


def _png(svg: str) -> bytes:
    """The chart rasterised from the same SVG (python-docx embeds only raster images)."""
    import importlib

    try:
        cairosvg: Any = importlib.import_module("cairosvg")  # untyped: no stubs published
    except ImportError as err:
        raise MissingExtra("cairosvg", "cairosvg") from err
    except OSError as err:  # cairocffi found no libcairo: the system library is missing
        raise MissingExtra("cairosvg", f"libcairo2: {err}") from err
    # 3x the CSS pixel size: about 290 dpi at the printed width, sharp on paper
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=3)
    return png


SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office 2016's "SVG image" blip extension
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def _figure(word: Any, block: Figure, text_width: int) -> None:
    """The PNG as the picture, the SVG itself attached as Office 2016+ does it (a svgBlip
    beside the PNG blip: Word 2016+ draws the vector, older readers the PNG), the caption
    below, and the caption as the picture's alternative text."""
    import io
    import re

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu

    png = _png(block.svg)
    size = re.search(r'width="([0-9.]+)"', block.svg)
    width_px = float(size.group(1)) if size else 600.0
    width = min(int(width_px * 914400 / 96), text_width)  # CSS px are 1/96 inch
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(width))
    shape._inline.docPr.set("descr", block.caption)

    part = Part(
        PackURI(f"/word/media/cchc-{block.name}.svg"),  # names are unique in a document
        "image/svg+xml",
        block.svg.encode("utf-8"),
        word.part.package,
    )
    rid = word.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_EXT)
    ext.append(
        ext.makeelement(f"{{{SVG_NS}}}svgBlip", {qn("r:embed"): rid}, nsmap={"asvg": SVG_NS})
    )
    ext_list.append(ext)
    blip.append(ext_list)

    caption = word.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = caption.add_run(block.caption)
    _set_font(run, BODY_PT - 1)
    run.italic = True


def write(document: Document, path: Path) -> None:
    """Write via the caller's atomic writer: this only produces the bytes."""
    build(document).save(str(path))


def to_bytes(document: Document) -> bytes:
    import io

    buffer = io.BytesIO()
    build(document).save(buffer)
    return buffer.getvalue()
