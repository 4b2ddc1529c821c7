"""`cchc schema`: the JSON Schema editors use must judge a plan's structure as `cchc validate` does.

Both are run on the shipped plan, on every file of the broken-file catalogue and on random
mutations of a plan that uses every key. The plan is handed to the `jsonschema` library as cchc
reads it (cchc.yamlnodes: every scalar a string, no implicit typing), and also as an editor
reads it (YAML 1.2 core typing), since the YAML language server types `1` as a number.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.build import SUPPORTED_VERSIONS
from cchc.jsonschema import build_schema, to_plain
from cchc.load import load_bytes
from cchc.problems import Span
from cchc.schema import OBJECTS, keys_of
from cchc.yamlnodes import Map, Node, Scalar, Seq, parse

from .conftest import DATA, ROOT, TESTS, invoke

SCHEMA_FILE = ROOT / "schema" / "tasks.schema.json"
BROKEN = sorted((TESTS / "broken").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: ([A-Z][0-9]{3}) ([0-9]+):([0-9]+)$", re.MULTILINE)
TODAY = date(2026, 1, 15)

# What the schema is built to catch: the structure of the file.
STRUCTURAL = {"S001", "S002", "S003", "S004", "S005", "Y009"}
# Problems after which there is no tree to give the schema: it sees null, which is not a plan.
NO_TREE = {"Y001", "Y005", "Y006", "Y007", "Y008", "Y009", "Y011"}
# An alias is refused and its value dropped: the schema then sees null where the value was, and
# whether that is allowed depends on the key. The editor's YAML parser resolves aliases itself.
VALUE_DROPPED = {"Y004"}

VALIDATOR = jsonschema.Draft202012Validator(build_schema())
DRAFT7 = jsonschema.Draft7Validator(build_schema())


def expected_codes(path: Path) -> list[tuple[str, int, int]]:
    return [(c.decode(), int(line), int(col)) for c, line, col in EXPECT.findall(path.read_bytes())]


# --- the file in the repository ----------------------------------------------------------------
def test_committed_schema_is_what_cchc_schema_prints() -> None:
    result = invoke(["schema"])
    assert result.exit_code == 0
    assert result.stdout_bytes == SCHEMA_FILE.read_bytes(), (
        "schema/tasks.schema.json is stale: run `cchc schema --output schema/tasks.schema.json`"
    )


def test_shipped_plan_points_editors_at_the_schema() -> None:
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"
    target = (DATA.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == SCHEMA_FILE.resolve()


def test_schema_is_valid_under_its_draft_and_draft_07() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # the YAML language server implements draft-07: the same keywords must mean the same there
    jsonschema.Draft7Validator.check_schema(schema)


def _ref_siblings(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "$ref" in node and len(node) > 1:
            found.append(node)
        for value in node.values():
            found += _ref_siblings(value)
    elif isinstance(node, list):
        for value in node:
            found += _ref_siblings(value)
    return found


def test_no_ref_has_siblings_draft_07_would_ignore() -> None:
    assert _ref_siblings(build_schema()) == []


def test_every_key_has_its_vietnamese_description() -> None:
    schema = build_schema()
    for obj, keys in OBJECTS.items():
        node = schema if obj == "root" else schema["$defs"][obj]
        assert list(node["properties"]) == [k.name for k in keys], obj
        assert node["required"] == [k.name for k in keys if k.required], obj
        assert node["additionalProperties"] is False
        for key in keys:
            described = node["properties"][key.name]["description"]
            assert described.startswith(key.vi), (obj, key.name)
            assert re.search("[ạ-ỹàáâãèéêìíòóôõùúýăđĩũơư]", described), (obj, key.name)


def test_english_schema_has_english_descriptions() -> None:
    result = invoke(["schema", "--lang", "en"], lang="en")
    schema = json.loads(result.stdout)
    assert schema["properties"]["version"]["description"] == "Format version: 1."
    assert schema["$defs"]["task"]["properties"]["lead"]["description"].startswith(
        "Lead agencies: a name, or agency and scope."
    )
    assert schema["title"] == "CCHC plan file"


def test_version_values_are_the_builders() -> None:
    assert keys_of("root")["version"].values == SUPPORTED_VERSIONS


def test_schema_output_file(tmp_path: Path) -> None:
    target = tmp_path / "tasks.schema.json"
    result = invoke(["schema", "--output", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{target}: đã ghi lược đồ JSON.\n"
    assert target.read_bytes() == SCHEMA_FILE.read_bytes()


# --- cchc and the schema agree -------------------------------------------------------------
def cchc_codes(data: bytes, name: str = "plan.yaml") -> list[tuple[str, Span]]:
    loaded = load_bytes(data, name, TODAY)
    return [(p.code, p.span) for p in loaded.problems]


def node_at(root: Node | None, path: list[str | int]) -> Node | None:
    node = root
    for step in path:
        if isinstance(node, Map) and isinstance(step, str):
            node = next((v for k, v in node.entries if (k.value or "") == step), None)
        elif isinstance(node, Seq) and isinstance(step, int):
            node = node.items[step]
        else:
            return None
    return node


def deepest_errors(instance: Any) -> list[jsonschema.ValidationError]:
    """For each failure, the most specific complaints: inside anyOf, the branch that got
    furthest into the value."""
    found = []
    for error in VALIDATOR.iter_errors(instance):
        leaves: list[jsonschema.ValidationError] = []
        stack = [error]
        while stack:
            e = stack.pop()
            if e.context:
                stack.extend(e.context)
            else:
                leaves.append(e)
        depth = max(len(e.absolute_path) for e in leaves)
        found += [e for e in leaves if len(e.absolute_path) == depth]
    return found


def inside(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def test_shipped_plan_passes_both() -> None:
    data = DATA.read_bytes()
    assert cchc_codes(data) == []
    assert list(VALIDATOR.iter_errors(to_plain(parse(data, "tasks.yaml").root))) == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_catalogue_file_judged_alike(path: Path) -> None:
    data = path.read_bytes()
    codes = {code for code, _, _ in expected_codes(path)}
    instance = to_plain(parse(data, path.name).root)
    rejected = not VALIDATOR.is_valid(instance)
    assert rejected == (not DRAFT7.is_valid(instance))
    if codes & NO_TREE:
        assert rejected  # an empty or unreadable file is not a plan to either
        return
    if not codes & VALUE_DROPPED:
        assert rejected == bool(codes & STRUCTURAL), (codes, deepest_errors(instance))
    # both point at the same place: each structural problem lies in a value the schema faults
    root = parse(data, path.name).root
    spans = [node_at(root, list(e.absolute_path)) for e in deepest_errors(instance)]
    for code, line, column in expected_codes(path):
        if code in STRUCTURAL:
            assert any(s is not None and inside(s.span, line, column) for s in spans), code


def test_every_structural_code_is_in_the_catalogue() -> None:
    covered = {code for path in BROKEN for code, _, _ in expected_codes(path)}
    assert covered >= STRUCTURAL


# --- random damage to a plan that uses every key ------------------------------------------
FULL: dict[str, Any] = {
    "version": "1",
    "plan": {
        "title": "Kế hoạch thử",
        "source": "Phụ lục thử",
        "province": "Hà Tĩnh",
        "period": {"from": "Quý I/2022", "to": "Quý IV/2025"},
        "issued": "28/12/2021",
    },
    "agencies": [
        {"name": "Sở, ban, ngành", "group": "true", "note": "Nhóm các sở"},
        {"name": "Sở Nội vụ", "aliases": ["SNV"], "member_of": ["Sở, ban, ngành"]},
        {
            "name": "Sở Thông tin và Truyền thông",
            "member_of": "Sở, ban, ngành",
            "successor": {"agency": "Sở Khoa học và Công nghệ", "since": "01/03/2025"},
        },
        {"name": "Sở Khoa học và Công nghệ", "group": "false"},
    ],
    "sections": [
        {
            "id": "I",
            "title": "Công tác chỉ đạo điều hành",
            "tasks": [
                {
                    "id": "I.1",
                    "title": "Đề án một",
                    "lead": ["Sở Nội vụ"],
                    "partners": "Sở, ban, ngành",
                    "deadline": "Quý IV/2023",
                    "note": "Ghi chú",
                    "progress": [
                        {
                            "status": "hoàn thành",
                            "date": "20/12/2023",
                            "evidence": "Báo cáo số 1",
                            "percent": "100",
                            "note": "Xong",
                        }
                    ],
                },
                {
                    "id": "I.2",
                    "title": "Đề án hai",
                    "lead": [{"agency": "Sở Nội vụ", "scope": "cấp tỉnh"}],
                    "deadline": [
                        {"due": "Quý II/2024", "target": "50%"},
                        {"due": "Quý IV/2025", "target": "100%"},
                    ],
                    "progress": [
                        {"due": "Quý II/2024", "status": "đang thực hiện", "date": "01/05/2024"}
                    ],
                },
            ],
        }
    ],
}


def dump(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


def test_full_plan_uses_every_key_and_is_clean() -> None:
    used: set[tuple[str, str]] = set()

    def walk(value: Any, obj: str) -> None:
        if not isinstance(value, dict):
            return
        for name, child in value.items():
            used.add((obj, name))
            key = keys_of(obj)[name]
            target = key.items if key.type != "mapping" else (key.items or key.name)
            for item in child if isinstance(child, list) else [child]:
                if target in OBJECTS:
                    walk(item, target)

    walk(FULL, "root")
    assert used == {(obj, k.name) for obj, keys in OBJECTS.items() for k in keys}
    assert cchc_codes(dump(FULL)) == []
    assert VALIDATOR.is_valid(FULL)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths(v, (*prefix, i))
    return found


PATHS = paths(FULL)
VALUES: list[Any] = [
    None,
    "",
    "   ",
    "chữ",
    "1",
    "2",
    "true",
    "yes",
    "150",
    [],
    ["Sở Nội vụ"],
    [None],
    [[]],
    [{}],
    {},
    {"agency": "Sở Nội vụ"},
    {"due": "Quý IV/2023"},
]
NEW_KEYS = ["titel", "Title", "deadlines", "", "scope", "target", "group", "tasks", "due"]


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    plan = copy.deepcopy(FULL)
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(PATHS))
        parent = plan
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            parent[last]  # the path may be gone after an earlier change
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(parent, (dict, list)):  # an earlier change put text there
            continue
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif action == "delete":
            del parent[last]
        elif isinstance(parent[last], dict):
            name = draw(st.sampled_from(NEW_KEYS))
            if name not in parent[last]:
                parent[last][name] = copy.deepcopy(draw(st.sampled_from(VALUES)))
    return plan


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_plans_judged_alike(plan: Any) -> None:
    data = dump(plan)
    codes = {code for code, _ in cchc_codes(data)}
    assert not {c for c in codes if c.startswith("Y")}, data.decode()
    instance = to_plain(parse(data, "plan.yaml").root)
    assert instance == plan  # cchc's reading of the dump is the plan itself
    assert (not VALIDATOR.is_valid(instance)) == bool(codes & STRUCTURAL), (
        data.decode(),
        codes,
        [e.message for e in deepest_errors(instance)],
    )


# --- as an editor reads the file ---------------------------------------------------------------
_CORE_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_CORE_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_CORE_FLOAT = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
)


def typed(node: Node | None) -> Any:
    """The YAML 1.2 core schema's reading of plain scalars, as the YAML language server does."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        value = node.value
        if value is None or node.quoted:
            return value
        if _CORE_BOOL.match(value):
            return value.lower() == "true"
        if _CORE_INT.match(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _CORE_FLOAT.match(value):
            return float(value.replace("inf", "Infinity").replace("Inf", "Infinity"))
        return value
    if isinstance(node, Map):
        return {(k.value or ""): typed(v) for k, v in node.entries}
    return [typed(item) for item in node.items]


def test_shipped_plan_passes_as_an_editor_reads_it() -> None:
    instance = typed(parse(DATA.read_bytes(), "tasks.yaml").root)
    assert instance["version"] == 1  # a number to the editor
    assert list(VALIDATOR.iter_errors(instance)) == []


@pytest.mark.parametrize(
    ("change", "ok"),
    [
        (("version", "1"), True),
        (("version", "2"), False),
        (("version", '"1"'), True),
        (("group", "TRUE"), True),
        (("group", "yes"), False),  # a string in YAML 1.2, and not a yes/no to cchc either
        (("percent", "85"), True),
        (("percent", "150"), False),  # cchc says P008; the editor can say it for numbers
        (("percent", "85,5"), True),  # text to both; cchc reads the decimal comma
        (("title", "2024"), True),  # a number to the editor, text to cchc
        (("title", ""), False),
    ],
)
def test_typed_values_as_an_editor_reads_them(change: tuple[str, str], ok: bool) -> None:
    key, value = change
    text = dump(FULL).decode()
    pattern = {
        "version": r"^version: '1'$",
        "group": r"^(\s+)group: 'true'$",
        "percent": r"^(\s+)percent: '100'$",
        "title": r"^(\s+)title: Kế hoạch thử$",
    }[key]
    replaced, count = re.subn(
        pattern,
        lambda m: f"{m.group(1) if m.groups() else ''}{key}: {value}",
        text,
        count=1,
        flags=re.M,
    )
    assert count == 1
    instance = typed(parse(replaced.encode(), "plan.yaml").root)
    assert VALIDATOR.is_valid(instance) == ok
