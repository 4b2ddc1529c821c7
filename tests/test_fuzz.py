"""Property-based tests: random damage to the shipped plan never crashes a command, and every
reported position lies inside the file; any bytes at all go through the loader cleanly.

Hypothesis profiles: "ci" (the default, bounded, for every test run) and "long" (thousands of
examples: `python benchmarks/fuzz_long.py`). Choose with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from cchc import textedit
from cchc.yamlnodes import Map, Scalar, parse

from .conftest import DATA
from .hostile import harness

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=_QUIET, print_blob=True
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=_QUIET, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LOADERS = (True, False) if yaml.__with_libyaml__ else (False,)
PLAN = DATA.read_bytes()
PLAN_LINES = PLAN.decode("utf-8").splitlines(keepends=True)
# Every whole-command example runs all commands; fewer of them keep CI quick.
COMMAND_EXAMPLES = max(10, settings.default.max_examples // 2)

# Characters that mean something to YAML, and some that mean something to people.
YAMLISH = st.sampled_from(
    [*":-#&*!|>'\"%@`[]{},?\t \n\r~", "\ufeff", "\u2028", "\x85", "\x00", "đ", "ệ", "Ư"]
)
SCALARS = st.one_of(
    st.text(max_size=40),
    st.text(YAMLISH, max_size=12),
    st.sampled_from(
        [
            "", "~", "null", "NO", "yes", "1:30", "0123", "1.10", "2023-02-30", "30/02/2023",
            "9" * 5000, "Quý V/2023", "Quý IV/2023 - Quý II/2022", "Năm 0", "!!int abc",
            "&a x", "*a", "[a", "{a: b", '"open', "'it''s'", "| x", "> x", "- x", "? x",
            "%YAML 1.1", "---", "...", "hoàn thành", "\ud7ff",
        ]
    ),
)  # fmt: skip


@st.composite
def damaged_plan(draw: st.DrawFn) -> bytes:
    """The shipped plan after one to four random edits of its lines or bytes."""
    lines = list(PLAN_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "scalar", "indent", "unicode", "bytes", "tab"]
            )
        )
        note(f"{edit} at line {index + 1}")
        line = lines[index]
        if edit == "delete" and len(lines) > 1:
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, line)
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], line
        elif edit == "scalar":
            key, colon, _value = line.partition(": ")
            new = draw(SCALARS)
            lines[index] = (key + colon if colon else line.rstrip("\r\n") + " ") + new + "\n"
        elif edit == "indent":
            body = line.lstrip(" ")
            lines[index] = " " * draw(st.integers(0, 14)) + body
        elif edit == "tab":
            lines[index] = "\t" + line.lstrip(" ")
        elif edit == "unicode":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.text(min_size=1, max_size=8)) + line[at:]
        else:
            raw = line.encode("utf-8")
            at = draw(st.integers(0, len(raw)))
            junk = draw(st.binary(min_size=1, max_size=4))
            return (
                "".join(lines[:index]).encode()
                + raw[:at]
                + junk
                + raw[at:]
                + "".join(lines[index + 1 :]).encode("utf-8")
            )
    return "".join(lines).encode("utf-8")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "tasks.yaml"


@settings(max_examples=COMMAND_EXAMPLES)
@given(data=damaged_plan())
@example(data=PLAN)
@example(data=PLAN.replace(b"version: 1", b"version: 1\nversion: 1"))
@example(data=PLAN.replace(b"  - id: I\n", b"  - id: I\n\t", 1))
def test_damaged_plan_through_every_command(data: bytes, scratch: Path) -> None:
    scratch.write_bytes(data)
    assert harness.run_all(scratch) == {}


@settings(max_examples=COMMAND_EXAMPLES)
@given(data=damaged_plan())
def test_damaged_plan_through_both_loaders(data: bytes) -> None:
    for use_libyaml in LOADERS:
        assert harness.loader_complaints(data, use_libyaml) == [], use_libyaml


@given(data=st.binary(max_size=3000))
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xff\xfe")
@example(data=b"a: b\r")
@example(data=b"- |\n  x")
@example(data=b"[" * 70)
def test_any_bytes_through_both_loaders(data: bytes) -> None:
    for use_libyaml in LOADERS:
        assert harness.loader_complaints(data, use_libyaml) == [], use_libyaml


@given(text=st.text(YAMLISH | st.characters(), max_size=300))
def test_any_yamlish_text_through_both_loaders(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    for use_libyaml in LOADERS:
        assert harness.loader_complaints(data, use_libyaml) == [], use_libyaml


BASE = (Path(__file__).resolve().parent / "hostile" / "base.yaml").read_bytes()
BASE_DOCUMENT = parse(BASE, "tasks.yaml")


def title_of(document_root: object) -> Scalar:
    assert isinstance(document_root, Map)
    plan = document_root.get("plan")
    assert isinstance(plan, Map)
    title = plan.get("title")
    assert isinstance(title, Scalar)
    return title


# What no value may hold, written out from the list: control characters other than tab
# and line feed, the bidirectional overrides and isolates, the two non-characters.
REFUSED = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
REFUSED |= {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF]}


@given(value=st.text(max_size=60))
@example(value="")
@example(value="null")
@example(value='Kế hoạch: "mới"\n#2 \\ \u2028 \ufeff\t')
@example(value="\x1b[31m")
def test_quoted_values_read_back_exactly(value: str) -> None:
    """textedit.yaml_quote, spliced into a plan in place of its title, reads back as written
    with either parser, and the rest of the file is unchanged; a value holding a character no
    value may hold is refused at the title, whichever way it was written."""
    text = BASE_DOCUMENT.text
    span = title_of(BASE_DOCUMENT.root).span
    quoted = textedit.yaml_quote(value)
    edited = textedit.splice(text, [(span, quoted)])
    start = BASE_DOCUMENT.lines.offset(span.line, span.column)
    end = BASE_DOCUMENT.lines.offset(span.end_line, span.end_column)
    assert edited[:start] == text[:start] and edited[start + len(quoted) :] == text[end:]
    for use_libyaml in LOADERS:
        reread = parse(edited.encode("utf-8"), "tasks.yaml", use_libyaml=use_libyaml)
        # text that happens to read as a legacy encoding is flagged, and still read
        codes = [(p.code, p.span.line, p.span.column) for p in reread.problems if p.code != "Y005"]
        if REFUSED.isdisjoint(value):
            assert codes == [], use_libyaml
            assert title_of(reread.root).value == value
        else:
            assert codes == [("Y006", span.line, span.column)], use_libyaml
