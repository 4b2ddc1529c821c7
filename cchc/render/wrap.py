"""Where rich breaks a cell's text into lines, and how wide text is, redone for the table grid.

rich's own Text.wrap costs a renderable per cell; these functions give the same lines (the
tests compare them with rich on random text), with a cheaper measure for the usual text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len, chop_cells, set_cell_size

# Characters one cell wide by rich's own measure: ASCII, Vietnamese (Latin-1, Latin Extended,
# combining marks are not here: they are zero wide), general punctuation. A text made of these
# alone is as wide as it is long, which spares rich's per-character lookup for nearly every cell.
# Listed rather than asked of rich (800 lookups, 4 ms of start-up); a test checks rich agrees.
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x2027))
NARROW = frozenset(chr(c) for low, high in NARROW_RANGES for c in range(low, high + 1))
is_narrow = NARROW.issuperset


def text_width(text: str) -> int:
    return len(text) if is_narrow(text) else cell_len(text)


def longest_word(text: str) -> int:
    return max(map(len if is_narrow(text) else cell_len, text.split()), default=0)


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


def cell_lines(text: str, width: int, justify: str = "left") -> list[str]:
    """The lines of one cell, each exactly `width` cells, as Text.wrap makes them with
    justify "left" or "right" and overflow "fold"; "default": as the console prints a Text of
    its own, lines not padded."""
    measure = len if is_narrow(text) else cell_len
    if measure(text) <= width:  # fits: rich finds no break either
        if len(text) > width:  # zero-width marks; Text.rstrip_end counts characters
            text = text[: max(len(text.rstrip()), width)]
        return [_justify(text, width, justify, measure)]
    offsets = _simple_breaks(text, width) if measure is len else None
    if offsets is None:
        offsets = _breaks(text, width, measure)
    bounds = zip([0, *offsets], [*offsets, len(text)], strict=True)
    lines = []
    for start, end in bounds:
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: trailing spaces past `width` characters go
            line = line[: max(len(line.rstrip()), width)]
        lines.append(_justify(line, width, justify, measure))
    return lines


def _justify(line: str, width: int, justify: str, measure: Callable[[str], int]) -> str:
    """One line as rich.containers.Lines.justify leaves it, then cut to `width` cells."""
    if justify == "right":
        line = line.rstrip()
    length = measure(line)
    if length > width:
        return set_cell_size(line, width)
    if justify == "default":
        return line
    padding = " " * (width - length)
    return padding + line if justify == "right" else line + padding
