"""Editing YAML text in place: replace spans and quote values, keeping every other byte."""

from __future__ import annotations

from collections.abc import Sequence

from .problems import Span

__all__ = ["splice", "yaml_quote"]


def splice(text: str, edits: Sequence[tuple[Span, str]]) -> str:
    """Replace the text of each span (end exclusive, as the parser's marks) with its new text.

    Everything outside the spans (comments, quoting, blank lines, line endings) is kept as it
    is. Spans must not overlap; ValueError otherwise or when a span lies outside the text.
    """
    from .yamlnodes import LineIndex

    lines = LineIndex(text)
    ranges = sorted(
        (lines.offset(s.line, s.column), lines.offset(s.end_line, s.end_column), new)
        for s, new in edits
    )
    out: list[str] = []
    position = 0
    for start, end, new in ranges:
        if start < position or end < start:
            raise ValueError("overlapping or reversed spans")
        out += [text[position:start], new]
        position = end
    out.append(text[position:])
    return "".join(out)


def yaml_quote(value: str) -> str:
    """value as a double-quoted YAML scalar that both parsers read back exactly."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch.isprintable() and ch not in "\u2028\u2029\ufeff":
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)
