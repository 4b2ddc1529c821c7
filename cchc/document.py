"""A renderer-neutral document: headings, paragraphs and tables.

`cchc report` builds one of these once; Markdown, the terminal and Word each render it, so the
three outputs cannot disagree on a number. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 0: the document title
    # The agency names (and aliases) the heading belongs to, "\n"-separated: the HTML page's
    # agency search hides it when none matches. Other renderers ignore it.
    agencies: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    italic: bool = False
    align: str = "justify"  # justify | center | right


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # relative column widths; the Word renderer scales them to the text width
    widths: tuple[int, ...] = ()
    numeric: tuple[int, ...] = ()  # indexes of right-aligned (number) columns
    # For the HTML page (other renderers ignore these): the column whose cells name their row
    # (<th scope="row">), how many last rows are totals (kept at the foot when sorting), and
    # per row the agency names and aliases ("\n"-separated) the agency search matches.
    row_header: int | None = None
    foot: int = 0
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart: an SVG image written by cchc.render.svg, its caption, and the numbers it shows
    as a table (its text equivalent). Markdown and the terminal leave figures out."""

    name: str  # unique in a document: the prefix of the SVG's ids
    svg: str
    caption: str
    data: Table | None = None


Block = Heading | Paragraph | Table | Figure


@dataclass(slots=True)
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    place: str | None = None  # "Hà Tĩnh" for the date line
    day: date | None = None
    lang: str = "vi"

    def add(self, block: Block) -> None:
        self.blocks.append(block)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_line(place: str | None, day: date, lang: str = "vi") -> str:
    """'Hà Tĩnh, ngày 05 tháng 02 năm 2023' as Nghị định 30/2020/NĐ-CP writes it: a leading zero
    only for days below 10 and for months 1 and 2. In English: 'Hà Tĩnh, 5 February 2023'."""
    if lang == "en":
        text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        return f"{place}, {text}" if place else text
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()
