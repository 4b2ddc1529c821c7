"""Bytes of a plan file → a positioned tree of plain strings, lists and mappings.

PyYAML's own constructors are never used: they type values implicitly (``NO`` → False,
``2023-12-31`` → date, ``1.10`` → 1.1), raise errors without positions, and follow aliases
into exponential or self-referencing structures. Instead the parse events are walked once,
without recursion; every value stays a string with its position, and the schema layer converts
types. Tags, anchors and aliases are refused; duplicate keys are reported with both positions.

Whatever the bytes, `parse` returns a Document: every failure is a Problem with a line and a
column inside the file. Work and memory stay proportional to the size of the file: nesting is
limited, and so is the number of values a file of that size may hold (see `value_budget`).

This is the only module that imports ``yaml``.
"""

from __future__ import annotations

import array
import bisect
import codecs
import gc
import itertools
import re
from typing import Any

import yaml

from .problems import NOWHERE, Problem, Span, problem
from .text import detect_legacy_encoding

try:  # libyaml is 6-8 times faster and gives the same marks
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = None  # type: ignore[assignment,misc]

MAX_DEPTH = 64
# After this many problems from the YAML layer (duplicate keys, tags, aliases) the file is not a
# plan with a few mistakes: stop, so a generated file cannot make millions of messages.
MAX_PROBLEMS = 500

# The plan files people write hold one value per 20 to 40 bytes (the shipped plan: ~35). Every
# value costs a couple of hundred bytes once parsed, so a file of nothing but values ("[a,a,a"
# or "- a" lines) would take over 100 times its size in memory. Any file may hold
# VALUES_FREE values; beyond that, one value per BYTES_PER_VALUE bytes.
VALUES_FREE = 20_000
BYTES_PER_VALUE = 8

# The patterns below are compiled where they are used (re keeps them): most runs need none of
# them, and compiling each costs a millisecond of start-up.
# YAML's printable set: tab, LF, CR, printable ASCII, NEL, and the BMP and astral planes minus
# surrogates and the two non-characters; a C0/C1 control or DEL anywhere is an error.
_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
# The bytes that start the UTF-8 form of a character _FORBIDDEN matches: C0 controls and DEL
# are themselves, the C1 controls start with C2, U+FFFE and U+FFFF with EF (strict UTF-8 holds
# no surrogates). Looking for them in the bytes takes a ninth of the time of the scan of the
# text, which then runs only when one is there.
_FORBIDDEN_LEAD = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xEF])
_NOT_FORBIDDEN_LEAD = bytes(b for b in range(256) if b not in _FORBIDDEN_LEAD)
# What a value may not hold once its escapes are decoded ("\e[31m", "\x07", "\ud800"): the
# controls above except tab and line feed, carriage return (it rewrites the terminal line), the
# bidirectional overrides that reorder what a reader sees ("Trojan source"), lone surrogates.
# Values reach terminals, Word documents and calendars as they are.
_VALUE_FORBIDDEN = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# Line breaks as YAML counts them, so quoted lines match the parser's marks (compiled: small,
# and other modules split with it).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def value_budget(size: int) -> int:
    """How many values (scalars, lists, mappings) a file of `size` bytes may hold."""
    return VALUES_FREE + size // BYTES_PER_VALUE


# The node classes are written out rather than dataclasses: cchc defines no dataclass on its
# start-up path, as each costs 0.2-0.4 ms to define and the dataclasses module 0.5 ms to import.
class Scalar:
    # _TreeBuilder.run sets these fields one by one, without __init__: a new one must be set
    # there too
    __slots__ = ("quoted", "refused", "span", "value")
    kind = "scalar"

    def __init__(
        self, value: str | None, span: Span, quoted: bool = False, refused: bool = False
    ) -> None:
        self.value = value  # None: an empty or null plain value
        self.span = span
        self.quoted = quoted
        self.refused = refused  # an alias or tagged value already reported; skip further checks

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scalar):
            return NotImplemented
        return (self.value, self.span, self.quoted, self.refused) == (
            other.value,
            other.span,
            other.quoted,
            other.refused,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        flags = f"quoted={self.quoted}, refused={self.refused}"
        return f"Scalar({self.value!r}, {self.span!r}, {flags})"


class Seq:
    __slots__ = ("items", "span")
    kind = "list"

    def __init__(self, span: Span, items: list[Node] | None = None) -> None:
        self.span = span
        self.items: list[Node] = [] if items is None else items

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Seq):
            return NotImplemented
        return self.span == other.span and self.items == other.items

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Seq({self.span!r}, {self.items!r})"


class Map:
    __slots__ = ("entries", "span")
    kind = "mapping"

    def __init__(self, span: Span, entries: list[tuple[Scalar, Node]] | None = None) -> None:
        self.span = span
        self.entries: list[tuple[Scalar, Node]] = [] if entries is None else entries

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Map):
            return NotImplemented
        return self.span == other.span and self.entries == other.entries

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Map({self.span!r}, {self.entries!r})"

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.value == key:
                return v
        return None


Node = Scalar | Seq | Map


class LineIndex:
    """Lines of a text as YAML counts them (LF, CRLF, CR, NEL, LS, PS), found in O(log n)."""

    __slots__ = ("_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # arrays of machine integers: a list would cost 36 bytes a line, as much as the tree
        # of a file of short lines
        self._starts = array.array("q", [0])
        self._ends = array.array("q")
        for m in LINE_BREAK.finditer(text):
            self._ends.append(m.start())
            self._starts.append(m.end())
        self._ends.append(len(text))

    @property
    def count(self) -> int:
        """Number of lines; a text ending in a line break has an empty last line."""
        return len(self._starts)

    def line(self, number: int) -> str:
        """The text of a 1-based line without its break; "" outside the text."""
        if 0 < number <= len(self._starts):
            return self.text[self._starts[number - 1] : self._ends[number - 1]]
        return ""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based (line, column); ValueError outside the text."""
        if not 0 < line <= len(self._starts):
            raise ValueError(f"line {line} outside 1..{len(self._starts)}")
        start, end = self._starts[line - 1], self._ends[line - 1]
        if not 0 < column <= end - start + 1:
            raise ValueError(f"column {column} outside 1..{end - start + 1}")
        return start + column - 1


class Document:
    __slots__ = ("_lines", "loader", "path", "problems", "root", "text", "text_suspects")

    def __init__(
        self,
        path: str,
        text: str,
        root: Node | None,
        problems: list[Problem],
        loader: str = "",
        lines: LineIndex | None = None,
        text_suspects: list[Scalar] | None = None,
    ) -> None:
        self.path = path
        self.text = text  # the decoded text; "" when it could not be decoded
        self.root = root
        self.problems = problems
        self.loader = loader  # "libyaml" or "python"
        self._lines = lines
        # The scalars validate.text_is_clean must look at, collected while parsing (in file
        # order); None: not collected, the rule walks the tree.
        self.text_suspects = text_suspects

    def __repr__(self) -> str:
        return f"Document({self.path!r}, root={self.root!r}, problems={self.problems!r})"

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def line_text(self, line: int) -> str:
        return self.lines.line(line)


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, counting breaks as YAML does."""
    return LineIndex(text[:offset]).position(offset)


# --- bytes → text --------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

# Files people pick by mistake instead of the plan: say what they are rather than which byte
# is not UTF-8. (prefix, what it is in Vietnamese, in English)
_DOCUMENT_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "tài liệu PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tài liệu Word/Excel cũ", "an old Word/Excel file"),
    (b"{\\rtf", "tài liệu RTF", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG", "a PNG image"),
    (b"\xff\xd8\xff", "ảnh JPEG", "a JPEG image"),
    (b"\x1f\x8b", "tệp nén gzip", "a gzip archive"),
)
_ZIP = b"PK\x03\x04"

# Latin-1 letters that Vietnamese text never uses (and the symbols of U+00A1..U+00BF): the
# characters a TCVN3 or VNI text shows when its bytes are read as Windows-1252. A UTF-8 file
# without any of them cannot hold such text, so the costly detection is skipped.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_NOT_VIETNAMESE = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(0xA1, 0x100) if chr(c) not in _VIETNAMESE_LATIN1)
    + "]"
)
_LEGACY_SAMPLE = 1 << 20  # bytes looked at to name a legacy encoding

# Windows-1258 writes tones as combining marks after the letter (bytes CC, EC, DE, D2, F2), and
# has single bytes for ă â ê ô ơ ư đ.
_CP1258_TONED = "[^\\W\\d_][\u0300\u0301\u0303\u0309\u0323]"
_CP1258_LETTERS = "[ăâêôơưđĂÂÊÔƠƯĐ]"


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Strict UTF-8 (a UTF-8 BOM is allowed); anything else is a located problem."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return "", [_encoding_problem(path, Span.point(1, 1), name)]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    kind = _document_kind(data)
    if kind is not None:
        vi, en = kind
        return "", [
            problem(
                path,
                Span.point(1, 1),
                "Y005",
                detail=f"đây là {vi}, không phải tệp kế hoạch YAML; hãy chỉ tới tệp .yaml "
                "(ví dụ data/tasks.yaml)",
                detail_en=f"this is {en}, not a YAML plan file; point cchc at the .yaml file "
                "(e.g. data/tasks.yaml)",
            )
        ]
    head = data[:256]
    if head and head.count(0) * 3 >= len(head):
        # UTF-16 or UTF-32 without a BOM: ASCII letters with NUL bytes between them
        return "", [_encoding_problem(path, Span.point(1, 1), "UTF-16")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8")
        line, column = LineIndex(before).position(len(before))
        return "", [_encoding_problem(path, Span.point(line, column), _name_legacy(data, err))]
    found = _legacy_in_text(text)
    if found:
        name, line, column = found
        return text, [_encoding_problem(path, Span.point(line, column), name)]
    return text, []


def _document_kind(data: bytes) -> tuple[str, str] | None:
    if data.startswith(_ZIP):
        # Office files are ZIP archives; their parts are named in the archive's directory
        if b"word/" in data:
            return "tài liệu Word (.docx)", "a Word document (.docx)"
        if b"xl/" in data:
            return "bảng tính Excel (.xlsx)", "an Excel workbook (.xlsx)"
        if b"opendocument" in data[:200]:
            return "tài liệu OpenDocument (.odt, .ods)", "an OpenDocument file (.odt, .ods)"
        return "tệp nén ZIP", "a ZIP archive"
    for prefix, vi, en in _DOCUMENT_KINDS:
        if data.startswith(prefix):
            return vi, en
    return None


def _name_legacy(data: bytes, err: UnicodeDecodeError) -> str:
    """Which encoding bytes that are not UTF-8 are in: TCVN3, VNI, Windows-1258, else the byte."""
    sample = data[:_LEGACY_SAMPLE]
    if err.start >= _LEGACY_SAMPLE:
        sample += b"\n" + data[err.start : err.start + _LEGACY_SAMPLE]
    name = detect_legacy_encoding(sample.decode("cp1252", "replace"))
    if name is not None:
        return name
    as_1258 = sample.decode("cp1258", "replace")
    if len(re.findall(_CP1258_TONED, as_1258)) >= 2 and re.search(_CP1258_LETTERS, as_1258):
        return "Windows-1258"
    return f"byte 0x{data[err.start]:02X}"


def _legacy_in_text(text: str) -> tuple[str, int, int] | None:
    """Legacy-font text pasted into a UTF-8 file (a title copied from an old document): the
    encoding, and the line and column where it shows first."""
    if text.isascii():
        return None
    suspects = _NOT_VIETNAMESE.finditer(text)
    first = next(suspects, None)
    if first is None:
        return None
    lines = LineIndex(text)
    # Line by line first, so one garbled title in a long file is found; the lines of the first
    # 2000 telltale characters are enough (a file of nothing else is caught as a whole below).
    seen: set[int] = set()
    for m in (first, *itertools.islice(suspects, 2000)):
        line, column = lines.position(m.start())
        if line in seen:
            continue
        seen.add(line)
        name = detect_legacy_encoding(lines.line(line))
        if name is not None:
            return name, line, column
    name = detect_legacy_encoding(text)
    if name is None:
        return None
    line, column = lines.position(first.start())
    return name, line, column


_CONVERT_VI = "hãy chuyển sang Unicode (UTF-8), ví dụ bằng công cụ chuyển mã của Unikey"
_CONVERT_EN = "convert it to Unicode (UTF-8), e.g. with Unikey's converter"
_ENCODING_MESSAGES = {
    "TCVN3": (
        f"tệp dùng bảng mã TCVN3, {_CONVERT_VI} (nguồn: TCVN3 (ABC), đích: Unicode)",
        f"the file uses the legacy TCVN3 (ABC) encoding; {_CONVERT_EN} (TCVN3 (ABC) → Unicode)",
    ),
    "VNI": (
        f"tệp dùng bảng mã VNI, {_CONVERT_VI} (nguồn: VNI Windows, đích: Unicode)",
        f"the file uses the legacy VNI encoding; {_CONVERT_EN} (VNI Windows → Unicode)",
    ),
    "Windows-1258": (
        "tệp dùng bảng mã Windows-1258 (CP1258), hãy chuyển sang Unicode: mở tệp trong trình "
        "soạn thảo và lưu lại với mã UTF-8",
        "the file uses the Windows-1258 (CP1258) encoding; convert it to Unicode: open it in an "
        "editor and save it as UTF-8",
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
    lines: LineIndex | None = None
    for m in re.finditer(_FORBIDDEN, text):
        lines = lines or LineIndex(text)
        line, column = lines.position(m.start())
        found.append(
            problem(path, Span.point(line, column), "Y006", char=f"U+{ord(m.group()):04X}")
        )
        if len(found) >= limit:
            break
    return found


# --- syntax errors in the user's words -----------------------------------------------------
# (words in the parser's message, Vietnamese explanation, English hint). The first match wins;
# both parsers' wordings are covered (libyaml and PyYAML phrase the same error differently).
_TAB = (
    "có ký tự tab ở đây; dùng dấu cách, không dùng tab, để thụt lề",
    "indent with spaces, not tabs",
)
_SYNTAX_HINTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("tab character", "'\\t'"), *_TAB),
    (
        ("mapping values are not allowed",),
        "dấu ':' không đúng chỗ: một giá trị có dấu ': ' cần đặt trong ngoặc kép, hoặc một dòng "
        "phía trên thiếu dấu ':' sau khoá",
        "a value containing ': ' must be quoted, or a line above lacks the ':' after its key",
    ),
    (
        ("could not find expected ':'",),
        "thiếu dấu ':' sau khoá (một khoá phải nằm trên một dòng)",
        "a key needs ':' after it, on the same line",
    ),
    (
        ("sequence entries are not allowed",),
        "dấu '-' của danh sách không đúng chỗ; kiểm tra thụt lề",
        "a list item '-' in the wrong place; check the indentation",
    ),
    (
        ("expected <block end>", "did not find expected key", "expected '-' indicator"),
        "thụt lề của dòng này không khớp với các dòng trên (hoặc thiếu dấu ':')",
        "check this line's indentation against the lines above",
    ),
    (
        ("end of stream",),
        "chuỗi trong ngoặc chưa được đóng",
        "a quoted string is not closed",
    ),
    (
        ("Unicode character escape",),
        "mã thoát '\\u…' không phải một ký tự Unicode (ví dụ một nửa cặp surrogate); hãy viết "
        "chính ký tự đó",
        "a '\\u…' escape that is not a Unicode character (e.g. half a surrogate pair); write the "
        "character itself",
    ),
    (
        ("escape",),
        "chuỗi trong ngoặc kép có dấu '\\' không hợp lệ; viết '\\\\' cho một dấu '\\' hoặc dùng "
        "ngoặc đơn",
        "a backslash in a double-quoted string; write '\\\\' for one or use single quotes",
    ),
    (
        ("flow mapping", "flow sequence", "flow node"),
        "ngoặc '{' hoặc '[' chưa được đóng đúng chỗ, hoặc thiếu dấu phẩy",
        "a '{' or '[' is not closed where it should be, or a comma is missing",
    ),
    (
        ("document",),
        "dòng '---' hoặc '...' không đúng chỗ; tệp kế hoạch là một tài liệu YAML",
        "a '---' or '...' line in the wrong place; a plan is one YAML document",
    ),
    (
        ("directive",),
        "dòng chỉ thị '%' không hợp lệ; hãy xoá dòng này",
        "an invalid '%' directive line; delete it",
    ),
    (
        ("block scalar",),
        "khối văn bản nhiều dòng (| hoặc >) viết sai; các dòng của khối phải thụt lề đều",
        "a '|' or '>' block is malformed; its lines must be indented evenly",
    ),
    (
        ("anchor", "alias", "tag"),
        "ký tự '&', '*' hoặc '!' không đúng chỗ; hãy đặt giá trị trong ngoặc kép",
        "a stray '&', '*' or '!'; quote the value",
    ),
    (
        ("cannot start any token", "found unexpected"),
        "ký tự này không được đứng đầu một giá trị; hãy đặt giá trị trong ngoặc kép",
        "this character cannot start a value; quote the value",
    ),
)


def _syntax_problem(path: str, err: yaml.MarkedYAMLError, lines: LineIndex) -> Problem:
    mark = err.problem_mark or err.context_mark
    if err.context == "while scanning a simple key" and err.context_mark is not None:
        # a key without its ':' is found only on a later line; point at the key itself
        mark = err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    line, column = _clamp(lines, line, column)
    detail = " ".join(x for x in (err.context, err.problem) if x) or "invalid YAML"
    if "maximum nesting depth" in detail:  # libyaml's own limit on flow nesting
        return problem(path, Span.point(line, column), "Y007", limit=MAX_DEPTH)
    here = lines.line(line)[column - 1 : column]
    vi = en = ""
    if here == "\t" and "cannot start any token" in detail:
        vi, en = _TAB
    else:
        for needles, hint_vi, hint_en in _SYNTAX_HINTS:
            if any(n in detail for n in needles):
                vi, en = hint_vi, hint_en
                break
    message_vi = f"{vi} [{detail}]" if vi else detail
    message_en = f"{detail} ({en})" if en else detail
    return problem(path, Span.point(line, column), "Y001", detail=message_vi, detail_en=message_en)


def _clamp(lines: LineIndex, line: int, column: int) -> tuple[int, int]:
    """A mark past the end (an error at the end of the stream) → the last position there is."""
    if line > lines.count:
        line = lines.count
        column = len(lines.line(line)) + 1
    return line, min(column, len(lines.line(line)) + 1)


class _Stop(Exception):
    """Parsing cannot sensibly continue; the reason is already a problem."""


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, with flow nesting limited in the scanner as libyaml limits
    it: the scanner reads every '[' of a nested flow collection before the first event (each
    may start a key), in time quadratic in the depth; the tree builder would see it too late."""

    max_flow_depth = MAX_DEPTH

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= self.max_flow_depth:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                None,
                "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(TokenClass)


def parse(
    data: bytes, path: str, *, use_libyaml: bool = True, max_depth: int = MAX_DEPTH
) -> Document:
    """Bytes → Document. Never raises for any input: every failure is a located Problem.

    use_libyaml=False selects PyYAML's pure-Python parser, which disagrees with libyaml on a few
    inputs (mostly tabs); both are tested.
    """
    text, problems = decode(data, path)
    if problems and not text:
        return Document(path, "", None, problems)
    if data.translate(None, _NOT_FORBIDDEN_LEAD):  # text is data decoded as strict UTF-8
        forbidden = _forbidden_characters(text, path)
        if forbidden:
            return Document(path, text, None, problems + forbidden)
    fast = use_libyaml and _FastLoader is not None
    loader_name = "libyaml" if fast else "python"
    # The line index takes a tenth of a second for a 10k-task plan and only messages need it
    # (Document.lines makes it when asked); the tree needs just where the text ends.
    last_line, last_column = _end_of_text(text)
    lines: LineIndex | None = None
    builder = _TreeBuilder(path, max_depth, value_budget(len(data)), last_line, last_column)
    # The tree is made of many small objects and no cycles; the collector would only rescan
    # them again and again (a third of the time on a big file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if fast:
            loader: Any = _FastLoader(text)
        else:
            loader = _PythonLoader(text)
            loader.max_flow_depth = max_depth
        builder.run(loader)
    except yaml.MarkedYAMLError as err:
        lines = LineIndex(text)
        builder.problems.append(_syntax_problem(path, err, lines))
        builder.root = None
    except _Stop:
        builder.root = None
    except yaml.YAMLError as err:  # a reader error without marks
        detail = str(err)
        builder.problems.append(
            problem(path, Span.point(1, 1), "Y001", detail=detail, detail_en=detail)
        )
        builder.root = None
    finally:
        if collecting:
            gc.enable()
    problems += builder.problems
    if builder.root is None and not problems:
        problems.append(problem(path, Span.point(1, 1), "Y009"))
    suspects = builder.suspects if builder.root is not None else None
    return Document(path, text, builder.root, problems, loader_name, lines, suspects)


def _end_of_text(text: str) -> tuple[int, int]:
    """(number of lines, length of the last line + 1), as LineIndex counts them."""
    breaks = text.count("\n")
    last = text.rfind("\n")  # the last break's last character
    if "\r" in text:
        breaks += text.count("\r") - text.count("\r\n")
        last = max(last, text.rfind("\r"))
    if not text.isascii():
        for ch in "\x85\u2028\u2029":
            breaks += text.count(ch)
            last = max(last, text.rfind(ch))
    return breaks + 1, len(text) - last


# Spans are made as tuple.__new__(Span, (...)): Span(...) goes through a Python-level __new__
# and costs twice as much, once for every value of the file.
_new_span = tuple.__new__


class _TreeBuilder:
    def __init__(
        self, path: str, max_depth: int, budget: int, last_line: int, last_column: int
    ) -> None:
        self.path = path
        # libyaml ends the last collections on the line after the last one when the file does
        # not end with a line break; such marks are moved back to the end of the text.
        self.last_line = last_line
        self.last_column = last_column
        self.max_depth = max_depth
        self.budget = budget
        self.problems: list[Problem] = []
        self.root: Node | None = None
        self.documents = 0
        # The scalars validate.text_is_clean must look at, so it need not walk the tree again.
        # None once a value has been left out of the tree (a duplicate key, a key that is a
        # list): the list may then hold scalars the tree does not.
        self.suspects: list[Scalar] | None = None

    def run(self, loader: Any) -> None:
        """Events → tree. The frequent events (values, starts and ends of collections without
        anchors or tags) are handled inline, with the innermost collection's state in locals:
        a method call per event and a frame object per collection made the tree cost three
        times what libyaml's events do. Everything rare goes through the methods below."""
        get_event = loader.get_event
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        new_span = _new_span
        span_type = Span
        scalar_type = Scalar
        new_object = object.__new__
        nulls = _NULLS
        last_line = self.last_line
        max_depth = self.max_depth
        suspects: list[Scalar] = []
        self.suspects = suspects
        suspect = suspects.append
        remaining = self.budget
        # The innermost open collection: the node, its start mark, whether it is a mapping,
        # the append of its items or entries, a mapping's key waiting for its value, and the
        # mapping's keys so far. The enclosing collections wait on `stack`; outside every
        # collection `add` is None and a finished node is the root.
        current: Any = None
        start: Any = None
        in_map = False
        add: Any = None
        pending: Scalar | None = None
        seen: dict[str, Scalar] = {}
        stack: list[tuple[Any, Any, bool, Any, Scalar | None, dict[str, Scalar]]] = []
        node: Node
        try:
            while True:
                event = get_event()
                kind = event.__class__
                if kind is scalar_event:
                    remaining -= 1
                    if remaining < 0:
                        self._over_budget(event)
                    mark, end = event.start_mark, event.end_mark
                    if end.line < last_line:
                        span: Span = new_span(
                            span_type,
                            (mark.line + 1, mark.column + 1, end.line + 1, end.column + 1),
                        )
                    else:
                        span = self._span(mark, end)
                    refused = False
                    if event.anchor is not None or event.tag is not None:
                        refused = self._check_decorations(event, span)
                    text: str = event.value
                    # libyaml reports the plain style as "", the pure-Python parser as None
                    style = event.style
                    value: str | None = text
                    if not style and text in nulls:
                        value = None
                    elif (
                        not text.isprintable()
                        and (bad := re.search(_VALUE_FORBIDDEN, text)) is not None
                    ):
                        # isprintable() is False for every character _VALUE_FORBIDDEN matches
                        # (categories Cc, Cf, Cs, Cn) and is several times cheaper
                        self._forbidden_value(bad, span)
                        value, refused = None, True
                    # the fields set here rather than by Scalar's __init__, which is one more
                    # Python call per value (2% of the parse); every field must be set
                    node = new_object(scalar_type)
                    node.value = value
                    node.span = span
                    node.quoted = style == "'" or style == '"'
                    node.refused = refused
                    # what text_is_clean skips at once (see self.suspects)
                    if (
                        value is not None
                        and not refused
                        and not (text.isascii() and text == text.strip())
                    ):
                        suspect(node)
                elif kind is mapping_end or kind is sequence_end:
                    end = event.end_mark
                    if end.line < last_line:
                        current.span = new_span(
                            span_type,
                            (start.line + 1, start.column + 1, end.line + 1, end.column + 1),
                        )
                    else:
                        current.span = self._span(start, end)
                    node = current
                    current, start, in_map, add, pending, seen = stack.pop()
                elif kind is mapping_start or kind is sequence_start:
                    remaining -= 1
                    if remaining < 0:
                        self._over_budget(event)
                    if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                        self._check_start(event, len(stack))
                    stack.append((current, start, in_map, add, pending, seen))
                    start = event.start_mark
                    pending = None
                    # NOWHERE until the end event gives the real span; a collection that never
                    # ends is never part of a tree (parse then returns no root)
                    if kind is mapping_start:
                        current = Map(NOWHERE, [])
                        add = current.entries.append
                        in_map = True
                        seen = {}
                    else:
                        current = Seq(NOWHERE, [])
                        add = current.items.append
                        in_map = False
                    continue
                elif kind is yaml.AliasEvent:
                    remaining -= 1
                    if remaining < 0:
                        self._over_budget(event)
                    node = self._alias(event)
                elif event is None:
                    break
                else:
                    if kind is yaml.DocumentStartEvent:
                        self._document(event)
                    continue
                # attach the finished node to the innermost collection
                if in_map:
                    if pending is None:
                        pending = node if isinstance(node, Scalar) else self._complex_key(node)
                        continue
                    key, pending = pending, None
                    if key.refused:
                        self.suspects = None  # the value is left out
                        continue
                    name = key.value if key.value is not None else ""
                    first = seen.get(name)
                    if first is not None:
                        self._duplicate(key, name, first)
                        continue
                    seen[name] = key
                    add((key, node))
                elif add is not None:
                    add(node)
                else:
                    self.root = node
        finally:
            loader.dispose()

    def _span(self, start: Any, end: Any) -> Span:
        """Marks are 0-based; libyaml's and PyYAML's Mark types differ but share line and
        column."""
        if end.line < self.last_line:
            return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        line, column = start.line + 1, start.column + 1
        if line > self.last_line:
            line, column = self.last_line, self.last_column
        return Span(line, column, self.last_line, self.last_column)

    def _over_budget(self, event: Any) -> None:
        self.problems.append(
            problem(
                self.path,
                self._span(event.start_mark, event.end_mark),
                "Y011",
                detail=f"hơn {self.budget} giá trị YAML, quá nhiều so với cỡ tệp "
                "(tệp kế hoạch có khoảng một giá trị cho mỗi 20-40 byte)",
                detail_en=f"more than {self.budget} YAML values, too many for the size of the "
                "file (a plan holds about one value per 20-40 bytes)",
            )
        )
        raise _Stop

    def _report(self, item: Problem) -> None:
        self.problems.append(item)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def _check_start(self, event: yaml.CollectionStartEvent, depth: int) -> None:
        """A collection with an anchor or a tag, or one level too deep."""
        span = self._span(event.start_mark, event.end_mark)
        self._check_decorations(event, span)
        if depth >= self.max_depth:
            self.problems.append(problem(self.path, span, "Y007", limit=self.max_depth))
            raise _Stop

    def _alias(self, event: yaml.AliasEvent) -> Scalar:
        span = self._span(event.start_mark, event.end_mark)
        self._report(problem(self.path, span, "Y004", what="*" + str(event.anchor)))
        return Scalar(None, span, refused=True)

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            span = self._span(event.start_mark, event.end_mark)
            self.problems.append(problem(self.path, span, "Y008"))
            raise _Stop

    def _check_decorations(self, event: yaml.NodeEvent, span: Span) -> bool:
        """Report anchors and tags; True when the value must not be used (a tag says it is not
        the text it looks like). An anchored value is kept: it is written out in full there, so
        only its aliases go missing, not the anchor's own place as well."""
        if event.anchor is not None:
            self._report(problem(self.path, span, "Y004", what="&" + event.anchor))
        tag = getattr(event, "tag", None)
        # "!" is the non-specific tag: `! text` only says "a string", which every value is here
        if tag is not None and tag != "!":
            self._report(problem(self.path, span, "Y003", tag=tag))
            return True
        return False

    def _forbidden_value(self, bad: re.Match[str], span: Span) -> None:
        self._report(problem(self.path, span, "Y006", char=f"U+{ord(bad.group()):04X}"))

    def _complex_key(self, node: Node) -> Scalar:
        """A list or mapping where a key should be: reported, and stands for a refused key (its
        value is left out with it)."""
        self.suspects = None
        self._report(problem(self.path, node.span, "Y010"))
        return Scalar(None, node.span, refused=True)

    def _duplicate(self, key: Scalar, name: str, first: Scalar) -> None:
        self.suspects = None  # the second entry is left out
        self._report(problem(self.path, key.span, "Y002", key=name, first_line=first.span.line))
