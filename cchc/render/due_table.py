"""`cchc due` as terminal tables (rich). Imported only when the table format is asked for.

The layout is a rich `Table` with fixed column widths. Drawn by rich, each row costs about
2.5 ms (every cell is wrapped, padded and measured as a renderable of its own): 20 s for the
8k rows of a 10k-task roll-up. So the tables are drawn here instead, the way rich draws them:
its word breaking (rich._wrap.divide_line, redone with a cheaper width for text whose
characters are all one cell wide), its cell widths, box characters and escape codes, segment by
segment. The output is the same, byte for byte (tests/test_due_table.py compares the two on the
shipped plan and on random tables); a table holding what this drawing does not reproduce
(control characters, tabs, newlines) goes to rich.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

from rich import box as rich_box
from rich.cells import cell_len, chop_cells, set_cell_size
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..model import Plan
from ..schedule import Bucket, Item, Schedule
from .due import (
    Column,
    bucket_heading,
    columns,
    counts_line,
    empty_text,
    quarter_name,
    scope_lines,
    shown_buckets,
    stale_line,
)
from .table import console

# Each column costs a border and one space either side; the table one more border.
_COLUMN_OVERHEAD = 3
# A single long token (a URL, "68/2000/NĐ-CP") may fold rather than widen its column further.
_LONGEST_WORD = 14
# Short columns let their header wrap at about this width ("Số quý / quá hạn").
_SHORT_HEADER = 7
_WEIGHTS = {"col.task": 4, "col.lead": 2, "col.deadline": 2, "due.col.evidence": 2}


# Characters one cell wide by rich's own measure: ASCII, Vietnamese (Latin-1, Latin Extended,
# combining marks are not here: they are zero wide), general punctuation. A text made of these
# alone is as wide as it is long, which spares rich's per-character lookup for nearly every cell.
# Listed rather than asked of rich (800 lookups, 4 ms of start-up); a test checks rich agrees.
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x2027))
_NARROW = frozenset(chr(c) for low, high in NARROW_RANGES for c in range(low, high + 1))
_is_narrow = _NARROW.issuperset


def _width(text: str) -> int:
    return len(text) if _is_narrow(text) else cell_len(text)


def _longest_word(text: str) -> int:
    words = text.split()
    if not words:
        return 0
    if _is_narrow(text):
        return max(map(len, words))
    return max(map(cell_len, words))


def _widths(
    cols: Sequence[Column], texts: Sequence[Sequence[str]], available: int
) -> list[int] | None:
    """Column widths that fit `available` cells without breaking a word, or None.

    texts[0] is the header row. Columns start at their longest word and grow, by weight, up to
    their longest line; rich's own ratios would let a narrow column split words mid-way. Short
    columns (ids, quarters, counts) are as wide as their values and fold a long header instead.
    """
    count = len(cols)
    # each distinct text measured once: agencies, deadlines and states repeat down a column
    values = [set(column) for column in zip(*texts[1:], strict=True)]
    widest = [max(map(_width, column), default=0) for column in values]
    header = texts[0]
    natural = [max(widest[i], _width(header[i])) for i in range(count)]
    minimum = [
        min(
            natural[i],
            _LONGEST_WORD,
            max(_longest_word(header[i]), *map(_longest_word, values[i])),
        )
        for i in range(count)
    ]
    for i, col in enumerate(cols):
        if col.short:
            natural[i] = max(minimum[i], min(natural[i], max(widest[i], _SHORT_HEADER)))
    if sum(natural) <= available:
        return natural
    if sum(minimum) > available:
        return None
    widths = list(minimum)
    weights = [_WEIGHTS.get(col.key, 1) for col in cols]
    for _ in range(available - sum(widths)):
        growable = [i for i in range(count) if widths[i] < natural[i]]
        if not growable:
            break
        neediest = min(growable, key=lambda i: widths[i] / weights[i])
        widths[neediest] += 1
    return widths


class _Grid:
    """A table as due_table draws it: fixed column widths, plain-text cells, one style per row.

    Only the features used here: left-justified folding columns, padding of one cell either
    side, rich's HEAVY_HEAD box, an optional header row (bottom-aligned), lines between rows.
    (A plain class: a dataclass costs a millisecond of start-up to define.)
    """

    __slots__ = (
        "border_style",
        "column_styles",
        "ends",
        "header_style",
        "headers",
        "row_style",
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
        header_style: str = "bold",
        border_style: str | None = None,
        row_style: str | None = None,
        show_lines: bool = False,
    ) -> None:
        self.widths = widths
        self.headers = headers
        self.rows: list[list[str]] = []
        self.ends: list[bool] = []  # a line under this row (end of section)
        self.column_styles = column_styles or []
        self.header_style = header_style
        self.border_style = border_style
        self.row_style = row_style
        self.show_lines = show_lines

    def __repr__(self) -> str:  # for test failures
        return f"_Grid({self.widths!r}, {self.headers!r}, rows={self.rows!r})"

    def add_row(self, cells: list[str], end_section: bool = False) -> None:
        self.rows.append(cells)
        self.ends.append(end_section)

    def rich_table(self) -> Table:
        table = Table(
            show_header=self.headers is not None,
            header_style=self.header_style,
            border_style=self.border_style,
            show_lines=self.show_lines,
        )
        headers = self.headers or [""] * len(self.widths)
        styles = self.column_styles or [""] * len(self.widths)
        for header, width, style in zip(headers, self.widths, styles, strict=True):
            table.add_column(header, width=width, overflow="fold", style=style or None)
        for cells, end in zip(self.rows, self.ends, strict=True):
            table.add_row(*(Text(c) for c in cells), style=self.row_style, end_section=end)
        return table


# Characters Text() drops or splits on, or tab stops: rich draws those tables itself.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"(\s*\S+)\s*")  # rich._wrap.re_word, with the word before its spaces


def _breaks(text: str, width: int, measure: Callable[[str], int]) -> list[int]:
    """Where rich breaks a line to fit `width` cells, folding words longer than that: the
    algorithm of rich._wrap.divide_line(fold=True), with a cheaper measure for narrow text."""
    breaks: list[int] = []
    offset = 0
    narrow = measure is len
    for match in _WORD.finditer(text):
        start = match.start()
        if narrow:  # the common case, measured by position alone
            length = match.end(1) - start
            if width - offset >= length:
                offset += match.end() - start
                continue
            if length <= width:
                if offset and start:
                    breaks.append(start)
                    offset = match.end() - start
                continue
        word = match.group()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = measure(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = measure(word)
    return breaks


def _simple_breaks(text: str, width: int) -> list[int] | None:
    """_breaks for the usual cell: narrow words no wider than the column, one space between
    them and none around; None for any other text. Splitting on the space is several times
    cheaper than matching every word, and gives the same breaks (tests compare with rich)."""
    words = text.split(" ")
    if words != text.split():  # other spacing (runs, tabs, no-break spaces): the general path
        return None
    breaks: list[int] = []
    offset = position = 0
    for word in words:
        length = len(word)
        if length > width:  # folds: the general path
            return None
        if width - offset >= length:
            offset += length + 1
        else:
            breaks.append(position)
            offset = length + 1
        position += length + 1
    return breaks


def _cell_lines(text: str, width: int, pad: bool = True) -> list[str]:
    """The lines of one cell, each exactly `width` cells, as Text.wrap makes them with
    justify "left" and overflow "fold"; pad=False: as the console prints a Text of its own
    (justify "default"), lines not padded."""
    measure = len if _is_narrow(text) else cell_len
    length = measure(text)
    if length <= width:  # fits: rich finds no break either
        if len(text) > width:  # zero-width marks; Text.rstrip_end counts characters
            text = text[: max(len(text.rstrip()), width)]
            length = measure(text)
        return [text + " " * (width - length) if pad else text]
    offsets = _simple_breaks(text, width) if measure is len else None
    if offsets is None:
        offsets = _breaks(text, width, measure)
    bounds = zip([0, *offsets], [*offsets, len(text)], strict=True)
    lines = []
    for start, end in bounds:
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: trailing spaces past `width` characters go
            line = line[: max(len(line.rstrip()), width)]
        length = measure(line)
        if length > width:
            line = set_cell_size(line, width)
        elif length < width and pad:
            line += " " * (width - length)
        lines.append(line)
    return lines


class _Painter:
    """Wraps text in a style's escape codes exactly as the console does for one segment."""

    def __init__(self, con: Console) -> None:
        self.con = con
        self.cache: dict[Style, tuple[str, str]] = {}

    def codes(self, style: Style) -> tuple[str, str]:
        found = self.cache.get(style)
        if found is None:
            if not style:
                found = ("", "")
            else:
                with self.con.capture() as capture:
                    self.con.print(Text("x", style=style), end="", crop=False)
                before, _, after = capture.get().partition("x")
                found = (before, after)
            self.cache[style] = found
        return found


def _draw(grid: _Grid, con: Console, paint: _Painter) -> str | None:
    """The table as rich would print it, or None when only rich can draw it."""
    cells = [*grid.rows, *([grid.headers] if grid.headers else [])]
    if any(_UNSAFE.search(c) for row in cells for c in row):
        return None
    get = con.get_style
    heavy = rich_box.HEAVY_HEAD.substitute(con.options, safe=con.safe_box)
    frame = heavy if grid.headers is not None else heavy.get_plain_headed_box()
    widths = [w + 2 for w in grid.widths]  # the padding
    border = paint.codes(get("") + get(grid.border_style or ""))

    def edge(text: str) -> str:
        return border[0] + text + border[1] if text else ""

    def line(text: str) -> str:
        return edge(text) + "\n"

    column_styles = [get(s or "") for s in grid.column_styles or [""] * len(widths)]
    row_style = Style.null() + get(grid.row_style or "")
    body_codes = [paint.codes(cs + row_style) for cs in column_styles]
    header_codes = [
        paint.codes(get(grid.header_style or "") + get("")) for _ in widths
    ]  # Column.header_style is unset

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
                lines = [before + x + after for x in _cell_lines(text, grid.widths[column])]
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


def _grid(
    cols: Sequence[Column], items: Sequence[Item], lang: str, width: int, red: bool
) -> _Grid | None:
    headers = [tr(c.key, lang) for c in cols]
    rows = [[c.value(item) for c in cols] for item in items]
    available = width - _COLUMN_OVERHEAD * len(cols) - 1
    widths = _widths(cols, [headers, *rows], available)
    if widths is None:
        return None
    grid = _Grid(
        widths,
        headers,
        header_style="bold red" if red else "bold",
        border_style="red" if red else None,
        row_style="red" if red else None,
        show_lines=True,
    )
    for row in rows:
        grid.add_row(row)
    return grid


def _stacked(
    cols: Sequence[Column], items: Sequence[Item], lang: str, width: int, red: bool
) -> _Grid:
    """For terminals too narrow for one row per item: one block per item, label and value."""
    labels = [tr(c.key, lang) for c in cols]
    label_width = min(max(cell_len(label) for label in labels), max(6, width // 2))
    value_width = max(1, width - label_width - 2 * _COLUMN_OVERHEAD - 1)
    grid = _Grid(
        [label_width, value_width],
        None,
        column_styles=["bold", ""],
        border_style="red" if red else None,
        row_style="red" if red else None,
    )
    for item in items:
        for n, (label, col) in enumerate(zip(labels, cols, strict=True)):
            grid.add_row([label, col.value(item)], end_section=n == len(cols) - 1)
    return grid


def due_table(
    plan: Plan,
    sched: Schedule,
    lang: str,
    show_done: bool,
    width: int | None,
    color: bool,
    *,
    fast: bool = True,
) -> str:
    """One block per bucket, overdue first and in red, with the counts at the top.

    Nothing is truncated: long cells wrap at word boundaries, a token longer than its column
    folds, and a terminal too narrow for the columns gets one block per item instead.
    `fast=False` draws every table through rich (the reference the fast drawing must match).
    """
    con = console(width, color)
    parts: list[object] = []
    quarter = quarter_name(sched.reference.quarter, lang)
    parts.append(Text(tr("due.title", lang, quarter=quarter), style="bold"))
    parts += [Text(line) for line in scope_lines(plan, sched, lang)]
    parts.append(Text(counts_line(sched, lang, show_done), style="bold"))
    stale = stale_line(sched, lang)
    if stale:
        parts.append(Text(stale))
    for bucket in shown_buckets(show_done):
        items = sched.bucket(bucket)
        red = bucket is Bucket.OVERDUE
        heading = f"{bucket_heading(bucket, sched, lang)} ({len(items)})"
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red" if red else "bold"))
        if not items:
            parts.append(Text(empty_text(bucket, sched, lang)))
            continue
        cols = columns(bucket, sched, items, lang)
        grid = _grid(cols, items, lang, con.width, red)
        parts.append(grid if grid is not None else _stacked(cols, items, lang, con.width, red))
    return _print(con, parts, fast)


def _print(con: Console, parts: Sequence[object], fast: bool) -> str:
    """Print in order; tables drawn here go straight to the console's buffer file."""
    out = con.file
    assert isinstance(out, io.StringIO)
    paint = _Painter(con)
    for part in parts:
        if isinstance(part, _Grid):
            drawn = _draw(part, con, paint) if fast else None
            if drawn is not None:
                out.write(drawn)
                continue
            part = part.rich_table()
        elif fast and isinstance(part, Text):
            drawn = _draw_text(part, con, paint)
            if drawn is not None:
                out.write(drawn)
                continue
        con.print(part)
    return out.getvalue()


def _draw_text(text: Text, con: Console, paint: _Painter) -> str | None:
    """A line of one style (a heading, the counts) as the console prints it, or None when only
    rich can print it (markup spans, nothing but spaces, characters other than the narrow ones,
    which also leaves control characters to rich)."""
    plain = text.plain
    if not plain and not text.spans:
        return "\n"
    if text.spans or not plain.strip() or not _is_narrow(plain):
        return None  # wide characters: rich's lines of fewer cells than a character are its own
    style = text.style
    on, off = paint.codes(con.get_style(style) if isinstance(style, str) else style)
    return "".join(f"{on}{line}{off}\n" for line in _cell_lines(plain, con.width, pad=False))
