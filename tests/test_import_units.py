"""The pure parts of `cchc import`: headings, agency cells (hypothesis), YAML scalars
(hypothesis), deadline cells, and the text reader's two layouts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.appendix import headers
from cchc.appendix.agencies import official, registry, split_agencies
from cchc.appendix.convert import convert, deadline_of, legacy_note
from cchc.appendix.emit import scalar
from cchc.appendix.model import Cell, Milestone, Row
from cchc.appendix.reader import read_text
from cchc.yamlnodes import Map, parse

from .appendix_fixtures import SEED

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed {SEED} is absent")


# --- headings --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("STT", headers.NUMBER),
        ("TT", headers.NUMBER),
        ("Số TT", headers.NUMBER),
        ("Tên Đề án, nhiệm vụ trọng tâm", headers.TITLE),
        ("TÊN NHIỆM VỤ", headers.TITLE),
        ("Nội dung", headers.TITLE),
        ("Nội dung công việc", headers.TITLE),
        ("Cơ quan chủ trì", headers.LEAD),
        ("Cơ quan, đơn vị chủ trì", headers.LEAD),
        ("Đơn vị thực hiện", headers.LEAD),
        ("Don vi chu tri", headers.LEAD),
        ("Cơ quan phối hợp", headers.PARTNERS),
        ("Đơn vị phối hợp thực hiện", headers.PARTNERS),
        ("Thời gian hoàn thành (quý/năm)", headers.DEADLINE),
        ("Thời hạn hoàn thành", headers.DEADLINE),
        ("Thời gian thực hiện", headers.DEADLINE),
        ("Tiến độ", headers.DEADLINE),
        ("Ghi chú", headers.NOTE),
        ("GHI CHÚ", headers.NOTE),
        ("Sản phẩm", headers.OTHER),
        ("Sản phẩm đầu ra", headers.OTHER),
        ("Kết quả dự kiến", headers.OTHER),
        ("", None),
    ],
)
def test_heading_roles(heading: str, role: str | None) -> None:
    assert headers.role_of(heading) == role
    assert headers.role_of(unicodedata.normalize("NFD", heading)) == role


def row(*texts: str) -> Row:
    return Row("table 1 row 1", tuple(Cell((t,)) for t in texts))


def test_header_found_in_any_order_below_a_title_row() -> None:
    rows = [
        row("PHỤ LỤC", "", ""),
        row("Thời hạn", "Nhiệm vụ", "Sản phẩm", "Chủ trì", "TT"),
    ]
    found = headers.detect(rows)
    assert found is not None and found.row == 1
    assert found.roles == {"deadline": 0, "title": 1, "lead": 3, "number": 4}
    assert found.others == (2,)
    assert headers.detect([row("Một", "Hai", "Ba")]) is None


# --- agency cells ----------------------------------------------------------------------------
KNOWN = [
    "Sở Nội vụ",
    "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động - Thương binh và Xã hội",
    "Công an tỉnh",
    "Cục Thuế tỉnh",
    "UBND cấp huyện",
    "UBND cấp xã",
    "Sở, ban, ngành",
    "Các sở, ban, ngành",
    "UBND các huyện, thành phố, thị xã",
    "Văn phòng UBND tỉnh",
    "VP UBND tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Liên hiệp các Hợp tác xã",
    "Các cơ quan liên quan",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Đài Phát thanh - Truyền hình tỉnh",
    "Trường Chính trị Trần Phú",
    "Kho bạc Nhà nước tỉnh",
    "Sở TTTT",
    "Sở GD&ĐT",
    "UBND TP Hà Tĩnh",
]
WORD = st.sampled_from(
    ["Kế", "hoạch", "Đầu", "tư", "Tài", "nguyên", "Môi", "trường", "Xây", "dựng", "Hà", "Tĩnh"]
)
MADE_UP = st.builds(lambda ws: "Sở " + " ".join(ws), st.lists(WORD, min_size=1, max_size=4))
NAME = st.one_of(st.sampled_from(KNOWN), MADE_UP)
SEPARATORS = st.sampled_from(["; ", ";", " ; ", ";\n", "\n", "\n- ", ";\n+ "])


def lines_of(text: str) -> list[str]:
    return text.split("\n")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(NAME, min_size=1, max_size=6, unique=True),
    SEPARATORS,
    st.sampled_from(["", "- ", "• "]),
    st.sampled_from(["", ";", "."]),
)
def test_semicolons_and_paragraphs_give_back_the_names(
    names: list[str], sep: str, bullet: str, end: str
) -> None:
    cell = bullet + sep.join(names) + end
    split = split_agencies(lines_of(cell))
    assert [p.name for p in split.parties] == names
    assert all(p.scope is None for p in split.parties)


COMMA_FREE = [n for n in KNOWN if "," not in n and not n.startswith("UBND cấp")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(COMMA_FREE), MADE_UP), min_size=1, max_size=5, unique=True)
)
def test_commas_between_names_that_begin_with_a_body(names: list[str]) -> None:
    assert [p.name for p in split_agencies([", ".join(names)]).parties] == names


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, max_size=4))
def test_any_cell_splits_into_words_it_holds(lines: list[str]) -> None:
    words = set(re.findall(r"\w+", unicodedata.normalize("NFC", " ".join(lines))))
    split = split_agencies(lines)
    for party in split.parties:
        assert party.name and party.name == party.name.strip() and ";" not in party.name
        assert set(re.findall(r"\w+", party.name)) <= words
        if party.scope is not None:
            assert set(re.findall(r"\w+", party.scope)) <= words
    official_names = [official(p.name)[0] for p in split.parties]
    assert all(official_names)
    registry([p.name for p in split.parties])  # never raises


def test_lead_with_scopes_and_a_shared_qualifier() -> None:
    split = split_agencies(
        [
            "- Sở Khoa học và Công nghệ chủ trì triển khai các Bệnh viện; ",
            "- UBND các huyện, thành phố, thị xã chủ trì triển khai đối với các trường THCS, "
            "Tiểu học",
        ]
    )
    assert [(p.name, p.scope) for p in split.parties] == [
        ("Sở Khoa học và Công nghệ", "các Bệnh viện"),
        ("UBND các huyện, thành phố, thị xã", "các trường THCS, Tiểu học"),
    ]
    shared = split_agencies(["UBND cấp xã, UBND cấp huyện đạt chuẩn nông thôn mới"])
    assert [(p.name, p.scope) for p in shared.parties] == [
        ("UBND cấp xã", "đạt chuẩn nông thôn mới"),
        ("UBND cấp huyện", "đạt chuẩn nông thôn mới"),
    ]
    assert shared.shared_scope == ["UBND cấp xã"]


@pytest.mark.parametrize(
    ("written", "name", "group"),
    [
        ("UBND cấp huyện", "Ủy ban nhân dân cấp huyện", True),
        ("UBND các xã, phường, thị trấn", "Ủy ban nhân dân cấp xã", True),
        ("Các sở, ban, ngành", "Sở, ban, ngành", True),
        ("Sở, ban, ngành, địa phương", "Sở, ban, ngành, địa phương", True),
        ("các Bệnh viện", "Các Bệnh viện", True),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh", False),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông", False),
        ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội", False),
        ("SNV", "Sở Nội vụ", False),
        ("VPUBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", False),
        ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh", False),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", False),
    ],
)
def test_official_names(written: str, name: str, group: bool) -> None:
    assert official(written) == (name, group)


def test_registry_groups_aliases_and_membership() -> None:
    entries = registry(
        ["UBND cấp huyện", "Ủy ban nhân dân cấp huyện", "Sở TTTT", "Sở Thông tin và truyền thông",
         "Các sở, ban, ngành", "Sở, ban, ngành", "UBND TX Kỳ Anh", "VP UBND tỉnh",
         "Văn phòng Ủy ban nhân dân tỉnh", "các cơ quan liên quan", "Các cơ quan có liên quan"]
    )  # fmt: skip
    by_name = {e.name: e for e in entries}
    assert list(by_name) == [
        "Ủy ban nhân dân cấp huyện",
        "Sở, ban, ngành",
        "Các cơ quan liên quan",
        "Sở Thông tin và Truyền thông",
        "Ủy ban nhân dân thị xã Kỳ Anh",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ]
    assert by_name["Ủy ban nhân dân cấp huyện"].aliases == ["UBND cấp huyện"]
    assert by_name["Sở Thông tin và Truyền thông"].aliases == ["Sở TTTT"]
    assert by_name["Các cơ quan liên quan"].aliases == ["Các cơ quan có liên quan"]
    assert by_name["Ủy ban nhân dân thị xã Kỳ Anh"].member_of == ["Ủy ban nhân dân cấp huyện"]
    assert by_name["Văn phòng Ủy ban nhân dân tỉnh"].member_of == ["Sở, ban, ngành"]
    assert [e.group for e in entries] == [True, True, True, False, False, False]


# --- YAML scalars ----------------------------------------------------------------------------
@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_scalars_read_back_exactly_by_both_parsers(value: str) -> None:
    line = f"key: {scalar(value)}\n"
    assert yaml.safe_load(line) == {"key": value}
    if not value.replace("\n", "").isprintable():
        return  # cchc's parser refuses control characters: the import removes them (a warning)
    document = parse(line.encode("utf-8"), "x.yaml")
    assert isinstance(document.root, Map)
    assert document.root.entries[0][1].value == value


@pytest.mark.parametrize(
    ("value", "plain"),
    [("Sở Nội vụ", True), ("Quý IV/2025", True), ("Sở, ban, ngành", False), ("- a", False),
     ("true", False), ("2025", False), ("Đề án: thí điểm", False), ("a #b", False)],
)  # fmt: skip
def test_plain_only_when_safe(value: str, plain: bool) -> None:
    assert (scalar(value) == value) is plain


# --- deadline cells --------------------------------------------------------------------------
def test_deadline_cells() -> None:
    assert deadline_of(["Quý IV/2023"]) == ("Quý IV/2023", False)
    assert deadline_of(["Thực hiện theo lộ trình Đề án của Trung ương"])[0] == (
        "Thực hiện theo lộ trình Đề án của Trung ương"
    )
    assert deadline_of(["- Quý IV/2022: Hoàn thành 100%;", "- Quý IV/2025: Hoàn thành 50%"]) == (
        [Milestone("Quý IV/2022", "Hoàn thành 100%"), Milestone("Quý IV/2025", "Hoàn thành 50%")],
        False,
    )
    assert deadline_of(["Quý IV/2025: Hoàn thành 50% tổng đơn vị"]) == (
        [Milestone("Quý IV/2025", "Hoàn thành 50% tổng đơn vị")],
        False,
    )
    assert deadline_of(["Quý II/2024: rà soát; Quý IV/2024: công bố"])[0] == [
        Milestone("Quý II/2024", "rà soát"),
        Milestone("Quý IV/2024", "công bố"),
    ]
    assert deadline_of(["Quý II/2024", "Quý IV/2024"])[0] == [
        Milestone("Quý II/2024"),
        Milestone("Quý IV/2024"),
    ]
    assert deadline_of(["Hằng năm", "báo cáo trước 15/12"]) == (
        "Hằng năm báo cáo trước 15/12",
        True,
    )
    assert deadline_of([]) == (None, False)


# --- the text reader -------------------------------------------------------------------------
def test_text_rows_on_one_line_each() -> None:
    text = (
        "PHỤ LỤC 1\nKẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n\n"
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
        "I\tCải cách thể chế\n"
        "1\tRà soát văn bản\tSở Tư pháp\tCác sở, ban, ngành\tQuý II/2024\n"
        "2\tTheo dõi thi hành pháp luật\tSở Tư pháp\t\tQuý IV/2024\n"
    )
    plan = convert(read_text(text, "a.txt"))
    assert plan is not None
    tasks = plan.sections[0].tasks
    assert [(t.id, t.lead[0].name, t.deadline) for t in tasks] == [
        ("I.1", "Sở Tư pháp", "Quý II/2024"),
        ("I.2", "Sở Tư pháp", "Quý IV/2024"),
    ]
    assert plan.source == "Phụ lục 1" and plan.period == ("Quý I/2024", "Quý IV/2024")
    assert tasks[1].partners == []


def test_control_characters_are_removed_with_a_warning() -> None:
    text = (
        "STT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn\n"
        "1\tRà soát\x08 văn bản\tSở Tư pháp\tQuý II/2024\n"
    )
    plan = convert(read_text(text, "a.txt"))
    assert plan is not None
    assert plan.sections[0].tasks[0].title == "Rà soát văn bản"
    assert [(n.where, n.key) for n in plan.notes if n.key == "control"] == [("line 2", "control")]


# --- whole pipeline on any text --------------------------------------------------------------
CELLS = st.one_of(
    st.sampled_from(
        ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Ghi chú",
         "I", "II", "1", "2", "99", "Sở Nội vụ", "Sở, ban, ngành; UBND cấp huyện, cấp xã",
         "Quý IV/2025", "Hằng năm", "Quý IV/2022: 100%", "", "[bookmark: _GoBack]x", "- a;"]
    ),
    TEXT,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(CELLS, min_size=1, max_size=7), max_size=12),
    st.sampled_from(["seed", "row per line", "cell per line"]),
)
def test_any_text_imports_to_a_file_cchc_reads(rows: list[list[str]], layout: str) -> None:
    """Whatever the text, the import never raises, and what it writes parses as YAML: its
    problems, if any, are the plan's (a missing lead, an unread deadline), never the file's."""
    header = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
    lines = []
    for cells in [header, *rows]:
        cells = [" ".join(c.replace("\t", " ").split()) for c in cells]
        if layout == "row per line":
            lines.append("\t".join(cells))
        elif layout == "seed":
            lines += [*(f"\t{c}" for c in cells), ""]
        else:
            lines += cells
    plan = convert(read_text("\n".join(lines), "a.txt"))
    if plan is None:  # one cell per line: the header may run on into the rows' headings
        assert layout == "cell per line"
        return
    from cchc.appendix.emit import render
    from cchc.load import check

    text = render(plan, "a.txt")
    document = parse(text.encode("utf-8"), "out.yaml")
    # Y005: text that reads as typed in TCVN3/VNI, which the import warns about too
    assert [p.code for p in document.problems if p.code != "Y005"] == []
    _plan, problems = check(document)
    assert all(p.code[0] in "SDIATY" for p in problems), [p.code for p in problems]


def test_files_that_are_not_text_are_named(tmp_path: Path) -> None:
    from cchc.appendix.reader import CannotImport, decode

    for magic, said in ((b"PK\x03\x04", "--format docx"), (b"%PDF-1.4", "PDF")):
        with pytest.raises(CannotImport) as err:
            decode(magic + b"\x00" * 10)
        assert said in err.value.message("en")


@needs_seed
def test_text_typed_in_tcvn3_is_warned_about() -> None:
    from .test_text import encode_tcvn3

    legacy = encode_tcvn3(SEED.read_text(encoding="utf-8")).decode("cp1252", "replace")
    source = read_text(legacy, "seed-tcvn3.txt")
    assert convert(source) is None  # its headings are garbled too
    note = legacy_note(source)
    assert note is not None and (note.where, note.key) == ("seed-tcvn3.txt", "legacy")
    assert dict(note.args) == {"encoding": "TCVN3"}


def test_text_one_cell_per_line() -> None:
    """No tab at all (Word's "convert table to text" with paragraph marks)."""
    text = (
        "PHỤ LỤC 1\nKẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n"
        "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n"
        "I\nCải cách thể chế\n"
        "1\nRà soát văn bản\nSở Tư pháp\nCác sở, ban, ngành\nQuý II/2024\n"
        "2\nTheo dõi thi hành pháp luật\nSở Tư pháp\nQuý IV/2024\n"
    )
    plan = convert(read_text(text, "a.txt"))
    assert plan is not None
    (section,) = plan.sections
    assert section.title == "Cải cách thể chế"
    first, second = section.tasks
    assert (first.title, first.lead[0].name, first.deadline) == (
        "Rà soát văn bản",
        "Sở Tư pháp",
        "Quý II/2024",
    )
    # a row with a cell fewer cannot say which one is empty: read in order, and said
    assert second.partners[0].name == "Quý IV/2024" and second.deadline is None
    keys = [(n.where, n.key) for n in plan.notes]
    assert ("line 15", "cells_count") in keys and ("line 15", "deadline_empty") in keys
