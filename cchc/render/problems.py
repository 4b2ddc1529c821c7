"""Problem formatters: text (with the offending line quoted), parsable, json, github, gitlab.

Formatters only turn problems into text; choosing one and exiting is the CLI's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..problems import Problem, Severity
from ..yamlnodes import Document

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
_LEVEL_WORDS = {
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def _location(p: Problem) -> str:
    return f"{p.path}:{p.span.line}:{p.span.column}"


def _printable(text: str) -> str:
    """Quoted source lines must not smuggle terminal control sequences into the output."""
    return "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in text).replace(
        "\t", " "
    )


def parsable(
    problems: Sequence[Problem], lang: str, doc: Document | None = None, color: bool = False
) -> str:
    """`path:line:col: error CODE message`, one line each, as ruff prints."""
    return "".join(
        f"{_location(p)}: {p.level.value} {p.code} {_one_line(p.message(lang))}\n" for p in problems
    )


def _one_line(message: str) -> str:
    return " ".join(_printable(message).split())


WINDOW = 100  # characters of a long source line shown around the spot


def _window(source: str, p: Problem) -> tuple[str, int, int]:
    """The source line (a window of it when long) and where the caret goes in it: a line of
    600 kB with many problems must not be printed once per problem."""
    start = 0
    line = source
    if len(source) > 2 * WINDOW:
        start = max(0, p.span.column - 1 - WINDOW // 2)
        line = source[start : start + WINDOW]
    shown = _printable(line)
    prefix = "…" if start else ""
    suffix = "…" if start + len(line) < len(source) else ""
    column = p.span.column - start + len(prefix)
    width = (p.span.end_column - p.span.column) if p.span.end_line == p.span.line else 1
    width = min(max(1, width), max(1, len(prefix) + len(shown) - column + 1))
    return prefix + shown + suffix, column, width


def text(
    problems: Sequence[Problem], lang: str, doc: Document | None = None, color: bool = False
) -> str:
    """The parsable line, then the offending line with a caret under the spot (as hledger)."""
    out = []
    for p in problems:
        level = p.level.value
        head = f"{_location(p)}: {level} {p.code} {_one_line(p.message(lang))}"
        if color:
            tint = _RED if p.level is Severity.ERROR else _YELLOW
            head = f"{_BOLD}{_location(p)}:{_RESET} {tint}{level}{_RESET} {_BOLD}{p.code}{_RESET} "
            head += _one_line(p.message(lang))
        out.append(head)
        source = doc.line_text(p.span.line) if doc is not None and doc.text else ""
        if source.strip():
            number = str(p.span.line)
            pad = " " * len(number)
            shown, column, width = _window(source, p)
            caret = " " * (column - 1) + "^" * width
            gutter = f"{_DIM}{number} |{_RESET}" if color else f"{number} |"
            out.append(f"{gutter} {shown}")
            out.append(f"{pad} | {caret}")
    return "".join(line + "\n" for line in out)


def as_json(
    problems: Sequence[Problem], lang: str, doc: Document | None = None, color: bool = False
) -> str:
    rows = [
        {
            "file": p.path,
            "line": p.span.line,
            "column": p.span.column,
            "end_line": p.span.end_line,
            "end_column": p.span.end_column,
            "severity": p.level.value,
            "code": p.code,
            "name": p.slug,
            "message": p.message(lang),
        }
        for p in problems
    ]
    from .common import to_json

    return to_json(rows)


def _github_escape(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(
    problems: Sequence[Problem], lang: str, doc: Document | None = None, color: bool = False
) -> str:
    """GitHub Actions workflow commands: annotations on the lines of the pull request."""
    out = []
    for p in problems:
        kind = "error" if p.level is Severity.ERROR else "warning"
        props = (
            f"file={_github_escape(p.path, True)},line={p.span.line},col={p.span.column},"
            f"endLine={p.span.end_line},endColumn={p.span.end_column},"
            f"title={_github_escape(p.code + ' ' + p.slug, True)}"
        )
        out.append(f"::{kind} {props}::{_github_escape(p.message(lang))}\n")
    return "".join(out)


def gitlab(
    problems: Sequence[Problem], lang: str, doc: Document | None = None, color: bool = False
) -> str:
    """GitLab Code Quality (a subset of the Code Climate issue format), shown in merge requests.

    The fingerprint is what GitLab compares between the base and the head of a merge request;
    it hashes the English message, so switching --lang does not make every problem look new.
    """
    import hashlib

    rows = []
    for p in problems:
        key = "\x1f".join((p.path, p.code, str(p.span.line), str(p.span.column), p.message("en")))
        rows.append(
            {
                "type": "issue",
                "description": _one_line(p.message(lang)),
                "check_name": f"{p.code}-{p.slug}",
                "categories": ["Bug Risk"],
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": "major" if p.level is Severity.ERROR else "minor",
                "location": {"path": p.path, "lines": {"begin": p.span.line}},
            }
        )
    from .common import to_json

    return to_json(rows)


Formatter = Callable[[Sequence[Problem], str, "Document | None", bool], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
    "gitlab": gitlab,
}
