"""Registry resolution, group membership, and the loader keeping every value as written."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.load import load, load_bytes
from cchc.model import Agency, Registry
from cchc.yamlnodes import Map, Scalar, parse

from .conftest import DATA

REGISTRY = Registry(
    (
        Agency("Sở, ban, ngành", ("Các sở, ban, ngành",), is_group=True),
        Agency("Ủy ban nhân dân cấp huyện", ("UBND cấp huyện",), is_group=True),
        Agency("Sở Tài chính", member_of=("Sở, ban, ngành",)),
        Agency("Sở Nội vụ", ("SNV",), member_of=("Sở, ban, ngành",)),
        Agency("Sở Khoa học và Công nghệ", ("Sở KH&CN",), member_of=("Sở, ban, ngành",)),
        Agency(
            "Sở Thông tin và Truyền thông",
            ("Sở TTTT",),
            member_of=("Sở, ban, ngành",),
            successor="Sở Khoa học và Công nghệ",
        ),
        Agency(
            "Ủy ban nhân dân thị xã Kỳ Anh",
            ("UBND TX Kỳ Anh",),
            member_of=("Ủy ban nhân dân cấp huyện",),
        ),
    )
)


@pytest.mark.parametrize(
    "spelling",
    [
        "Ủy ban nhân dân cấp huyện",
        "Uỷ ban nhân dân cấp huyện",  # old tone placement
        "ủy ban  nhân dân   cấp huyện ",  # case and spaces
        unicodedata.normalize("NFD", "Ủy ban nhân dân cấp huyện"),
        "UBND cấp huyện",
        "ubnd CẤP HUYỆN",
    ],
)
def test_resolve_is_blind_to_form_case_space_and_tone_placement(spelling: str) -> None:
    agency = REGISTRY.resolve(spelling)
    assert agency is not None and agency.name == "Ủy ban nhân dân cấp huyện"


@pytest.mark.parametrize("spelling", ["Uy ban nhan dan cap huyen", "Sở Nôi vụ", "Sở Tài chinh"])
def test_resolve_keeps_diacritics(spelling: str) -> None:
    assert REGISTRY.resolve(spelling) is None


def test_resolve_unifies_ampersand() -> None:
    agency = REGISTRY.resolve("Sở KH và CN")
    assert agency is not None and agency.name == "Sở Khoa học và Công nghệ"


@pytest.mark.parametrize("query", ["so tttt", "SỞ TTTT", "so thong tin va truyen thong"])
def test_find_is_diacritic_insensitive(query: str) -> None:
    assert [a.name for a in REGISTRY.find(query)] == ["Sở Thông tin và Truyền thông"]


def test_suggest_closest_names() -> None:
    assert REGISTRY.suggest("Sở Tai chin")[0] == "Sở Tài chính"
    assert REGISTRY.suggest("zzzz") == []


def test_groups_and_members() -> None:
    assert REGISTRY.groups_of("Sở Tài chính") == ("Sở, ban, ngành",)
    assert REGISTRY.groups_of("Ủy ban nhân dân thị xã Kỳ Anh") == ("Ủy ban nhân dân cấp huyện",)
    assert set(REGISTRY.members("Sở, ban, ngành")) == {
        "Sở Tài chính",
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông",
    }
    assert REGISTRY.predecessors("Sở Khoa học và Công nghệ") == ("Sở Thông tin và Truyền thông",)


def test_shipped_registry() -> None:
    loaded = load(DATA)
    assert loaded.plan is not None
    registry = loaded.plan.registry
    for spelling, name in [
        ("Sở TTTT", "Sở Thông tin và Truyền thông"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("UBND các huyện, thành phố, thị xã", "Ủy ban nhân dân cấp huyện"),
        ("các cơ quan liên quan", "Các cơ quan liên quan"),
    ]:
        agency = registry.resolve(spelling)
        assert agency is not None and agency.name == name, spelling
    assert "Sở, ban, ngành" in registry.groups_of("Sở Tài chính")
    sttt = registry.get("Sở Thông tin và Truyền thông")
    assert sttt is not None and sttt.successor == "Sở Khoa học và Công nghệ"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("NO", "NO"),
        ("on", "on"),
        ("1.10", "1.10"),
        ("0123", "0123"),
        ("1:30", "1:30"),
        ("2023-12-31", "2023-12-31"),
        ("'quoted'", "quoted"),
        ("~", None),
        ("", None),
        ("''", ""),
    ],
)
@pytest.mark.parametrize("use_libyaml", [True, False])
def test_no_implicit_typing(raw: str, value: str | None, use_libyaml: bool) -> None:
    doc = parse(f"key: {raw}\n".encode(), "x.yaml", use_libyaml=use_libyaml)
    assert doc.problems == []
    assert isinstance(doc.root, Map)
    node = doc.root.get("key")
    assert isinstance(node, Scalar) and node.value == value


def test_version_must_be_written_1_not_1_0() -> None:
    text = DATA.read_bytes().replace(b"\nversion: 1\n", b"\nversion: 1.0\n")
    loaded = load_bytes(text, "t.yaml")
    assert [p.code for p in loaded.problems] == ["S005"]


def test_positions_are_one_based_and_exact() -> None:
    doc = parse("a:\n  b: ngày Đề án\n".encode(), "x.yaml")
    assert isinstance(doc.root, Map)
    inner = doc.root.get("a")
    assert isinstance(inner, Map)
    value = inner.get("b")
    assert isinstance(value, Scalar)
    assert (value.span.line, value.span.column, value.span.end_line, value.span.end_column) == (
        2,
        6,
        2,
        16,
    )
