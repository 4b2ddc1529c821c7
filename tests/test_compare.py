"""cchc report --compare-to: changes worked out by hand, agreement with the earlier report, the
wording in Vietnamese and English, golden Markdown, Word read back, bad quarters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, TESTS, invoke
from .test_report import check_golden, report_json

PROGRESS = TESTS / "data" / "progress_due.yaml"


# At III/2023 (30/09/2023) on progress_due.yaml: I.2 done late; I.8 (Quý III) in progress and due
# now; everything else not yet due; I.6 conditional. So done 1, in progress 1, overdue 0, not yet
# due 8, no fixed deadline 1; come due: I.2 and I.8, rate 1/2. At IV/2023 (see test_report): done
# 4, in progress 0, overdue 1, not yet due 5, rate 4/6.
def test_changes_by_hand() -> None:
    value = report_json("-q", "IV/2023", file=PROGRESS)
    compared = value["compared_to"]
    assert (compared["quarter"], compared["as_of"]) == ("III/2023", "2023-09-30")
    before = compared["summary"]
    assert (before["done"], before["in_progress"], before["overdue"]) == (1, 1, 0)
    assert (before["not_yet_due"], before["no_fixed_deadline"], before["come_due"]) == (8, 1, 2)
    assert before["completion_rate"] == 0.5
    change = compared["change"]
    assert (change["done"], change["in_progress"], change["overdue"]) == (3, -1, 1)
    assert (change["not_yet_due"], change["no_fixed_deadline"], change["items"]) == (-3, 0, 0)
    assert change["completion_rate"] == pytest.approx(0.1667, abs=1e-4)
    # the rows of the tables carry their own change; Sở Nội vụ: I.1 done, I.8 overdue
    noi_vu = next(r for r in value["by_agency"] if r["agency"] == "Sở Nội vụ")
    assert (noi_vu["change"]["done"], noi_vu["change"]["overdue"]) == (1, 1)
    # the report's own numbers are those without the comparison
    plain = report_json("-q", "IV/2023", "--compare-to", "none", file=PROGRESS)
    assert "compared_to" not in plain
    assert plain["summary"] == value["summary"]


@pytest.mark.parametrize(
    ("quarter", "earlier"), [("IV/2023", "III/2023"), ("I/2024", "IV/2023"), ("IV/2025", "IV/2024")]
)
@pytest.mark.parametrize("agency", [None, "so noi vu"])
def test_compared_numbers_are_the_earlier_report(
    quarter: str, earlier: str, agency: str | None
) -> None:
    extra = ["--agency", agency] if agency else []
    now = report_json("-q", quarter, "--compare-to", earlier, *extra)
    then = report_json("-q", earlier, "--compare-to", "none", *extra)
    compared = now["compared_to"]
    for key, number in compared["summary"].items():
        assert then["summary"][key] == number, key
    for key, delta in compared["change"].items():
        if key != "completion_rate":
            assert now["summary"][key] - then["summary"][key] == delta, key
    rows_then = {r["section"]: r for r in then["by_section"]}
    for row in now["by_section"]:
        old = rows_then.get(row["section"])
        assert old is None or row["change"]["done"] == row["done"] - old["done"]


def test_summary_sentence_vietnamese_and_english() -> None:
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--date", "05/01/2024"]
    vi = invoke(args).stdout
    assert (
        "Hoàn thành tăng 03 kỳ hạn so với Quý III/2023 (số liệu đến ngày 30/09/2023); đang thực "
        "hiện trong hạn giảm 01 kỳ hạn; quá hạn chưa hoàn thành tăng 01 kỳ hạn; chưa đến hạn giảm "
        "03 kỳ hạn; nhiệm vụ thường xuyên hoặc theo lộ trình đang theo dõi không đổi; tỷ lệ hoàn "
        "thành tăng 16,7 điểm phần trăm (từ 50% lên 66,7%)."
    ) in vi
    assert "| I. Nhiệm vụ có ghi nhận tiến độ | 11 | 4 (+3) | 0 (-1) | 1 (+1) | 5 (-3) | 1 |" in vi
    assert "| Tỷ lệ hoàn thành | 50% | 66,7% | +16,7 |" in vi
    en = invoke([*args, "--lang", "en"]).stdout
    assert "Compared with quarter III/2023 (data as of 30/09/2023): done up 3 occurrences;" in en
    assert "completion rate up 16.7 percentage points (from 50% to 66.7%)." in en


def test_same_period_last_year_and_a_fall() -> None:
    # a year later the IV/2023 completions still count, and I.4's 2024 occurrence is open
    args = ["report", "-q", "I/2025", "-f", str(PROGRESS), "--compare-to", "IV/2023"]
    text = invoke(args).stdout
    assert "so với Quý IV/2023" in text and "giảm" in text


def test_golden_markdown_with_comparison() -> None:
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--date", "05/01/2024"]
    check_golden("compare-iv2023.md", invoke(args).stdout)
    args = ["report", "-q", "IV/2023", "-f", str(DATA), "--agency", "so tttt", "--lang", "en"]
    result = invoke([*args, "--date", "05/01/2024", "--compare-to", "IV/2022"])
    check_golden("compare-iv2023-so-tttt.en.md", result.stdout)


def test_table_format_shows_the_changes() -> None:
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "table"]
    result = invoke([*args, "--color", "never"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "4 (+3)" in result.stdout and "Quý III/2023" in result.stdout


def test_docx_carries_the_comparison(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "bao-cao.docx"
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "docx", "-o", str(target)]
    assert invoke([*args, "--date", "05/02/2024"]).exit_code == 0
    document = docx.Document(str(target))
    # the comparison table, by section, by agency, one overdue agency, milestones
    assert len(document.tables) == 5
    measures = document.tables[0]
    assert [c.text for c in measures.rows[0].cells] == [
        "Chỉ tiêu",
        "Quý III/2023",
        "Quý IV/2023",
        "Tăng (+), giảm (-)",
    ]
    assert [c.text for c in measures.rows[-1].cells] == [
        "Tỷ lệ hoàn thành",
        "50%",
        "66,7%",
        "+16,7",
    ]
    total = [c.text for c in document.tables[1].rows[-1].cells]
    assert total == ["Tổng cộng", "11", "4 (+3)", "0 (-1)", "1 (+1)", "5 (-3)", "1"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tăng 03 kỳ hạn so với Quý III/2023" in text


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        ("IV/2023", "phải là quý trước quý báo cáo", "must be a quarter before"),
        ("I/2024", "phải là quý trước quý báo cáo", "must be a quarter before"),
        ("Quý V/2023", "không phải là quý hợp lệ", "is not a quarter"),
    ],
)
def test_bad_compare_to_exits_2(value: str, vi: str, en: str) -> None:
    for lang, text in (("vi", vi), ("en", en)):
        args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--lang", lang]
        result = invoke([*args, "--compare-to", value])
        assert result.exit_code == 2 and text in result.stderr


def test_as_of_compares_with_the_quarter_before() -> None:
    value: dict[str, Any] = report_json("--as-of", "15/11/2023", file=PROGRESS)
    assert value["compared_to"]["quarter"] == "III/2023"
    assert json.dumps(value, ensure_ascii=False).count('"change"') > 1
