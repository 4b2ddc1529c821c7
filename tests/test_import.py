"""`cchc import`: appendix tables (Word files built here with python-docx, and the seed's text)
into plan files, compared with the shipped plan through cchc's own loader and schedule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cchc.deadline import DeadlineError, parse_deadline

from . import appendix_fixtures as fx
from .conftest import DATA, ROOT, SHARED, TESTS, invoke

needs_shared = pytest.mark.skipif(
    not fx.SEED.is_file(), reason=f"the seed appendix {fx.SEED} is absent (../shared not here)"
)
pytest.importorskip("docx", reason="python-docx (the docx extra) is not installed")

QUARTERS = [f"{q}/{y}" for y in range(2022, 2026) for q in ("I", "II", "III", "IV")] + ["I/2026"]
# Title cells whose typo the shipped plan corrects (each with a `# source:` comment there);
# the import keeps the table's wording, as written.
CORRECTED_TITLES = {"VII.4": "hệ hống", "VII.7": "liên thông với công dịch vụ công quốc gia"}


def run_import(*args: str, lang: str = "vi") -> Any:
    return invoke(["import", *args, *(["--lang", lang] if lang != "vi" else [])], lang)


def listing(path: Path) -> list[dict[str, Any]]:
    result = invoke(["list", "--file", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    tasks: list[dict[str, Any]] = json.loads(result.stdout)
    return tasks


def due_ids(path: Path, quarter: str, extra: list[str] | None = None) -> dict[str, list[Any]]:
    args = ["due", "--file", str(path), "--quarter", quarter, "--format", "json", *(extra or [])]
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    buckets = ("overdue", "due", "upcoming", "no_fixed_deadline")
    return {b: sorted((e["id"], e.get("quarter") or "") for e in found[b]) for b in buckets}


def parties(task: dict[str, Any], key: str) -> list[tuple[str, str | None]]:
    return [(p["written"], p["scope"]) for p in task[f"{key}_detail"]]


def assert_same_plan(imported: Path) -> None:
    """The shipped plan's 34 tasks: ids, leads and partners (as written, with their scopes, and
    the same wordings naming the same bodies), deadlines, occurrences, notes, and what `due`
    says of them in every quarter of the plan and the one after."""
    mine, shipped = listing(imported), listing(DATA)
    assert [t["id"] for t in mine] == [t["id"] for t in shipped]
    assert len(mine) == 34
    same_body: dict[str, str] = {}  # imported official name → shipped official name
    for got, want in zip(mine, shipped, strict=True):
        tid = want["id"]
        for key in ("lead", "partners"):
            assert parties(got, key) == parties(want, key), (tid, key)
            for a, b in zip(got[f"{key}_detail"], want[f"{key}_detail"], strict=True):
                assert same_body.setdefault(a["agency"], b["agency"]) == b["agency"], (tid, a)
        for key in ("deadline", "kind", "occurrences", "note", "section"):
            assert got[key] == want[key], (tid, key)
        if tid in CORRECTED_TITLES:
            assert CORRECTED_TITLES[tid] in got["title"]
        else:
            assert got["title"] == want["title"], tid
    # one body each way: no two wordings the shipped registry tells apart are merged
    assert len(set(same_body.values())) == len(same_body)
    # and each is a group, or a member of groups, as in the shipped registry
    mine_registry, shipped_registry = registry_of(imported), registry_of(DATA)
    for name, theirs in same_body.items():
        agency, expected = mine_registry.get(name), shipped_registry.get(theirs)
        assert agency is not None and expected is not None
        assert agency.is_group == expected.is_group, name
        groups = [same_body.get(g, g) for g in mine_registry.groups_of(name)]
        assert groups == list(shipped_registry.groups_of(theirs)), name
    for quarter in QUARTERS:
        assert due_ids(imported, quarter) == due_ids(DATA, quarter), quarter
    # an agency's own list, its groups' tasks included (no successor: the appendix names none)
    for agency in ("Sở Nội vụ", "Sở Tài chính", "UBND cấp huyện", "VP UBND tỉnh"):
        args = ["--agency", agency, "--role", "any"]
        assert due_ids(imported, "IV/2023", args) == due_ids(DATA, "IV/2023", args), agency


def registry_of(path: Path) -> Any:
    from cchc.load import load

    plan = load(path).plan
    assert plan is not None
    return plan.registry


@needs_shared
def test_seed_docx_round_trip(tmp_path: Path) -> None:
    appendix = fx.seed_docx(tmp_path / "phu-luc-4.docx")
    out = tmp_path / "plan.yaml"
    result = run_import(str(appendix), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert_same_plan(out)
    # the seed's numbering quirks are kept and said, located in the table, never corrected
    shown = str(appendix)
    for printed, task_id in (("99", "VII.9"), ("110", "VII.10"), ("112", "VII.12")):
        assert f"'{printed}', nhiệm vụ được đánh mã {task_id}" in result.stderr
    assert f"{shown}:bảng 1 dòng 31: cảnh báo: bảng ghi số thứ tự '99'" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert '      - id: VII.9  # văn bản ghi số "99"' in text
    assert "[bookmark" not in text and "_GoBack" in result.stderr
    validate = invoke(["validate", str(out)])
    assert validate.exit_code == 0 and validate.stdout.strip().endswith("(34 nhiệm vụ).")


@needs_shared
def test_seed_text_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = run_import(str(fx.SEED), "--format", "text", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert_same_plan(out)
    assert f"{fx.SEED}:dòng 194: cảnh báo: bảng ghi số thứ tự '99'" in result.stderr
    assert "34 nhiệm vụ trong 8 mục, 25 cơ quan; 6 cảnh báo" in result.stderr


@needs_shared
def test_docx_and_text_give_the_same_file_but_for_the_header(tmp_path: Path) -> None:
    appendix = fx.seed_docx(tmp_path / "seed.docx")
    docx_text = run_import(str(appendix)).stdout
    text_text = run_import(str(fx.SEED), "--format", "text").stdout
    assert docx_text.split("\n", 1)[1] == text_text.split("\n", 1)[1]
    assert run_import(str(appendix)).stdout == docx_text  # stable: same table, same bytes


@needs_shared
def test_seed_import_time(tmp_path: Path) -> None:
    """The whole command as a user runs it; the figure goes to the commit message."""
    appendix = fx.seed_docx(tmp_path / "seed.docx")
    timings = {}
    for name, args in (("docx", [str(appendix)]), ("text", [str(fx.SEED)])):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "cchc", "import", *args, "-o", str(tmp_path / f"{name}.yaml")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        timings[name] = time.perf_counter() - start
        assert done.returncode == 0, done.stderr
    assert max(timings.values()) < 5, timings


# --- other layouts --------------------------------------------------------------------------
def test_other_order_merged_lead_product_column(tmp_path: Path) -> None:
    appendix = fx.other_order_docx(tmp_path / "ke-hoach.docx")
    out = tmp_path / "plan.yaml"
    result = run_import(str(appendix), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    tasks = {t["id"]: t for t in listing(out)}
    assert list(tasks) == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3"]
    # the lead cell merged down over I.1–I.3 leads all three
    assert [tasks[i]["lead"] for i in ("I.1", "I.2", "I.3")] == [["Sở Tư pháp"]] * 3
    # the "Sản phẩm" column goes to the note under its heading, before the Ghi chú
    assert tasks["I.1"]["note"] == "Sản phẩm: Quyết định công bố kết quả rà soát"
    assert tasks["I.3"]["note"] == "Sản phẩm: Báo cáo\nLồng ghép với báo cáo công tác tư pháp"
    assert tasks["I.1"]["title"] == "Rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành"
    # month and date deadlines, as written; milestones from the cell's paragraphs
    assert (tasks["I.1"]["deadline"], tasks["I.1"]["kind"]) == ("Tháng 6/2025", "month")
    assert (tasks["I.2"]["deadline"], tasks["I.2"]["kind"]) == ("Trước ngày 15/12/2025", "date")
    assert tasks["I.2"]["occurrences"][0]["due_date"] == "2025-12-15"
    assert tasks["II.1"]["kind"] == "continuous"
    assert [o["target"] for o in tasks["II.2"]["occurrences"]] == ["50% hồ sơ", "100% hồ sơ"]
    # bulleted paragraphs of partners; aliases of one body become one agency
    assert parties(tasks["II.1"], "partners") == [
        ("Các sở, ban, ngành", None),
        ("UBND cấp huyện", None),
        ("UBND cấp xã", None),
    ]
    assert tasks["II.2"]["lead"] == tasks["II.3"]["lead"] == ["Sở Thông tin và Truyền thông"]
    assert tasks["II.1"]["lead"] == tasks["II.3"]["partners"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    text = out.read_text(encoding="utf-8")
    assert "  title: CẢI CÁCH THỂ CHẾ" in text  # the section written in a cell over the row
    assert "source: Phụ lục II kèm theo Kế hoạch số 120/KH-UBND" in text
    assert "from: Quý I/2025" in text and "to: Quý IV/2025" in text
    assert "  province: Quảng Bình" in text  # "… CỦA TỈNH QUẢNG BÌNH" in the heading
    where = f"{appendix}:table 1 row"
    english = run_import(str(appendix), "-o", str(tmp_path / "en.yaml"), lang="en")
    assert f"{where} 2: warning: skipped the row of column numbers" in english.stderr
    assert f"{where} 9: warning: column 'Cơ quan phối hợp': 'Điện lực tỉnh' does not read" in (
        english.stderr
    )


def understood_today(wording: str) -> bool:
    try:
        parse_deadline(wording)
    except DeadlineError:
        return False
    return True


@pytest.fixture(scope="module")
def wordings_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("wordings")
    appendix = fx.wordings_docx(folder / "wordings.docx")
    out = folder / "plan.yaml"
    return out, run_import(str(appendix), "-o", str(out))


def test_wordings_are_kept_as_written(wordings_import: tuple[Path, Any]) -> None:
    out, result = wordings_import
    text = out.read_text(encoding="utf-8")
    from cchc.yamlnodes import parse

    document = parse(out.read_bytes(), "plan.yaml")
    import yaml

    data = yaml.safe_load(text)
    tasks = data["sections"][0]["tasks"]
    assert document.root is not None
    assert [t["deadline"] for t in tasks] == fx.WORDINGS  # both tables, in order
    assert tasks[0]["note"] == "Noi dung: Nội dung nhiệm vụ 1"  # the second title-like column
    assert "partners" not in tasks[0]
    assert "bảng 2: cảnh báo: bảng không có dòng tiêu đề" in result.stderr
    # every real wording of the fixtures is understood: the plan validates
    assert [w for w in fx.WORDINGS if not understood_today(w)] == []
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("wording", fx.WORDINGS)
def test_wording_validates(wording: str, wordings_import: tuple[Path, Any]) -> None:
    _out, result = wordings_import
    assert understood_today(wording)
    assert f"không hiểu thời hạn '{wording}'" not in result.stderr


# --- the command's failures -------------------------------------------------------------------
def test_stdout_without_output(tmp_path: Path) -> None:
    result = run_import(str(TESTS / "data" / "appendix-small.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Tạo bằng `cchc import`")
    assert "→ <stdout>" in result.stderr


def test_missing_file_and_bad_word_file(tmp_path: Path) -> None:
    missing = run_import(str(tmp_path / "none.docx"))
    assert missing.exit_code == 2
    assert "none.docx: không tìm thấy tệp" in missing.stderr
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    broken = run_import(str(fake), lang="en")
    assert broken.exit_code == 2
    assert "cannot read the Word file (.docx): BadZipFile" in broken.stderr
    assert "Traceback" not in broken.stderr + broken.stdout


def test_missing_docx_extra_says_which_pip_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    appendix = fx.small_docx(tmp_path / "a.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx → ImportError
    result = run_import(str(appendix))
    assert result.exit_code == 2
    assert "pip install 'cchc[docx]'" in result.stderr
    # text needs no extra
    text = run_import(str(TESTS / "data" / "appendix-small.txt"))
    assert text.exit_code == 0


def test_no_header_row_is_a_data_problem(tmp_path: Path) -> None:
    appendix = fx.build(tmp_path / "a.docx", ["Bảng"], [["Một", "Hai"], ["1", "2"]])
    result = run_import(str(appendix))
    assert result.exit_code == 1
    assert "không thấy dòng tiêu đề của bảng phụ lục" in result.stderr
    assert "cần các cột như STT, Tên đề án/nhiệm vụ, Cơ quan chủ trì" in result.stderr


def test_problems_are_located_in_the_output_and_it_is_still_written(tmp_path: Path) -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
        ["I", "Mục một"],
        ["1", "Nhiệm vụ không có cơ quan chủ trì", "", "Quý IV/2025"],
        ["2", "Nhiệm vụ có thời hạn lạ", "Sở Nội vụ", "Khi nào xong"],
    ]
    appendix = fx.build(tmp_path / "a.docx", ["KẾ HOẠCH NĂM 2025"], rows)
    out = tmp_path / "out.yaml"
    result = run_import(str(appendix), "-o", str(out))
    assert result.exit_code == 1
    assert "a.docx:bảng 1 dòng 3: cảnh báo: I.1: ô cơ quan chủ trì trống" in result.stderr
    assert "a.docx:bảng 1 dòng 4: cảnh báo: I.2: thời hạn 'Khi nào xong' chưa đọc được" in (
        result.stderr
    )
    assert "out.yaml:" in result.stderr and " error " in result.stderr
    assert "deadline: Khi nào xong" in out.read_text(encoding="utf-8")


def test_refuses_to_write_over_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "tasks.yaml"
    plan.write_bytes(DATA.read_bytes())
    result = invoke(
        ["import", str(TESTS / "data" / "appendix-small.txt"), "-o", str(plan)],
        env={"CCHC_DATA": str(plan)},
    )
    assert result.exit_code == 2
    assert "không ghi đè lên tệp kế hoạch" in result.stderr
    assert plan.read_bytes() == DATA.read_bytes()


def test_bad_format_choice() -> None:
    result = run_import("x.docx", "--format", "pdf")
    assert result.exit_code == 2
    assert "định dạng 'pdf' không hỗ trợ; chọn một trong: docx, text" in result.stderr


def test_shared_is_where_the_tests_expect() -> None:
    # guards the skip above: the seed is looked for beside the project
    assert fx.SEED.parent.parent == SHARED


@needs_shared
def test_tcvn3_text_is_named_before_the_missing_header(tmp_path: Path) -> None:
    from .test_text import encode_tcvn3

    legacy = tmp_path / "tcvn3.txt"
    legacy.write_bytes(
        encode_tcvn3(fx.SEED.read_text(encoding="utf-8")).decode("cp1252", "replace").encode()
    )
    result = run_import(str(legacy), lang="en")
    assert result.exit_code == 1
    assert "warning: the text looks typed in the old TCVN3 encoding" in result.stderr
    assert "no header row of an appendix table" in result.stderr


def test_word_cells_read_from_their_xml(tmp_path: Path) -> None:
    """Text in tracked insertions (not deletions), in content controls, and in a table inside
    a cell is read; merging the old way (hMerge) reads as one cell."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
        ["I", "Mục một"],
        ["1", "Nhiệm vụ", "Sở Nội vụ", "Quý IV/2025"],
        ["2", "Nhiệm vụ hai", "Sở Tư pháp", "Quý II/2025"],
    ]
    path = fx.build(tmp_path / "a.docx", ["KẾ HOẠCH NĂM 2025"], rows)
    document = docx.Document(str(path))
    table = document.tables[0]
    title = table.cell(2, 1).paragraphs[0]._p
    w = nsdecls("w")
    title.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> mới'
            "</w:t></w:r></w:ins>"
        )
    )
    title.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText> cũ</w:delText>'
                           "</w:r></w:del>"))  # fmt: skip
    lead = table.cell(2, 2)._tc.find(qn("w:p"))
    control = parse_xml(f"<w:sdt {w}><w:sdtContent/></w:sdt>")
    lead.addprevious(control)
    control[0].append(lead)  # the lead's paragraph inside a content control
    inner = table.cell(3, 1).add_table(1, 2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "phần a", "phần b"
    document.save(str(path))
    out = tmp_path / "out.yaml"
    result = run_import(str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    tasks = {t["id"]: t for t in listing(out)}
    assert tasks["I.1"]["title"] == "Nhiệm vụ mới"
    assert tasks["I.1"]["lead"] == ["Sở Nội vụ"]
    assert tasks["I.2"]["title"] == "Nhiệm vụ hai phần a | phần b"
    assert "a.docx:bảng 1 dòng 4: cảnh báo: ô chứa một bảng con" in result.stderr


def test_header_in_two_rows(tmp_path: Path) -> None:
    """ "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp", "Thời gian" over "Bắt đầu" and
    "Hoàn thành": the second header row says which column is which."""
    rows: list[list[str | None]] = [
        ["STT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian", "", "Sản phẩm"],
        [None, None, "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành", None],
        ["I", "Cải cách tổ chức bộ máy"],
        ["1", "Sắp xếp tổ chức bộ máy", "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2025",
         "Quý III/2025", "Đề án"],
    ]  # fmt: skip
    path = fx.build(tmp_path / "a.docx", ["KẾ HOẠCH NĂM 2025"], rows, spans=[(0, 2, 3), (0, 4, 5)])
    out = tmp_path / "out.yaml"
    result = run_import(str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (task,) = listing(out)
    assert task["lead"] == ["Sở Nội vụ"] and task["partners"] == ["Sở, ban, ngành"]
    assert (task["deadline"], task["note"]) == (
        "Quý III/2025",
        "Bắt đầu: Quý I/2025\nSản phẩm: Đề án",
    )


def test_letterhead_table_before_the_heading(tmp_path: Path) -> None:
    """Official documents open with a letterhead table (issuer | national motto); the heading
    paragraphs come after it. The letterhead is skipped (a warning), names the province, and
    the title is read from the paragraphs between it and the appendix table."""
    import docx

    path = fx.small_docx(tmp_path / "a.docx")
    document = docx.Document(str(path))
    letterhead = document.add_table(rows=1, cols=2)
    letterhead.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 120/KH-UBND"
    letterhead.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.element.body.insert(0, letterhead._tbl)
    document.save(str(path))
    out = tmp_path / "out.yaml"
    result = run_import(str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "a.docx:bảng 1: cảnh báo: bỏ qua bảng không có dòng tiêu đề" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "  title: CÁC ĐỀ ÁN, NHIỆM VỤ TRỌNG TÂM" in text.replace('"', "")
    assert "  source: Phụ lục 4 kèm theo Đề án cải cách hành chính tỉnh Hà Tĩnh" in text
    assert "  province: Quảng Bình" in text  # the issuer, before names in the text


# --- golden files: the plan file as written ---------------------------------------------------
GOLDEN = TESTS / "golden" / "import"
REGEN = bool(os.environ.get("CCHC_REGEN_GOLDEN"))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} missing: run with CCHC_REGEN_GOLDEN=1 and review the diff"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def without_first_line(text: str) -> str:
    """The file but its first line, which names the appendix by its path on this machine."""
    return text.split("\n", 1)[1]


@needs_shared
def test_golden_seed_text() -> None:
    result = run_import(str(fx.SEED), "--format", "text")
    assert result.exit_code == 0, result.stderr
    check_golden("seed.yaml", without_first_line(result.stdout))


def test_golden_other_layout_in_english(tmp_path: Path) -> None:
    appendix = fx.other_order_docx(tmp_path / "ke-hoach.docx")
    result = run_import(str(appendix), lang="en")
    assert result.exit_code == 0, result.stderr
    check_golden("other-order.en.yaml", without_first_line(result.stdout))
