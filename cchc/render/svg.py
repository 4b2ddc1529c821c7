"""Charts as SVG text written here: stacked bars, a gauge, a timeline of quarters. Pure: no I/O.

Why no chart library: the three charts are rectangles, one arc and labels; a library (matplotlib,
pygal, plotly) would add megabytes and start-up time for that, and most write scripts or fetch
fonts that a page opened offline from an e-mail attachment cannot have. Writing the SVG here
also keeps it byte-stable, so golden files can pin it.

Every image is a standalone SVG document (with xmlns), so the same text is inlined in the HTML
page and rasterised for Word. Each colour comes with its own pattern (solid, hatched, dotted,
cross-hatched, plain with an outline) and each bar segment with its count, so the charts keep
their meaning printed in greyscale. `<title>`/`<desc>` and role="img" give the text to screen
readers; every text that comes from the plan is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

# The five states a dated occurrence can be in at the reference time, in the order shown.
SERIES = ("done_on_time", "done_late", "in_progress", "overdue", "not_yet_due")

# colour, pattern, ink of the pattern. Lightness also differs (dark red 47, dark green 85, mid
# blue 129, mid green 156, near white 240 of 255): a greyscale print keeps them apart even
# where a pattern is too small to see.
_STYLE = {
    "done_on_time": ("#1b7837", "solid", "#ffffff"),
    "done_late": ("#7fbc41", "hatch", "#000000"),
    "in_progress": ("#4393c3", "dots", "#000000"),
    "overdue": ("#99000d", "cross", "#ffffff"),
    "not_yet_due": ("#f0f0f0", "plain", "#000000"),
}

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def _n(value: float) -> str:
    """Coordinates with at most one decimal, and none when whole: stable across platforms."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _t(text: str) -> str:
    return escape(text, quote=True)


def _clip(text: str, limit: int) -> str:
    """At a word boundary: half a Vietnamese syllable reads as another word."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _open(prefix: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="{FONT}" font-size="12">',
        f'<title id="{prefix}-title">{_t(title)}</title>',
        f'<desc id="{prefix}-desc">{_t(desc)}</desc>',
        _defs(prefix),
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
    ]


def _defs(prefix: str) -> str:
    """One pattern per series; ids carry the chart's prefix, so several charts share a page."""
    parts = ["<defs>"]
    for series, (colour, kind, ink) in _STYLE.items():
        if kind in ("solid", "plain"):
            continue
        marks = {
            "hatch": f'<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="{ink}" stroke-width="1.2"/>',
            "dots": f'<circle cx="3" cy="3" r="1.3" fill="{ink}"/>',
            "cross": f'<path d="M0 0L6 6M6 0L0 6" stroke="{ink}" stroke-width="1"/>',
        }[kind]
        parts.append(
            f'<pattern id="{prefix}-{series}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
        )
    parts.append("</defs>")
    return "".join(parts)


def _fill(prefix: str, series: str) -> str:
    colour, kind, _ = _STYLE[series]
    if kind == "solid":
        return f'fill="{colour}"'
    if kind == "plain":
        return f'fill="{colour}" stroke="#555555" stroke-width="0.8"'
    return f'fill="url(#{prefix}-{series})" stroke="#333333" stroke-width="0.4"'


def _legend(
    prefix: str, legend: Sequence[tuple[str, str]], width: float
) -> tuple[list[str], float]:
    """Swatches in rows that fit `width`, and the height they take. Labels are short words, so
    a fixed step per character is enough."""
    parts = []
    x, y = 4.0, 16.0
    for series, label in legend:
        step = 26 + 7.2 * len(label)
        if x > 4 and x + step > width:
            x, y = 4.0, y + 18
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 10)}" width="14" height="12" {_fill(prefix, series)}/>'
        )
        parts.append(f'<text x="{_n(x + 18)}" y="{_n(y)}">{_t(label)}</text>')
        x += step
    return parts, y - 16


def stacked_bars(
    prefix: str,
    title: str,
    desc: str,
    legend: Sequence[tuple[str, str]],
    rows: Sequence[tuple[str, Sequence[int]]],
) -> str:
    """One horizontal bar per row, a segment per series (in SERIES order) with its count."""
    label_w, bar_w, bar_h, gap, top = 270.0, 380.0, 18.0, 8.0, 34.0
    width = label_w + bar_w + 50
    height = top + len(rows) * (bar_h + gap) + 6
    biggest = max((sum(counts) for _, counts in rows), default=0) or 1
    drawn, extra = _legend(prefix, legend, width)
    top += extra
    height += extra
    parts = _open(prefix, width, height, title, desc) + drawn
    for n, (label, counts) in enumerate(rows):
        y = top + n * (bar_h + gap)
        parts.append(f"<g><title>{_t(label)}: {sum(counts)}</title>")
        parts.append(
            f'<text x="{_n(label_w - 6)}" y="{_n(y + 13)}" text-anchor="end">'
            f"{_t(_clip(label, 42))}</text>"
        )
        x = label_w
        for series, count in zip(SERIES, counts, strict=True):
            if count == 0:
                continue
            w = bar_w * count / biggest
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(bar_h)}" '
                f"{_fill(prefix, series)}/>"
            )
            if w >= 16:
                # a light plate under the count keeps it readable on any pattern
                parts.append(
                    f'<rect x="{_n(x + w / 2 - 8)}" y="{_n(y + 3)}" width="16" height="12" '
                    f'fill="#ffffff" fill-opacity="0.85"/>'
                    f'<text x="{_n(x + w / 2)}" y="{_n(y + 13)}" text-anchor="middle" '
                    f'font-size="10">{count}</text>'
                )
            x += w
        parts.append(f'<text x="{_n(x + 6)}" y="{_n(y + 13)}">{sum(counts)}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def gauge(prefix: str, title: str, desc: str, rate: float | None, big: str, small: str) -> str:
    """A half-circle dial filled to `rate` (0..1); None (nothing has come due) draws it empty."""
    width, height, cx, cy, r, stroke = 260.0, 170.0, 130.0, 125.0, 95.0, 24.0
    parts = _open(prefix, width, height, title, desc)
    parts.append(
        f'<path d="M{_n(cx - r)} {_n(cy)}A{_n(r)} {_n(r)} 0 0 1 {_n(cx + r)} {_n(cy)}" '
        f'fill="none" stroke="#dddddd" stroke-width="{_n(stroke)}"/>'
    )
    if rate is not None and rate > 0:
        angle = math.pi * min(rate, 1.0)
        x, y = cx - r * math.cos(angle), cy - r * math.sin(angle)
        parts.append(
            f'<path d="M{_n(cx - r)} {_n(cy)}A{_n(r)} {_n(r)} 0 0 1 {_n(x)} {_n(y)}" '
            f'fill="none" stroke="{_STYLE["done_on_time"][0]}" stroke-width="{_n(stroke)}"/>'
        )
    for value, anchor, x in (("0", "middle", cx - r), ("100", "middle", cx + r)):
        parts.append(
            f'<text x="{_n(x)}" y="{_n(cy + 28)}" text-anchor="{anchor}" font-size="10">'
            f"{value}%</text>"
        )
    parts.append(
        f'<text x="{_n(cx)}" y="{_n(cy - 8)}" text-anchor="middle" font-size="28" '
        f'font-weight="bold">{_t(big)}</text>'
    )
    parts.append(f'<text x="{_n(cx)}" y="{_n(cy + 14)}" text-anchor="middle">{_t(small)}</text>')
    parts.append(
        f'<text x="{_n(cx)}" y="{_n(height - 6)}" text-anchor="middle" font-size="11">'
        f"{_t(_clip(title, 40))}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def timeline(
    prefix: str,
    title: str,
    desc: str,
    legend: Sequence[tuple[str, str]],
    quarters: Sequence[tuple[str, int]],
    marks: Sequence[tuple[int, str, str]],
    reference: int,
    reference_label: str,
) -> str:
    """Quarters left to right (`quarters`: (roman numeral, year)); each mark (quarter position,
    series, tooltip) is a square stacked on its quarter. `reference` is the reference quarter's
    position; outside 0..len-1 the marker sits at that edge with an arrow in its label."""
    col, cell, left, top = 40.0, 12.0, 10.0, 52.0
    stacks: dict[int, int] = {}
    for position, _, _ in marks:
        stacks[position] = stacks.get(position, 0) + 1
    tallest = max(stacks.values(), default=0)
    plot_h = min(max(tallest, 4), MAX_SQUARES) * (cell + 2) + 6
    width = left * 2 + col * len(quarters)
    drawn, extra = _legend(prefix, legend, width)
    top += extra
    height = top + plot_h + 40
    base = top + plot_h
    parts = _open(prefix, width, height, title, desc) + drawn
    inside = 0 <= reference < len(quarters)
    where = min(max(reference, 0), len(quarters) - 1)
    x_ref = left + col * where
    parts.append(
        f'<rect x="{_n(x_ref + 1)}" y="{_n(top - 8)}" width="{_n(col - 2)}" '
        f'height="{_n(plot_h + 8)}" fill="#fff3bf" stroke="#000000" stroke-width="1.2" '
        f'stroke-dasharray="4 2"/>'
    )
    arrow = "" if inside else (" →" if reference >= len(quarters) else "← ")
    label = f"{reference_label}{arrow}" if reference >= 0 else f"{arrow}{reference_label}"
    anchor = "end" if where > len(quarters) / 2 else "start"
    x_label = x_ref + col if anchor == "end" else x_ref
    parts.append(
        f'<text x="{_n(x_label)}" y="{_n(top - 12)}" text-anchor="{anchor}" font-size="11" '
        f'font-weight="bold">{_t(label)}</text>'
    )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(width - left)}" y2="{_n(base)}" '
        f'stroke="#000000"/>'
    )
    if tallest <= MAX_SQUARES:
        parts += _squares(prefix, marks, left, col, cell, base)
    else:
        names = [dict(legend)[series] for series in SERIES]
        labels = [f"{numeral}/{year}" for numeral, year in quarters]
        parts += _columns(
            prefix, marks, (left, col, cell, base, plot_h - 6), tallest, names, labels
        )
    previous_year: int | None = None
    for position, (numeral, year) in enumerate(quarters):
        x = left + col * position
        parts.append(
            f'<text x="{_n(x + col / 2)}" y="{_n(base + 14)}" text-anchor="middle" '
            f'font-size="10">{_t(numeral)}</text>'
        )
        if year != previous_year:
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(base)}" x2="{_n(x)}" y2="{_n(base + 32)}" '
                f'stroke="#888888"/>'
                f'<text x="{_n(x + 4)}" y="{_n(base + 30)}" font-size="11">{year}</text>'
            )
            previous_year = year
        count = stacks.get(position, 0)
        if count:
            stack_h = (
                count * (cell + 2) if tallest <= MAX_SQUARES else (plot_h - 6) * count / tallest
            )
            y = base - stack_h - 4
            parts.append(
                f'<text x="{_n(x + col / 2)}" y="{_n(y)}" text-anchor="middle" '
                f'font-size="9">{count}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# A quarter of a roll-up can hold thousands of occurrences: past this many a square each, a
# quarter is one column split by state (scaled to the tallest), with a count per segment.
MAX_SQUARES = 40


def _squares(
    prefix: str,
    marks: Sequence[tuple[int, str, str]],
    left: float,
    col: float,
    cell: float,
    base: float,
) -> list[str]:
    parts = []
    placed: dict[int, int] = {}
    for position, series, tooltip in marks:
        level = placed.get(position, 0)
        placed[position] = level + 1
        x = left + col * position + (col - cell) / 2
        y = base - (level + 1) * (cell + 2)
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell)}" height="{_n(cell)}" '
            f"{_fill(prefix, series)}><title>{_t(tooltip)}</title></rect>"
        )
    return parts


def _columns(
    prefix: str,
    marks: Sequence[tuple[int, str, str]],
    box: tuple[float, float, float, float, float],  # left, column width, cell, base, height
    tallest: int,
    names: Sequence[str],  # the series' labels, SERIES order
    quarters: Sequence[str],
) -> list[str]:
    left, col, cell, base, height = box
    counts: dict[int, dict[str, int]] = {}
    for position, series, _ in marks:
        per = counts.setdefault(position, {})
        per[series] = per.get(series, 0) + 1
    parts = []
    for position in sorted(counts):
        y = base
        x = left + col * position + (col - cell * 1.5) / 2
        for series, name in zip(SERIES, names, strict=True):
            count = counts[position].get(series, 0)
            if not count:
                continue
            h = height * count / tallest
            y -= h
            tip = f"{quarters[position]} · {name}: {count}"
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell * 1.5)}" height="{_n(h)}" '
                f"{_fill(prefix, series)}><title>{_t(tip)}</title></rect>"
            )
    return parts
