"""The JSON writer behind every `--format json` must write what json.dumps writes."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.render.common import to_json


class Colour(str, Enum):
    RED = "đỏ"


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.just(Colour.RED)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(values)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert to_json(value) == reference(value)


@pytest.mark.parametrize(
    "value",
    [{}, [], {"a": {}}, {"a": []}, [[[]]], 'dòng\nmới \u2028 "ngoặc"', {"x": float("nan")}],
)
def test_edge_values(value: Any) -> None:
    assert to_json(value) == reference(value)


def test_unsupported_type_raises_like_json() -> None:
    with pytest.raises(TypeError):
        to_json({"day": object()})
