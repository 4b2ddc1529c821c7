"""`--format json` is written by orjson when it is installed and by the stdlib otherwise: the
bytes must be the same either way (the goldens were made with json.dumps)."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.render.common import to_json

from .conftest import invoke

pytest.importorskip("orjson", reason="orjson is not installed: nothing to compare")

# What cchc's records hold: text (any character a plan can carry, none a lone surrogate, which
# a UTF-8 file cannot hold), whole numbers, booleans, null, lists and string-keyed objects.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)))
_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


def stdlib(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@given(_VALUES)
def test_orjson_writes_what_json_dumps_writes(value: Any) -> None:
    assert to_json(value) == stdlib(value)


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--quarter", "IV/2023", "--format", "json", "--all"],
        ["list", "--format", "json"],
        ["report", "--quarter", "IV/2023", "--format", "json"],
        ["agencies", "--quarter", "IV/2023", "--format", "json"],
    ],
)
def test_commands_write_the_same_bytes_without_orjson(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = invoke(args)
    monkeypatch.setitem(sys.modules, "orjson", None)  # `import orjson` now raises ImportError
    slow = invoke(args)
    assert fast.exit_code == slow.exit_code == 0, fast.output + slow.output
    assert fast.output == slow.output
    assert json.loads(fast.output)  # and it is JSON with something in it
