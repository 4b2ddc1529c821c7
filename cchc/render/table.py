"""Terminal tables, imported only when a table is asked for.

Every table is a `Grid`: fixed column widths, plain-text cells, drawn here the way rich.Table
draws them. Drawn by rich, each row costs about 0.6 ms (every cell is wrapped, padded and
measured as a renderable of its own): 5 s for the 8k rows of `due` on 10k tasks, against
0.2 s here. So this module redoes rich's word breaking (in wrap.py), its box characters and
escape codes, segment by segment. The output is the same, byte for byte (tests/test_due_table.py
compares the two on the shipped plan and on random tables); a table holding what this drawing
does not reproduce (control characters, tabs, newlines) goes to rich.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich import box as rich_box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .wrap import cell_lines, is_narrow, longest_word, text_width


def console(width: int | None = None, color: bool = True) -> Console:
    """A console writing to a buffer: the CLI decides where the text goes."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
    )


def plain(value: str) -> Text:
    """Data is never read as rich markup: '[bold]' in a title stays as typed."""
    return Text(value)


def task_table(
    headers: Sequence[str], title: str | None = None, header_style: str = "bold"
) -> Table:
    """A table rich lays out and draws (`cchc changes`): short tables only, ~0.5 ms a row."""
    table = Table(title=title, header_style=header_style, show_lines=True, expand=False)
    for i, header in enumerate(headers):
        # the id column never wraps; the title column takes the slack
        if i == 0:
            table.add_column(header, no_wrap=True)
        else:
            table.add_column(header, overflow="fold", ratio=3 if i == 1 else 1)
    return table


# Each column costs a border and one space either side; the table one more border.
_COLUMN_OVERHEAD = 3
# A single long token (a URL, "68/2000/NĐ-CP") may fold rather than widen its column further.
_LONGEST_WORD = 14
# Short columns let their header wrap at about this width ("Số quý / quá hạn").
_SHORT_HEADER = 7
# How fast a column grows into spare width, by its header's i18n key (the rest: 1).
WEIGHTS = {"col.task": 4} | dict.fromkeys(("col.lead", "col.partners", "col.deadline"), 2)
WEIGHTS["due.col.evidence"] = 2


def _widths(
    texts: Sequence[Sequence[str]],
    available: int,
    short: Sequence[bool],
    weights: Sequence[int],
) -> list[int] | None:
    """Column widths that fit `available` cells without breaking a word, or None.

    texts[0] is the header row. Columns start at their longest word and grow, by weight, up to
    their longest line; rich's own ratios would let a narrow column split words mid-way. Short
    columns (ids, quarters, counts) are as wide as their values and fold a long header instead.
    """
    count = len(texts[0])
    # each distinct text measured once: agencies, deadlines and states repeat down a column
    values = [set(column) for column in zip(*texts[1:], strict=True)]
    widest = [max(map(text_width, column), default=0) for column in values]
    header = texts[0]
    natural = [max(widest[i], text_width(header[i])) for i in range(count)]
    minimum = [
        min(
            natural[i],
            _LONGEST_WORD,
            max(longest_word(header[i]), *map(longest_word, values[i])),
        )
        for i in range(count)
    ]
    for i in range(count):
        if short[i]:
            natural[i] = max(minimum[i], min(natural[i], max(widest[i], _SHORT_HEADER)))
    if sum(natural) <= available:
        return natural
    if sum(minimum) > available:
        return None
    fitted = list(minimum)
    for _ in range(available - sum(fitted)):
        growable = [i for i in range(count) if fitted[i] < natural[i]]
        if not growable:
            break
        neediest = min(growable, key=lambda i: fitted[i] / weights[i])
        fitted[neediest] += 1
    return fitted


class Grid:
    """A table as drawn here: fixed column widths, plain-text cells, one style per row.

    Only the features used here: folding columns, justified left or (`right`: the numbers of
    a report) right, padding of one cell either side, rich's HEAVY_HEAD box, an optional
    header row (bottom-aligned), lines between rows.
    (A plain class: a dataclass costs a millisecond of start-up to define.)
    """

    __slots__ = (
        "column_styles",
        "ends",
        "headers",
        "red",
        "right",
        "rows",
        "show_lines",
        "widths",
    )

    def __init__(
        self,
        widths: list[int],  # content widths, without the padding
        headers: list[str] | None,  # None: no header row
        *,
        column_styles: list[str] | None = None,
        red: bool = False,  # overdue: borders and text in red
        show_lines: bool = False,
        right: Sequence[int] = (),  # the columns justified right
    ) -> None:
        self.widths = widths
        self.headers = headers
        self.rows: list[list[str]] = []
        self.ends: list[bool] = []  # a line under this row (end of section)
        self.column_styles = column_styles or []
        self.red = red
        self.show_lines = show_lines
        self.right = frozenset(right)

    def __repr__(self) -> str:  # for test failures
        return f"Grid({self.widths!r}, {self.headers!r}, rows={self.rows!r})"

    def add_row(self, cells: list[str], end_section: bool = False) -> None:
        self.rows.append(cells)
        self.ends.append(end_section)

    def rich_table(self) -> Table:
        table = Table(
            show_header=self.headers is not None,
            header_style="bold red" if self.red else "bold",
            border_style="red" if self.red else None,
            show_lines=self.show_lines,
        )
        headers = self.headers or [""] * len(self.widths)
        styles = self.column_styles or [""] * len(self.widths)
        for i, (header, width, style) in enumerate(zip(headers, self.widths, styles, strict=True)):
            justify: JustifyMethod = "right" if i in self.right else "left"
            table.add_column(
                header, width=width, overflow="fold", style=style or None, justify=justify
            )
        row_style = "red" if self.red else None
        for cells, end in zip(self.rows, self.ends, strict=True):
            table.add_row(*(Text(c) for c in cells), style=row_style, end_section=end)
        return table


# Characters Text() drops or splits on, or tab stops: rich draws those tables itself.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class Painter:
    """Wraps text in a style's escape codes exactly as the console does for one segment."""

    def __init__(self, con: Console) -> None:
        self.con = con
        self.cache: dict[Style, tuple[str, str]] = {}

    def codes(self, style: Style) -> tuple[str, str]:
        if style not in self.cache:
            with self.con.capture() as capture:
                self.con.print(Text("x", style=style), end="", crop=False)
            before, _, after = capture.get().partition("x")
            self.cache[style] = (before, after)
        return self.cache[style]


def draw(grid: Grid, con: Console, paint: Painter) -> str | None:
    """The table as rich would print it, or None when only rich can draw it."""
    cells = [*grid.rows, *([grid.headers] if grid.headers else [])]
    if any(_UNSAFE.search(c) for row in cells for c in row):
        return None
    get = con.get_style
    heavy = rich_box.HEAVY_HEAD.substitute(con.options, safe=con.safe_box)
    frame = heavy if grid.headers is not None else heavy.get_plain_headed_box()
    widths = [w + 2 for w in grid.widths]  # the padding
    red = "red" if grid.red else ""
    border = paint.codes(get("") + get(red))

    def edge(text: str) -> str:
        return border[0] + text + border[1] if text else ""

    def line(text: str) -> str:
        return edge(text) + "\n"

    column_styles = [get(s or "") for s in grid.column_styles or [""] * len(widths)]
    row_style = Style.null() + get(red)
    body_codes = [paint.codes(cs + row_style) for cs in column_styles]
    # Column.header_style is unset
    header_codes = [paint.codes(get("bold red" if grid.red else "bold") + get(""))] * len(widths)

    # per column: what goes before and after a line of text, and a blank line
    def framing(codes: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
        return [
            (on + " " + off + on, off + on + " " + off, on + " " * width + off)
            for (on, off), width in zip(codes, widths, strict=True)
        ]

    body, heading = framing(body_codes), framing(header_codes)
    edges = [
        (edge(frame.head_left), edge(frame.head_right), edge(frame.head_vertical)),
        (edge(frame.mid_left), edge(frame.mid_right), edge(frame.mid_vertical)),
        (edge(frame.foot_left), edge(frame.foot_right), edge(frame.foot_vertical)),
    ]
    row_line = line(frame.get_row(widths, "row"))

    out = [line(frame.get_top(widths))]
    rows: list[tuple[list[str], list[tuple[str, str, str]], bool, bool]] = []
    if grid.headers is not None:
        rows.append((grid.headers, heading, True, False))
    rows += [(r, body, False, end) for r, end in zip(grid.rows, grid.ends, strict=True)]
    last_index = len(rows) - 1
    # agencies, deadlines, quarters and states repeat from row to row: each (text, column) of
    # the body is wrapped and framed once
    seen: dict[tuple[str, int], list[str]] = {}
    columns = range(len(widths))
    for index, (texts, framed, is_header, end) in enumerate(rows):
        left, right, divider = edges[0 if index == 0 else 2 if index == last_index else 1]
        drawn: list[list[str]] = []
        for column in columns:
            text = texts[column]
            lines = None if is_header else seen.get((text, column))
            if lines is None:
                before, after, _blank = framed[column]
                justify = "right" if column in grid.right else "left"
                lines = [before + x + after for x in cell_lines(text, grid.widths[column], justify)]
                if not is_header:
                    seen[(text, column)] = lines
            drawn.append(lines)
        height = max(map(len, drawn))
        for column in columns:
            lines = drawn[column]
            if len(lines) < height:
                fill = [framed[column][2]] * (height - len(lines))
                drawn[column] = fill + lines if is_header else lines + fill
        out.extend(left + divider.join(parts) + right + "\n" for parts in zip(*drawn, strict=True))
        if is_header:
            out.append(line(frame.get_row(widths, "head")))
        elif index != last_index and (grid.show_lines or end):
            out.append(row_line)
    out.append(line(frame.get_bottom(widths)))
    return "".join(out)


def draw_text(text: Text, con: Console, paint: Painter) -> str | None:
    """A line of one style (a heading, the counts) as the console prints it, or None when only
    rich can print it (markup spans, nothing but spaces, characters other than the narrow ones,
    which also leaves control characters to rich)."""
    plain = text.plain
    if not plain and not text.spans:
        return "\n"
    # wide characters: rich's lines of fewer cells than a character are its own
    if text.spans or text.justify not in (None, "default") or not plain.strip():
        return None
    if not is_narrow(plain):
        return None
    style = text.style
    on, off = paint.codes(con.get_style(style) if isinstance(style, str) else style)
    return "".join(f"{on}{line}{off}\n" for line in cell_lines(plain, con.width, "default"))


def fitted(
    headers: list[str],
    rows: list[list[str]],
    width: int,
    short: Sequence[bool],
    weights: Sequence[int],
    *,
    red: bool = False,
    show_lines: bool = True,
    right: Sequence[int] = (),
) -> Grid:
    """One row per item, columns fitted to `width`; a terminal too narrow for the columns
    gets one block per item instead, label and value."""
    available = width - _COLUMN_OVERHEAD * len(headers) - 1
    found = _widths([headers, *rows], available, short, weights)
    if found is not None:
        grid = Grid(found, headers, red=red, show_lines=show_lines, right=right)
        for row in rows:
            grid.add_row(row)
        return grid
    label_width = min(max(map(cell_len, headers)), max(6, width // 2))
    value_width = max(1, width - label_width - 2 * _COLUMN_OVERHEAD - 1)
    grid = Grid([label_width, value_width], None, column_styles=["bold", ""], red=red)
    for row in rows:
        for n, (label, value) in enumerate(zip(headers, row, strict=True)):
            grid.add_row([label, value], end_section=n == len(headers) - 1)
    return grid


def render(con: Console, *parts: object, fast: bool = True) -> str:
    """Print in order; what is drawn here goes straight to the console's buffer file.
    `fast=False` prints everything through rich (the reference the drawing must match)."""
    out = con.file
    assert isinstance(out, io.StringIO)
    paint = Painter(con)
    for part in parts:
        if isinstance(part, Grid):
            drawn = draw(part, con, paint) if fast else None
            if drawn is not None:
                out.write(drawn)
                continue
            part = part.rich_table()
        elif fast and isinstance(part, Text):
            drawn = draw_text(part, con, paint)
            if drawn is not None:
                out.write(drawn)
                continue
        con.print(part)
    return out.getvalue()
