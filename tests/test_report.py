"""cchc report and cchc agencies: numbers derived by hand, agreement with `cchc due`, Word
output read back, golden Markdown."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, TESTS, invoke

PROGRESS = TESTS / "data" / "progress_due.yaml"
GOLDEN = TESTS / "golden" / "report"
REGEN = os.environ.get("CCHC_REGEN_GOLDEN") == "1"


def report_json(*args: str, file: Path = DATA) -> dict[str, Any]:
    result = invoke(["report", "--format", "json", "-f", str(file), *args])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} missing: run with CCHC_REGEN_GOLDEN=1 and review the diff"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


# --- numbers worked out by hand on tests/data/progress_due.yaml at IV/2023 -------------------
# I.1 done on time; I.2 done late (Q II, done 15/08); I.3 done after the reference date, so open
# and due now; I.4 annual: IV/2023 done on time, IV/2024 later; I.5 two milestones, both later;
# I.6 conditional, in progress; I.7 "Trước ngày 30/11/2023" done 15/12 = late; I.8 Q III in
# progress = overdue by 1 quarter; I.9 Q I/2024, its entry is after the reference = not yet due.
def test_summary_by_hand() -> None:
    summary = report_json("--quarter", "IV/2023", file=PROGRESS)["summary"]
    assert summary == {
        "tasks": 9,
        "items": 11,
        "occurrences": 10,
        "done": 4,
        "done_on_time": 2,
        "done_late": 2,
        "in_progress": 0,
        "overdue": 1,
        "overdue_in_progress": 1,
        "overdue_not_started": 0,
        "not_yet_due": 5,
        "no_fixed_deadline": 1,
        # I.3 (due, never reported) and I.6 (continuous, last report before III/2023)
        "stale": 2,
        "stale_tasks": 2,
        "due_now": 1,
        "come_due": 6,
        "completion_rate": 0.6667,
    }


def test_summary_paragraph_in_official_style() -> None:
    result = invoke(["report", "-q", "IV/2023", "-f", str(PROGRESS), "--date", "05/01/2024"])
    assert (
        "Kế hoạch có 09 nhiệm vụ với 10 kỳ hạn phải hoàn thành và 01 nhiệm vụ thường xuyên hoặc "
        "theo lộ trình. Tính đến ngày 31/12/2023: hoàn thành 04 kỳ hạn (02 đúng hạn, 02 quá hạn); "
        "00 kỳ hạn đang thực hiện trong hạn; 01 kỳ hạn quá hạn chưa hoàn thành (01 đang thực "
        "hiện, 00 chưa thực hiện); 05 kỳ hạn chưa đến hạn; 01 nhiệm vụ thường xuyên hoặc theo lộ "
        "trình đang theo dõi. Tỷ lệ hoàn thành trên số kỳ hạn đã đến hạn: 66,7%."
    ) in result.stdout
    assert "*Hà Tĩnh, ngày 05 tháng 01 năm 2024*" in result.stdout
    assert "Số liệu tính đến ngày 31/12/2023." in result.stdout


def test_by_agency_by_hand_in_vietnamese_order() -> None:
    rows = report_json("--quarter", "IV/2023", file=PROGRESS)["by_agency"]
    got = [
        (r["agency"], r["items"], r["done"], r["overdue"], r["not_yet_due"], r["no_fixed_deadline"])
        for r in rows
    ]
    assert got == [
        ("Sở Nội vụ", 3, 2, 1, 0, 0),
        ("Sở Tài chính", 3, 0, 0, 3, 0),
        ("Sở Tư pháp", 2, 1, 0, 0, 1),
        ("Sở, ban, ngành", 3, 1, 0, 2, 0),
    ]


def test_overdue_list_with_last_progress() -> None:
    overdue = report_json("--quarter", "IV/2023", file=PROGRESS)["overdue"]
    assert overdue == [
        {
            "agency": "Sở Nội vụ",
            "items": [
                {
                    "id": "I.8",
                    "title": "Đang thực hiện nhưng đã quá hạn",
                    "deadline": "Quý III/2023",
                    "quarter": "III/2023",
                    "quarters_late": 1,
                    "status": "in_progress",
                    "note": "Chờ ý kiến các sở",
                    "evidence": None,
                }
            ],
        }
    ]


def test_milestone_percent_appears_once_reported() -> None:
    before = report_json("--quarter", "IV/2023", file=PROGRESS)["milestones"]
    after = report_json("--as-of", "30/06/2024", file=PROGRESS)["milestones"]
    assert [(m["id"], m["quarter"], m["percent"]) for m in before] == [
        ("I.5", "II/2024", None),
        ("I.5", "IV/2024", None),
    ]
    assert [(m["id"], m["quarter"], m["percent"]) for m in after] == [
        ("I.5", "II/2024", 45),
        ("I.5", "IV/2024", None),
    ]
    markdown = invoke(
        ["report", "--as-of", "30/06/2024", "-f", str(PROGRESS), "--date", "01/07/2024"]
    )
    assert "| 1 | I.5 | Quý II/2024 | Hoàn thành 50% \\| bước 1 | 45% |" in markdown.stdout


@pytest.mark.parametrize("quarter", ["II/2022", "IV/2023", "IV/2025", "I/2026"])
@pytest.mark.parametrize("agency", [None, "so noi vu", "Sở Tài chính"])
def test_report_agrees_with_due(quarter: str, agency: str | None) -> None:
    extra = ["--agency", agency] if agency else []
    due = json.loads(
        invoke(["due", "-q", quarter, "--all", "--format", "json", "-f", str(DATA), *extra]).stdout
    )
    summary = report_json("-q", quarter, *extra)["summary"]
    assert summary["overdue"] == len(due["overdue"])
    assert summary["done"] == len(due["done"])
    assert summary["no_fixed_deadline"] == len(due["no_fixed_deadline"])
    assert summary["due_now"] == len(due["due"])
    in_window = [e for e in due["due"] + due["upcoming"] if e["status"] == "in_progress"]
    assert summary["in_progress"] >= len(in_window)


def test_shipped_plan_at_iv_2023_by_hand() -> None:
    """Nothing is reported done in the shipped file, so what is overdue is every occurrence
    before IV/2023: I.1 (I/2022), I.2 (II/2023), V.1, V.2, VII.5 (IV/2022), VII.7 (II/2022),
    VIII.1 and VIII.5 first milestones (IV/2022), and the 2022 occurrence of the 8 annual tasks."""
    summary = report_json("-q", "IV/2023")["summary"]
    assert summary["overdue"] == 16
    assert summary["done"] == 0
    assert summary["no_fixed_deadline"] == 4
    assert summary["tasks"] == 34


def test_golden_markdown_iv_2023() -> None:
    # the goldens without the comparison (tests/test_compare.py has the goldens with it)
    args = ["report", "-q", "IV/2023", "-f", str(DATA), "--date", "05/01/2024"]
    result = invoke([*args, "--compare-to", "none"])
    check_golden("iv2023.md", result.stdout)


def test_golden_markdown_iv_2025() -> None:
    args = ["report", "-q", "IV/2025", "-f", str(DATA), "--date", "10/01/2026"]
    result = invoke([*args, "--compare-to", "none"])
    check_golden("iv2025.md", result.stdout)


def test_golden_markdown_one_agency_english() -> None:
    args = ["report", "-q", "IV/2023", "-f", str(DATA), "--agency", "so tttt", "--lang", "en"]
    result = invoke([*args, "--date", "05/01/2024", "--compare-to", "none"])
    check_golden("iv2023-so-tttt.en.md", result.stdout)


def test_markdown_is_clean_text() -> None:
    text = invoke(["report", "-q", "IV/2023", "-f", str(DATA), "--color", "always"]).stdout
    assert "\x1b" not in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## I. Tổng quan",
        "## II. Kết quả theo lĩnh vực",
        "## III. Kết quả theo cơ quan chủ trì",
        "## IV. Danh mục nhiệm vụ quá hạn",
        "## V. Chỉ tiêu theo mốc",
    ]


def test_docx_read_back(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.shared import Mm

    target = tmp_path / "bao-cao.docx"
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "docx", "-o", str(target)]
    result = invoke([*args, "--date", "05/02/2024", "--compare-to", "none"])
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(target))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # the page number field, from page 2
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == "Hà Tĩnh, ngày 05 tháng 02 năm 2024"
    title = paragraphs[1]
    assert title.text.startswith("BÁO CÁO TIẾN ĐỘ THỰC HIỆN")
    assert title.alignment == 1 and title.runs[0].bold  # centred, bold
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs}
    assert sizes <= {13.0, 14.0}
    # by section, by agency, one table per overdue agency (Sở Nội vụ), milestones
    assert len(document.tables) == 4
    by_section = document.tables[0]
    assert [c.text for c in by_section.rows[0].cells] == [
        "Lĩnh vực",
        "Tổng số",
        "Hoàn thành",
        "Đang thực hiện",
        "Quá hạn",
        "Chưa đến hạn",
        "Không có thời hạn cố định",
    ]
    assert [c.text for c in by_section.rows[-1].cells] == [
        "Tổng cộng",
        "11",
        "4",
        "0",
        "1",
        "5",
        "1",
    ]
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml  # the header row repeats on every page
        assert "w:tblBorders" in table._tbl.xml


def test_docx_needs_output() -> None:
    result = invoke(["report", "-q", "IV/2023", "-f", str(DATA), "--format", "docx"])
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_docx_without_python_docx_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    result = invoke(
        [
            "report",
            "-q",
            "IV/2023",
            "-f",
            str(DATA),
            "--format",
            "docx",
            "-o",
            str(tmp_path / "r.docx"),
        ]
    )
    assert result.exit_code == 2
    assert "pip install 'cchc[docx]'" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_report_table_format() -> None:
    result = invoke(
        ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "table", "--color", "never"],
        env={"COLUMNS": "120"},
    )
    assert result.exit_code == 0
    assert "Tổng cộng" in result.stdout and "66,7%" in result.stdout


# --- agencies ------------------------------------------------------------------------------------
def test_agencies_counts_by_hand() -> None:
    result = invoke(["agencies", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "json"])
    rows = {r["name"]: r for r in json.loads(result.stdout)["agencies"]}
    # Sở Nội vụ leads I.1, I.2, I.8 (I.8 overdue) and partners I.5; it belongs to the group that
    # leads I.4 and I.9.
    assert rows["Sở Nội vụ"] == {
        "name": "Sở Nội vụ",
        "aliases": [],
        "group": False,
        "groups": ["Sở, ban, ngành"],
        "successor": None,
        "lead": 3,
        "partner": 1,
        "lead_overdue": 1,
        "partner_overdue": 0,
        "lead_via_groups": 2,
    }
    assert rows["Sở, ban, ngành"]["group"] is True
    assert rows["Sở, ban, ngành"]["aliases"] == ["Các sở, ban, ngành"]
    assert rows["Sở, ban, ngành"]["lead"] == 2


def test_agencies_shipped_markdown_and_csv() -> None:
    markdown = invoke(["agencies", "-q", "IV/2023", "-f", str(DATA), "--format", "markdown"]).stdout
    assert (
        "| Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ | Sở TTTT; Sở TT&TT |"
        in markdown
    )
    csv_bytes = invoke(
        ["agencies", "-q", "IV/2023", "-f", str(DATA), "--format", "csv"]
    ).stdout_bytes
    assert csv_bytes.startswith("\ufeffname,aliases,group,groups,successor,lead,partner".encode())
