"""The shortcuts of the loader's fast path give what the plain way gives.

yamlnodes.parse builds the tree in one loop with the common cases inline, does not build the
line index, collects the scalars text_is_clean looks at, and skips scans that a cheaper test
rules out. Each shortcut is checked here against the slow way it replaces.
"""

from __future__ import annotations

import gc
import pickle
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cchc import yamlnodes
from cchc.problems import NOWHERE, Problem, Span
from cchc.validate import Context, text_is_clean
from cchc.yamlnodes import Document, LineIndex, Map, Node, Scalar, Seq, parse

from .conftest import DATA

LOADERS = (True, False) if yaml.__with_libyaml__ else (False,)
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"]


def nodes(root: Node | None) -> Iterator[Node]:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Seq):
            stack.extend(node.items)
        elif isinstance(node, Map):
            for key, value in node.entries:
                stack.extend((key, value))


def clean_text_problems(doc: Document) -> tuple[list[Problem], list[Problem]]:
    """text_is_clean over the collected scalars, and over a walk of the tree."""
    plan: Any = None  # the rule reads only the document
    collected = list(text_is_clean(Context(doc, plan, None)))
    suspects, doc.text_suspects = doc.text_suspects, None  # as if the parser collected none
    walked = list(text_is_clean(Context(doc, plan, None)))
    doc.text_suspects = suspects
    return sorted(collected, key=Problem.sort_key), sorted(walked, key=Problem.sort_key)


# --- where the text ends, without the line index ---------------------------------------------
@given(st.lists(st.one_of(st.sampled_from(BREAKS), st.text("ab é", max_size=3)), max_size=12))
def test_end_of_text_as_the_line_index_counts(parts: list[str]) -> None:
    text = "".join(parts)
    lines = LineIndex(text)
    assert yamlnodes._end_of_text(text) == (lines.count, len(lines.line(lines.count)) + 1)


@pytest.mark.parametrize("use_libyaml", LOADERS)
@pytest.mark.parametrize("end", ["", *BREAKS, " ", "\n  ", "\r\n\r\n"])
def test_document_lines_are_made_when_asked(use_libyaml: bool, end: str) -> None:
    text = f"a: [b,\n  c]\r\nd: e{end}"
    doc = parse(text.encode(), "p.yaml", use_libyaml=use_libyaml)
    assert doc._lines is None
    assert doc.lines.count == LineIndex(text).count
    assert doc.line_text(2) == "  c]"


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_a_syntax_error_quotes_the_line(use_libyaml: bool) -> None:
    doc = parse(b"a: b\nc: [d\n", "p.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in doc.problems] == ["Y001"]
    assert doc._lines is not None  # made for the message; kept
    assert doc.line_text(2) == "c: [d"


# --- cheaper tests that rule a scan out --------------------------------------------------------
ALL_CHARACTERS = "".join(map(chr, range(sys.maxunicode + 1)))


def test_a_printable_value_holds_no_forbidden_character() -> None:
    forbidden = re.findall(yamlnodes._VALUE_FORBIDDEN, ALL_CHARACTERS)
    assert len(forbidden) > 2000  # surrogates, controls, bidi overrides, non-characters
    assert [ch for ch in forbidden if ch.isprintable()] == []


def test_every_forbidden_character_starts_with_a_lead_byte() -> None:
    forbidden = re.findall(yamlnodes._FORBIDDEN, ALL_CHARACTERS)
    encodable = [ch for ch in forbidden if not "\ud800" <= ch <= "\udfff"]
    assert len(encodable) > 60
    for ch in encodable:
        assert ch.encode()[0] in yamlnodes._FORBIDDEN_LEAD, f"U+{ord(ch):04X}"
        doc = parse(f"a: b{ch}\n".encode(), "p.yaml")
        assert [(p.code, p.span) for p in doc.problems] == [("Y006", Span.point(1, 5))]


@pytest.mark.parametrize("text", ['a: "\\e[31m"\n', 'a: "x\\u202ey"\n', 'a: "\\r"\n'])
@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_escapes_that_make_a_forbidden_value(text: str, use_libyaml: bool) -> None:
    doc = parse(text.encode(), "p.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in doc.problems] == ["Y006"]
    assert isinstance(doc.root, Map)
    value = doc.root.entries[0][1]
    assert isinstance(value, Scalar) and value.refused and value.value is None


# --- the collected scalars ---------------------------------------------------------------------
VALUES = st.sampled_from(
    ['" x "', "' y'", '"Hoa\u0300"', "Hòa", "plain", '"a\\tb "', "~", '""', "*a", "&b c",
     "!t d", '"\\x07"', "[a, ' b ']", "{k: ' v'}", '"\u00a0nbsp"', "-1"]
)  # fmt: skip
KEYS = st.sampled_from(["a", "b", '" a"', "Hoa\u0300", "[x]", "{y: z}", "*a", "!t k", '" b "'])


@st.composite
def small_plans(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key, value = draw(KEYS), draw(VALUES)
        if draw(st.booleans()):
            lines.append(f"{key}:\n  - {value}\n  - {draw(VALUES)}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


@given(small_plans(), st.sampled_from(LOADERS))
def test_collected_scalars_give_what_a_walk_gives(text: str, use_libyaml: bool) -> None:
    doc = parse(text.encode(), "p.yaml", use_libyaml=use_libyaml)
    collected, walked = clean_text_problems(doc)
    assert collected == walked
    if doc.text_suspects is not None:
        in_tree = {id(node) for node in nodes(doc.root)}
        assert all(id(scalar) in in_tree for scalar in doc.text_suspects)


@pytest.mark.parametrize("use_libyaml", LOADERS)
@pytest.mark.parametrize(
    ("left_out", "code"),
    [('a: " y "', "Y002"), ('[k]: " y "', "Y010"), ('!t k: " y "', "Y003"), ('*q : " y "', "Y004")],
)
def test_a_value_left_out_is_not_checked(use_libyaml: bool, left_out: str, code: str) -> None:
    text = f'a: " x "\n{left_out}\nb: " z "\n'
    doc = parse(text.encode(), "p.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in doc.problems] == [code]
    assert doc.text_suspects is None
    collected, walked = clean_text_problems(doc)
    assert [(p.code, p.span.line) for p in collected] == [("T002", 1), ("T002", 3)]
    assert collected == walked


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_the_shipped_plan(use_libyaml: bool) -> None:
    doc = parse(DATA.read_bytes(), "tasks.yaml", use_libyaml=use_libyaml)
    assert doc.problems == [] and doc.text_suspects is not None
    collected, walked = clean_text_problems(doc)
    assert collected == walked
    # every collection got its own span when it ended
    assert all(node.span is not NOWHERE for node in nodes(doc.root))
    other = parse(DATA.read_bytes(), "tasks.yaml", use_libyaml=not use_libyaml)
    assert (other.root, other.problems) == (doc.root, doc.problems)


# --- limits, inline -----------------------------------------------------------------------------
@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_the_budget_stops_at_the_first_value_too_many(use_libyaml: bool) -> None:
    count = 60_000
    data = b"[" + b"a," * count + b"]"
    budget = yamlnodes.value_budget(len(data))
    assert budget < count
    doc = parse(data, "p.yaml", use_libyaml=use_libyaml)
    assert doc.root is None
    # the sequence is the first value, so the item at index budget - 1 is one too many
    column = 2 + 2 * (budget - 1)
    assert [(p.code, p.span) for p in doc.problems] == [("Y011", Span(1, column, 1, column + 1))]


@pytest.mark.parametrize("use_libyaml", LOADERS)
@pytest.mark.parametrize(("depth", "codes"), [(64, []), (65, ["Y007"])])
def test_depth_limit(use_libyaml: bool, depth: int, codes: list[str]) -> None:
    data = b"- " * depth + b"a\n"
    doc = parse(data, "p.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in doc.problems] == codes
    if codes:
        assert doc.problems[0].span.column == 2 * 64 + 1


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_problems_stop_at_the_maximum(use_libyaml: bool) -> None:
    doc = parse(b"a: 1\n" * 1000, "p.yaml", use_libyaml=use_libyaml)
    assert doc.root is None
    assert [p.code for p in doc.problems] == ["Y002"] * yamlnodes.MAX_PROBLEMS
    assert doc.problems[-1].span == Span(
        yamlnodes.MAX_PROBLEMS + 1, 1, yamlnodes.MAX_PROBLEMS + 1, 2
    )


# --- the collector ------------------------------------------------------------------------------
@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        doc = parse(b"- a\n" * 30_000, "p.yaml")
        assert isinstance(doc.root, Seq) and len(doc.root.items) == 30_000
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


# --- Span, a NamedTuple -----------------------------------------------------------------------
def test_span_behaves_as_the_dataclass_did() -> None:
    span = Span(3, 4, 5, 6)
    assert repr(span) == "Span(line=3, column=4, end_line=5, end_column=6)"
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 4, 5, 6)
    assert Span.point(2, 7) == Span(2, 7, 2, 7)
    assert hash(span) == hash((3, 4, 5, 6))  # what the frozen dataclass hashed
    assert sorted([Span(2, 1, 2, 2), Span(1, 9, 1, 9), Span(1, 2, 3, 4)]) == [
        Span(1, 2, 3, 4),
        Span(1, 9, 1, 9),
        Span(2, 1, 2, 2),
    ]
    copy = pickle.loads(pickle.dumps(span))
    assert copy == span and type(copy) is Span
    with pytest.raises(AttributeError):
        span.line = 1  # type: ignore[misc]
    # a span made by the parser's shortcut is a Span like any other
    doc = parse(b"key: value\n", "p.yaml")
    assert isinstance(doc.root, Map)
    made = doc.root.entries[0][1].span
    assert type(made) is Span and made == Span(1, 6, 1, 11)
