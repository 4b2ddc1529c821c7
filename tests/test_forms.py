"""The quarterly loop through spreadsheets: a lead agency's form out (export --format xlsx),
filled in the test with openpyxl as the agency would, and merged back (import-progress)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc import forms
from cchc.cli import build_app
from cchc.cliutil import BadDate, parse_day_first

from .test_record import only_added

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx forms need openpyxl (cchc[xlsx])")

PLAN = Path(__file__).resolve().parent.parent / "data" / "tasks.yaml"
ENV = {"CCHC_LANG": "vi"}
SHEET = "Tiến độ"


def cchc(*args: str, lang: str = "vi") -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(lang), list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def plan_copy(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(PLAN.read_bytes())
    return path


def make_form(plan: Path, out: Path, agency: str = "Sở Nội vụ", *extra: str) -> Path:
    code, _out, err = cchc(
        "export", "--format", "xlsx", "--agency", agency, "-q", "IV/2023",
        "-f", str(plan), "-o", str(out), *extra,
    )  # fmt: skip
    assert code == 0, err
    return out


def fill(
    form: Path, cells: dict[str, Any], sheet: str = SHEET, save_as: Path | None = None
) -> Path:
    book = openpyxl.load_workbook(form)
    for ref, value in cells.items():
        book[sheet][ref] = value
    target = save_as or form
    book.save(target)
    return target


def rows_of(form: Path, sheet: str = SHEET) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(form)
    return [r for r in book[sheet].iter_rows(min_row=forms.FIRST_ROW, values_only=True)]


def due(plan: Path, *args: str) -> dict[str, Any]:
    code, out, err = cchc("due", "-f", str(plan), "-q", "IV/2023", "--format", "json", *args)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


# --- the form --------------------------------------------------------------------------------
def test_the_form_has_one_row_per_open_occurrence_the_agency_leads(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    form = make_form(plan, tmp_path / "nv.xlsx")
    expected = due(plan, "--agency", "Sở Nội vụ", "--role", "lead")
    wanted = [
        (item["id"], item.get("quarter") or "")
        for bucket in ("overdue", "due", "upcoming", "no_fixed_deadline")
        for item in expected[bucket]
    ]
    rows = rows_of(form)
    got = [(r[0], "" if r[3] == "Không cố định" else r[3]) for r in rows]
    assert sorted(got) == sorted(wanted) and len(got) == 11
    first = rows[0]
    assert first[:6] == (
        "I.1",
        first[1],
        "Quý I/2022",
        "I/2022",
        "Quá hạn (7 quý)",
        "chưa có báo cáo",
    )
    assert all(value is None for row in rows for value in row[6:])


def test_the_form_is_protected_frozen_and_offers_the_statuses(tmp_path: Path) -> None:
    form = make_form(plan_copy(tmp_path), tmp_path / "nv.xlsx")
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == [SHEET, "_cchc"]
    assert book["_cchc"].sheet_state == "veryHidden"
    sheet = book[SHEET]
    header = [c.value for c in sheet[forms.HEADER_ROW]]
    assert header == list(forms.header_texts("vi").values())
    assert sheet.freeze_panes == f"A{forms.FIRST_ROW}"
    assert sheet.protection.sheet
    row = forms.FIRST_ROW
    assert all(sheet[f"{c}{row}"].protection.locked for c in forms.LOCKED_COLUMNS)
    assert not any(sheet[f"{c}{row}"].protection.locked for c in forms.INPUT_COLUMNS)
    rules = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    assert rules["G"].formula1 == '"hoàn thành,đang thực hiện,chưa thực hiện"'
    assert (rules["I"].formula1, rules["I"].formula2) == ("0", "100")
    assert sheet.column_dimensions["B"].width == 60  # long titles: the widest allowed
    ids = [str(sheet[f"A{r}"].value) for r in range(forms.FIRST_ROW, sheet.max_row + 1)]
    assert max(map(len, ids)) < sheet.column_dimensions["A"].width <= 12  # fits, headers wrap


def test_the_form_in_english(tmp_path: Path) -> None:
    form = tmp_path / "nv.xlsx"
    code, _out, err = cchc(
        "export", "--format", "xlsx", "-a", "so noi vu", "-q", "IV/2023",
        "-f", str(plan_copy(tmp_path)), "-o", str(form), "--lang", "en", lang="en",
    )  # fmt: skip
    assert code == 0, err
    book = openpyxl.load_workbook(form)
    assert book.sheetnames[0] == "Progress"
    assert book["Progress"]["G4"].value == "Status (choose)"
    assert "wrote the form of Sở Nội vụ (11 rows)" in err


def test_export_xlsx_needs_an_agency_and_a_file(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    code, _out, err = cchc("export", "--format", "xlsx", "-f", str(plan), "-o", "x.xlsx")
    assert code == 2 and "--agency" in err
    code, _out, err = cchc("export", "--format", "ics", "-q", "IV/2023", "-f", str(plan))
    assert code == 2 and "--quarter" in err


# --- forms back -------------------------------------------------------------------------------
FILLED = {
    "G5": "hoàn thành",
    "H5": datetime(2022, 3, 20),
    "J5": "Quyết định số 123/QĐ-UBND",
    "G6": "Dang thuc hien",
    "H6": "15/11/2023",
    "I6": 0.6,  # a cell formatted as a percentage
    "G7": "hoàn thành",
    "H7": "28/12/2023",
}


def test_a_filled_form_goes_in_and_due_and_report_change(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    before_due = due(plan)["counts"]
    code, out, _err = cchc("report", "-f", str(plan), "-q", "IV/2023", "--format", "json")
    before_report = json.loads(out)
    form = fill(make_form(plan, tmp_path / "nv.xlsx"), FILLED)
    rows = rows_of(form)
    ids = [rows[i][0] for i in range(3)]
    old = plan.read_bytes()
    code, _out, err = cchc("import-progress", str(form), "-f", str(plan))
    assert code == 0, err
    assert "đã thêm 3 mục tiến độ" in err
    added = only_added(old, plan.read_bytes())
    assert "            percent: 60\n" in added
    assert "            evidence: Quyết định số 123/QĐ-UBND\n" in added
    assert sum(line.strip() == "progress:" for line in added) == 3
    after = due(plan, "--all")
    # I.1 done; I.2 in progress is still overdue; IV.1 (due) done
    assert after["counts"]["overdue"] == before_due["overdue"] - 1
    assert after["counts"]["due"] == before_due["due"] - 1
    done = {item["id"] for item in after["done"]}
    assert {ids[0], ids[2]} <= done
    in_progress = next(i for i in after["overdue"] if i["id"] == ids[1])
    assert in_progress["status"] == "in_progress" and in_progress["percent"] == 60
    code, out, _err = cchc("report", "-f", str(plan), "-q", "IV/2023", "--format", "json")
    report = json.loads(out)
    assert json.dumps(report["summary"]) != json.dumps(before_report["summary"])
    code, _out, _err = cchc("validate", str(plan))
    assert code == 0


def test_importing_the_same_form_again_adds_nothing(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    form = fill(make_form(plan, tmp_path / "nv.xlsx"), FILLED)
    assert cchc("import-progress", str(form), "-f", str(plan))[0] == 0
    once = plan.read_bytes()
    code, _out, err = cchc("import-progress", str(form), str(form), "-f", str(plan))
    assert code == 0 and "không có gì mới" in err and "6 mục đã có" in err
    assert plan.read_bytes() == once


def test_dry_run_prints_the_lines_and_writes_nothing(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    form = fill(make_form(plan, tmp_path / "nv.xlsx"), FILLED)
    old = plan.read_bytes()
    code, out, err = cchc("import-progress", str(form), "--dry-run", "-f", str(plan))
    assert code == 0 and plan.read_bytes() == old
    assert out.splitlines()[0] == f"{plan}:142: +         progress:"
    assert "sẽ thêm 3 mục" in err


def test_every_bad_cell_is_located_and_nothing_is_written(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    good = fill(make_form(plan, tmp_path / "a.xlsx"), FILLED)
    bad = fill(
        make_form(plan, tmp_path / "b.xlsx", "Sở Tư pháp"),
        {"G5": "hoan thang", "H5": "2023/13/01", "I6": 150, "G7": "xong", "H7": "1/1/2023"},
    )
    old = plan.read_bytes()
    code, _out, err = cchc("import-progress", str(good), str(bad), "-f", str(plan))
    assert code == 1
    assert plan.read_bytes() == old
    lines = err.splitlines()
    shown = str(bad)
    assert f"{shown}:Tiến độ!G5: không có tình trạng 'hoan thang'; có phải 'hoàn thành'?" in lines
    assert any(line.startswith(f"{shown}:Tiến độ!H5: ngày '2023/13/01'") for line in lines)
    assert any(line.startswith(f"{shown}:Tiến độ!G6: thiếu tình trạng") for line in lines)
    assert any(line.startswith(f"{shown}:Tiến độ!H6: thiếu ngày") for line in lines)
    assert any(line.startswith(f"{shown}:Tiến độ!I6: tỷ lệ '150'") for line in lines)
    assert any(line.startswith(f"{shown}:Tiến độ!G7: không có tình trạng 'xong'") for line in lines)
    assert not any(str(good) in line for line in lines)
    assert "plan.yaml" not in err and "không đổi" in lines[-1]


def test_a_changed_task_id_or_quarter_and_an_added_row_are_refused(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    form = make_form(plan, tmp_path / "nv.xlsx")
    count = len(rows_of(form))
    book = openpyxl.load_workbook(form)
    sheet = book[SHEET]
    sheet.protection.sheet = False  # what an agency that wants to can do
    sheet["A5"] = "I.9"
    sheet["D6"] = "I/2024"
    extra = forms.FIRST_ROW + count
    sheet[f"A{extra}"], sheet[f"G{extra}"], sheet[f"H{extra}"] = "VII.1", "hoàn thành", "1/1/2023"
    book.save(form)
    old = plan.read_bytes()
    code, _out, err = cchc("import-progress", str(form), "-f", str(plan))
    assert code == 1 and plan.read_bytes() == old
    assert "Tiến độ!A5: mã nhiệm vụ đã bị sửa thành 'I.9'; biểu được lập cho I.1" in err
    assert "Tiến độ!D6: kỳ hạn đã bị sửa thành 'I/2024'; biểu được lập cho II/2023" in err
    assert f"Tiến độ!A{extra}: dòng này không có trong biểu đã gửi" in err


def test_an_entry_the_plan_refuses_names_its_row(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    future = date.today().replace(year=date.today().year + 1).strftime("%d/%m/%Y")
    form = fill(make_form(plan, tmp_path / "nv.xlsx"), {"G5": "hoàn thành", "H5": future})
    old = plan.read_bytes()
    code, _out, err = cchc("import-progress", str(form), "-f", str(plan))
    assert code == 1 and plan.read_bytes() == old
    assert "← mục này lấy từ" in err and "Tiến độ!5:5" in err


def test_a_workbook_that_is_not_a_form_and_a_form_of_another_plan(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    code, _out, err = cchc("import-progress", str(plain), "-f", str(plan))
    assert code == 1 and "không phải biểu báo cáo do cchc lập" in err
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    code, _out, err = cchc("import-progress", str(junk), "-f", str(plan))
    assert code == 1 and "không đọc được tệp Excel" in err
    form = make_form(plan, tmp_path / "nv.xlsx")
    other = tmp_path / "other.yaml"
    other.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "  title: Các đề án", "  title: Kế hoạch khác – Các đề án", 1
        ),
        encoding="utf-8",
    )
    code, _out, err = cchc("import-progress", str(form), "-f", str(other))
    assert code == 1 and "biểu được lập cho kế hoạch" in err
    code, _out, err = cchc("import-progress", str(tmp_path / "none.xlsx"), "-f", str(plan))
    assert code == 2


# --- one row, as a parser ---------------------------------------------------------------------
CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["hoàn thành", "dang thuc hien", "15/11/2023", "50%", "1/1/2023", "100"]),
)


def parse(text: str) -> date:
    try:
        return parse_day_first(text)
    except BadDate as err:
        raise ValueError(text) from err


@given(st.dictionaries(st.sampled_from(forms.INPUT_COLUMNS), CELL_VALUES))
def test_read_row_gives_an_entry_or_located_problems_never_an_exception(
    cells: dict[str, object],
) -> None:
    entry, problems = forms.read_row(None, ("VII.9", "IV/2023"), cells, parse)
    assert (entry is None) or not problems
    assert all(p.column in forms.INPUT_COLUMNS for p in problems)
    if entry is not None:
        assert entry.due == "Quý IV/2023"
        assert entry.status in forms.STATUS_CHOICES["vi"]
        assert entry.percent is None or 0 <= entry.percent <= 100
        datetime.strptime(entry.date, "%d/%m/%Y")


@given(st.sampled_from(["hoàn thành", "Hoàn Thành", "hoan thanh", "done", "đang thực hiện"]))
def test_every_status_spelling_is_read(status: str) -> None:
    entry, problems = forms.read_row(None, ("I.1", ""), {"G": status, "H": "20/12/2023"}, parse)
    assert not problems and entry is not None and entry.due is None
