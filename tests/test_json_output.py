"""`--format json` is written by orjson for large outputs and by the stdlib otherwise (or when
orjson is missing): the bytes must be the same either way (the goldens were made with
json.dumps)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.render import common
from cchc.render.common import FAST_FROM, fast_json, json_bytes, stdlib_json

from .conftest import TESTS, invoke

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


@given(_VALUES)
def test_orjson_writes_what_json_dumps_writes(value: Any) -> None:
    assert fast_json(value) == stdlib_json(value)
    assert stdlib_json(value) == (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()


def test_large_outputs_go_through_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def spy(value: Any) -> bytes:
        calls.append(len(value))
        return fast_json(value)

    monkeypatch.setattr(common, "fast_json", spy)
    small, large = list(range(FAST_FROM - 1)), {"due": list(range(FAST_FROM)), "plan": "x"}
    assert json_bytes(small) == stdlib_json(small)
    assert calls == []
    assert json_bytes(large) == stdlib_json(large)
    assert calls == [2]


@pytest.fixture(scope="module")
def plan_of_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = TESTS.parent / "benchmarks" / "gen_plan.py"
    spec = importlib.util.spec_from_file_location("gen_plan", where)
    assert spec is not None and spec.loader is not None
    gen_plan = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_plan)
    path = tmp_path_factory.mktemp("json") / "tasks.yaml"
    path.write_text(gen_plan.generate(1000), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--quarter", "IV/2024", "--format", "json", "--all"],
        ["list", "--format", "json"],
        ["report", "--quarter", "IV/2024", "--format", "json"],
        ["agencies", "--quarter", "IV/2024", "--format", "json"],
    ],
)
def test_commands_write_the_same_bytes_without_orjson(
    args: list[str], plan_of_1k: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [*args, "--file", str(plan_of_1k)]
    fast = invoke(args)
    monkeypatch.setitem(sys.modules, "orjson", None)  # `import orjson` now raises ImportError
    slow = invoke(args)
    assert fast.exit_code == slow.exit_code == 0, fast.output + slow.output
    assert fast.output == slow.output
    assert json.loads(fast.output)  # and it is JSON with something in it
