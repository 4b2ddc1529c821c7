"""Bytes of a plan file → a positioned tree of plain strings, lists and mappings.

PyYAML's own constructors are never used: they type values implicitly (``NO`` → False,
``2023-12-31`` → date, ``1.10`` → 1.1), raise errors without positions, and follow aliases
into exponential or self-referencing structures. Instead the parse events are walked once,
without recursion; every value stays a string with its position, and the schema layer converts
types. Tags, anchors and aliases are refused; duplicate keys are reported with both positions.

This is the only module that imports ``yaml``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, Span, problem
from .text import detect_legacy_encoding

try:  # libyaml is 6-8 times faster and gives the same marks
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = None  # type: ignore[assignment,misc]

MAX_DEPTH = 64

# YAML's printable set: tab, LF, CR, printable ASCII, NEL, and the BMP and astral planes minus
# surrogates and the two non-characters; a C0/C1 control or DEL anywhere is an error.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Line breaks as YAML counts them, so quoted lines match the parser's marks.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class Scalar:
    value: str | None  # None: an empty or null plain value
    span: Span
    quoted: bool = False
    refused: bool = False  # an alias or tagged value already reported; skip further checks

    kind = "scalar"


@dataclass(slots=True)
class Seq:
    span: Span
    items: list[Node] = field(default_factory=list)

    kind = "list"


@dataclass(slots=True)
class Map:
    span: Span
    entries: list[tuple[Scalar, Node]] = field(default_factory=list)

    kind = "mapping"

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.value == key:
                return v
        return None


Node = Scalar | Seq | Map


@dataclass(slots=True)
class Document:
    path: str
    text: str  # the decoded text; "" when it could not be decoded
    root: Node | None
    problems: list[Problem]
    loader: str = ""  # "libyaml" or "python"

    def line_text(self, line: int) -> str:
        lines = LINE_BREAK.split(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _span(start: Any, end: Any) -> Span:
    """Marks are 0-based; libyaml's and PyYAML's Mark types differ but share line and column."""
    if start is None:
        return Span.point(1, 1)
    if end is None:
        end = start
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, counting breaks as YAML does."""
    line, start = 1, 0
    for m in LINE_BREAK.finditer(text, 0, offset):
        if m.end() > offset:
            break
        line, start = line + 1, m.end()
    return line, offset - start + 1


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Strict UTF-8 (a UTF-8 BOM is allowed); anything else is a located problem."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return "", [_encoding_problem(path, Span.point(1, 1), name)]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    head = data[:256]
    if head and head.count(0) * 3 >= len(head):
        # UTF-16 or UTF-32 without a BOM: ASCII letters with NUL bytes between them
        return "", [_encoding_problem(path, Span.point(1, 1), "UTF-16")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8", "replace")
        line, column = position_of(before, len(before))
        detail = detect_legacy_encoding(data.decode("cp1252", "replace"))
        detail = detail or f"byte 0x{data[err.start]:02X}"
        return "", [_encoding_problem(path, Span.point(line, column), detail)]
    found = _legacy_in_text(text)
    if found:
        name, line = found
        return text, [_encoding_problem(path, Span.point(line, 1), name)]
    return text, []


def _legacy_in_text(text: str) -> tuple[str, int] | None:
    """Legacy-font text pasted into a UTF-8 file; the first line that shows it."""
    if text.isascii():
        return None
    name = detect_legacy_encoding(text)
    if name is None:
        return None
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        if detect_legacy_encoding(line) == name:
            return name, number
    return name, 1


_ENCODING_MESSAGES = {
    "TCVN3": (
        "tệp dùng bảng mã TCVN3 (ABC), hãy chuyển sang Unicode (UTF-8), ví dụ bằng Unikey "
        "(Công cụ chuyển mã: TCVN3 → Unicode)",
        "the file uses the legacy TCVN3 (ABC) encoding; convert it to Unicode (UTF-8), "
        "e.g. with Unikey's converter (TCVN3 → Unicode)",
    ),
    "VNI": (
        "tệp dùng bảng mã VNI, hãy chuyển sang Unicode (UTF-8), ví dụ bằng Unikey "
        "(Công cụ chuyển mã: VNI Windows → Unicode)",
        "the file uses the legacy VNI encoding; convert it to Unicode (UTF-8), "
        "e.g. with Unikey's converter (VNI Windows → Unicode)",
    ),
}


def _encoding_problem(path: str, span: Span, what: str) -> Problem:
    if what in _ENCODING_MESSAGES:
        vi, en = _ENCODING_MESSAGES[what]
    elif what in ("UTF-16", "UTF-32"):
        vi = f"tệp được lưu ở mã {what}; hãy lưu lại ở UTF-8"
        en = f"the file is saved as {what}; save it as UTF-8"
    else:
        vi = f"tệp không phải UTF-8 ({what} không hợp lệ, có thể là Latin-1 hoặc Windows-1258); "
        vi += "hãy lưu lại ở UTF-8"
        en = f"the file is not UTF-8 (invalid {what}, perhaps Latin-1 or Windows-1258); "
        en += "save it as UTF-8"
    return problem(path, span, "Y005", detail=vi, detail_en=en)


def _forbidden_characters(text: str, path: str, limit: int = 20) -> list[Problem]:
    found = []
    for m in _FORBIDDEN.finditer(text):
        line, column = position_of(text, m.start())
        found.append(
            problem(path, Span.point(line, column), "Y006", char=f"U+{ord(m.group()):04X}")
        )
        if len(found) >= limit:
            break
    return found


_SYNTAX_HINTS = (
    ("'\\t'", "tab", "dùng dấu cách, không dùng tab, để thụt lề", "indent with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "colon",
        "một giá trị có dấu ': ' cần đặt trong ngoặc kép",
        "a value containing ': ' must be quoted",
    ),
    (
        "expected <block end>",
        "indent",
        "kiểm tra thụt lề của dòng này so với các dòng trên",
        "check this line's indentation against the lines above",
    ),
)


def _syntax_problem(path: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    span = Span.point(mark.line + 1, mark.column + 1) if mark else Span.point(1, 1)
    detail = " ".join(x for x in (err.context, err.problem) if x) or "invalid YAML"
    vi = en = detail
    for needle, _name, hint_vi, hint_en in _SYNTAX_HINTS:
        if needle in detail:
            vi, en = f"{detail} ({hint_vi})", f"{detail} ({hint_en})"
            break
    return problem(path, span, "Y001", detail=vi, detail_en=en)


class _Stop(Exception):
    """Parsing cannot sensibly continue; the reason is already a problem."""


def parse(
    data: bytes, path: str, *, use_libyaml: bool = True, max_depth: int = MAX_DEPTH
) -> Document:
    text, problems = decode(data, path)
    if problems and not text:
        return Document(path, "", None, problems)
    forbidden = _forbidden_characters(text, path)
    if forbidden:
        return Document(path, text, None, problems + forbidden)
    loader_cls = _FastLoader if (use_libyaml and _FastLoader is not None) else yaml.SafeLoader
    builder = _TreeBuilder(path, max_depth)
    try:
        loader = loader_cls(text)
        try:
            while True:
                event = loader.get_event()
                if event is None:
                    break
                builder.feed(event)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        builder.problems.append(_syntax_problem(path, err))
        builder.root = None
    except _Stop:
        builder.root = None
    except yaml.YAMLError as err:  # a reader error without marks
        detail = str(err)
        builder.problems.append(
            problem(path, Span.point(1, 1), "Y001", detail=detail, detail_en=detail)
        )
        builder.root = None
    problems += builder.problems
    if builder.root is None and not problems:
        problems.append(problem(path, Span.point(1, 1), "Y009"))
    loader_name = "libyaml" if loader_cls is _FastLoader else "python"
    return Document(path, text, builder.root, problems, loader_name)


@dataclass(slots=True)
class _Frame:
    node: Seq | Map
    start: Any
    pending_key: Scalar | None = None
    seen: dict[str, Scalar] = field(default_factory=dict)


class _TreeBuilder:
    def __init__(self, path: str, max_depth: int) -> None:
        self.path = path
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_decorations(event)
            if len(self.stack) >= self.max_depth:
                span = _span(event.start_mark, event.end_mark)
                self.problems.append(problem(self.path, span, "Y007", limit=self.max_depth))
                raise _Stop
            span = _span(event.start_mark, event.end_mark)
            node: Seq | Map = Map(span) if isinstance(event, yaml.MappingStartEvent) else Seq(span)
            self.stack.append(_Frame(node, event.start_mark))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            frame.node.span = _span(frame.start, event.end_mark)
            self._attach(frame.node)
        elif isinstance(event, yaml.AliasEvent):
            span = _span(event.start_mark, event.end_mark)
            self.problems.append(problem(self.path, span, "Y004", what="*" + str(event.anchor)))
            self._attach(Scalar(None, span, refused=True))
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                span = _span(event.start_mark, event.end_mark)
                self.problems.append(problem(self.path, span, "Y008"))
                raise _Stop

    def _check_decorations(self, event: yaml.NodeEvent) -> bool:
        span = _span(event.start_mark, event.end_mark)
        bad = False
        if event.anchor is not None:
            self.problems.append(problem(self.path, span, "Y004", what="&" + event.anchor))
            bad = True
        tag = getattr(event, "tag", None)
        # "!" is the non-specific tag PyYAML reports for quoted scalars in some versions
        if tag is not None and tag != "!":
            self.problems.append(problem(self.path, span, "Y003", tag=tag))
            bad = True
        return bad

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        refused = self._check_decorations(event)
        span = _span(event.start_mark, event.end_mark)
        # libyaml reports the plain style as "", the pure-Python parser as None
        quoted = event.style in ("'", '"')
        value: str | None = event.value
        if not event.style and value in _NULLS:
            value = None
        surrogate = _SURROGATE.search(value) if value is not None else None
        if surrogate is not None:
            # a "\ud800" escape decodes to a lone surrogate, which no output can encode
            char = f"U+{ord(surrogate.group()):04X}"
            self.problems.append(problem(self.path, span, "Y006", char=char))
            value, refused = None, True
        self._attach(Scalar(value, span, quoted, refused))

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        if isinstance(frame.node, Seq):
            frame.node.items.append(node)
            return
        if frame.pending_key is None:
            if not isinstance(node, Scalar):
                self.problems.append(problem(self.path, node.span, "Y010"))
                frame.pending_key = Scalar(None, node.span, refused=True)
            else:
                frame.pending_key = node
            return
        key, frame.pending_key = frame.pending_key, None
        if key.refused:
            return
        name = key.value if key.value is not None else ""
        first = frame.seen.get(name)
        if first is not None:
            self.problems.append(
                problem(self.path, key.span, "Y002", key=name, first_line=first.span.line)
            )
            return
        frame.seen[name] = key
        frame.node.entries.append((key, node))
