"""Whole-command tests of `cchc due`.

The expected lists were worked out by hand from Phụ lục 4 (data/tasks.yaml), not by running
the code. Occurrences of the shipped plan:
  one-off quarters: I.1 I/2022; I.2 II/2023; II.1 IV/2023; IV.1, IV.2 IV/2023; V.1, V.2 IV/2022;
    VI.3 IV/2025; VII.3 IV/2025; VII.4 IV/2023; VII.5 IV/2022; VII.6 IV/2025; VII.7 II/2022;
    VII.8 IV/2025; VII.9 IV/2023; VII.10 IV/2024; VIII.2, VIII.3, VIII.4, VIII.7 IV/2025
  yearly ("Hàng năm", due by December, 2022–2025): VI.1, VI.2, VII.1, VII.2, VII.11, VII.12,
    VII.13, VIII.6
  two milestones (IV/2022 and IV/2025): VIII.1, VIII.5
  conditional ("Thực hiện theo lộ trình Đề án của Trung ương"): III.1–III.4
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.cliutil import BadDate, parse_day_first

from .conftest import DATA, ROOT, TESTS, invoke

PROGRESS = TESTS / "data" / "progress_due.yaml"
GOLDEN = TESTS / "golden" / "due"
REGEN = os.environ.get("CCHC_REGEN_GOLDEN") == "1"

ANNUAL = ["VI.1", "VI.2", "VII.1", "VII.2", "VII.11", "VII.12", "VII.13", "VIII.6"]
CONDITIONAL = ["III.1", "III.2", "III.3", "III.4"]


def due_json(*args: str, file: Path = DATA) -> dict[str, Any]:
    result = invoke(["due", "--format", "json", "-f", str(file), *args])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["id"] for e in entries]


def keyed(entries: list[dict[str, Any]], field: str) -> dict[tuple[str, str | None], Any]:
    return {(e["id"], e["quarter"]): e[field] for e in entries}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} missing: run with CCHC_REGEN_GOLDEN=1 and review the diff"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


# --- the shipped plan at four reference quarters -------------------------------------------------
def test_ii_2022() -> None:
    value = due_json("--quarter", "II/2022")
    assert (value["quarter"], value["as_of"], value["upcoming_until"]) == (
        "II/2022",
        "2022-06-30",
        "III/2022",
    )
    assert ids(value["overdue"]) == ["I.1"]
    assert value["overdue"][0]["quarters_late"] == 1
    assert ids(value["due"]) == ["VII.7"]
    assert value["due"][0]["quarters_left"] == 0
    assert ids(value["upcoming"]) == []  # nothing falls in III/2022
    assert ids(value["no_fixed_deadline"]) == CONDITIONAL
    assert "done" not in value
    assert value["counts"] == {"overdue": 1, "due": 1, "upcoming": 0, "no_fixed_deadline": 4}


def test_ii_2022_two_quarters_ahead() -> None:
    value = due_json("--quarter", "Quý II/2022", "--ahead", "2")
    assert value["upcoming_until"] == "IV/2022"
    assert ids(value["upcoming"]) == [
        "V.1",
        "V.2",
        "VI.1",
        "VI.2",
        "VII.1",
        "VII.2",
        "VII.5",
        "VII.11",
        "VII.12",
        "VII.13",
        "VIII.1",
        "VIII.5",
        "VIII.6",
    ]
    assert {e["quarters_left"] for e in value["upcoming"]} == {2}


IV_2023_OVERDUE = [
    "I.1",
    "I.2",
    "V.1",
    "V.2",
    "VI.1",
    "VI.2",
    "VII.1",
    "VII.2",
    "VII.5",
    "VII.7",
    "VII.11",
    "VII.12",
    "VII.13",
    "VIII.1",
    "VIII.5",
    "VIII.6",
]
IV_2023_DUE = [
    "II.1",
    "IV.1",
    "IV.2",
    "VI.1",
    "VI.2",
    "VII.1",
    "VII.2",
    "VII.4",
    "VII.9",
    "VII.11",
    "VII.12",
    "VII.13",
    "VIII.6",
]


def test_iv_2023() -> None:
    value = due_json("--quarter", "IV/2023")
    assert (value["quarter"], value["as_of"]) == ("IV/2023", "2023-12-31")
    assert ids(value["overdue"]) == IV_2023_OVERDUE
    late = keyed(value["overdue"], "quarters_late")
    assert late[("I.1", "I/2022")] == 7
    assert late[("I.2", "II/2023")] == 2
    assert late[("VII.7", "II/2022")] == 6
    assert {late[(i, "IV/2022")] for i in [*ANNUAL, "V.1", "V.2", "VII.5", "VIII.1", "VIII.5"]} == {
        4
    }
    assert ids(value["due"]) == IV_2023_DUE
    assert ids(value["upcoming"]) == []  # nothing falls in I/2024
    assert ids(value["no_fixed_deadline"]) == CONDITIONAL


def test_iv_2023_entries_carry_the_issue_keys() -> None:
    value = due_json("--quarter", "IV/2023")
    first = value["overdue"][0]
    assert {
        k: first[k] for k in ("id", "lead", "deadline", "quarter", "due_date", "target", "status")
    } == {
        "id": "I.1",
        "lead": ["Sở Nội vụ"],
        "deadline": "Quý I/2022",
        "quarter": "I/2022",
        "due_date": "2022-03-31",
        "target": None,
        "status": "not_started",
    }
    assert first["title"].startswith("Đề án đẩy mạnh Cải cách hành chính")
    milestone = next(e for e in value["overdue"] if e["id"] == "VIII.1")
    assert milestone["target"] == "Hoàn thành 100% tại các bệnh viện"
    conditional = value["no_fixed_deadline"][0]
    assert conditional["quarter"] is None and conditional["due_date"] is None
    assert conditional["deadline"] == "Thực hiện theo lộ trình Đề án của Trung ương"
    yearly = next(e for e in value["due"] if e["id"] == "VI.1")
    assert (yearly["deadline"], yearly["label"]) == ("Hàng năm", "Hàng năm (2023)")


IV_2025_OVERDUE = [
    "I.1",
    "I.2",
    "II.1",
    "IV.1",
    "IV.2",
    "V.1",
    "V.2",
    *["VI.1"] * 3,
    *["VI.2"] * 3,
    *["VII.1"] * 3,
    *["VII.2"] * 3,
    "VII.4",
    "VII.5",
    "VII.7",
    "VII.9",
    "VII.10",
    *["VII.11"] * 3,
    *["VII.12"] * 3,
    *["VII.13"] * 3,
    "VIII.1",
    "VIII.5",
    *["VIII.6"] * 3,
]
IV_2025_DUE = [
    "VI.1",
    "VI.2",
    "VI.3",
    "VII.1",
    "VII.2",
    "VII.3",
    "VII.6",
    "VII.8",
    "VII.11",
    "VII.12",
    "VII.13",
    "VIII.1",
    "VIII.2",
    "VIII.3",
    "VIII.4",
    "VIII.5",
    "VIII.6",
    "VIII.7",
]


def test_iv_2025_the_last_quarter_of_the_plan() -> None:
    value = due_json("--quarter", "IV/2025")
    assert len(IV_2025_OVERDUE) == 38
    assert ids(value["overdue"]) == IV_2025_OVERDUE
    assert [e["quarter"] for e in value["overdue"] if e["id"] == "VI.1"] == [
        "IV/2022",
        "IV/2023",
        "IV/2024",
    ]
    late = keyed(value["overdue"], "quarters_late")
    assert late[("VII.10", "IV/2024")] == 4
    assert late[("I.1", "I/2022")] == 15
    assert ids(value["due"]) == IV_2025_DUE
    milestones = [e["target"] for e in value["due"] if e["id"] in ("VIII.1", "VIII.5")]
    assert milestones == [
        "Hoàn thành xây dựng 50% tổng các trường THPT, THCS, TH",
        "Hoàn thành điện tử hóa 50% tổng số quy trình được xây dựng",
    ]
    assert ids(value["upcoming"]) == []
    assert ids(value["no_fixed_deadline"]) == CONDITIONAL


def test_i_2026_after_the_plan_everything_open_is_overdue() -> None:
    value = due_json("--quarter", "I/2026")
    # what was overdue or due at IV/2025 is all overdue one quarter later
    assert sorted(ids(value["overdue"])) == sorted([*IV_2025_OVERDUE, *IV_2025_DUE])
    assert len(value["overdue"]) == 56
    assert value["due"] == value["upcoming"] == []
    late = keyed(value["overdue"], "quarters_late")
    assert late[("I.1", "I/2022")] == 16
    assert late[("VII.7", "II/2022")] == 15
    assert late[("VIII.7", "IV/2025")] == 1
    assert late[("VI.1", "IV/2022")] == 13
    assert ids(value["no_fixed_deadline"]) == CONDITIONAL


def test_plan_order_within_a_bucket() -> None:
    value = due_json("--quarter", "I/2026")
    overdue = ids(value["overdue"])
    assert overdue[:5] == ["I.1", "I.2", "II.1", "IV.1", "IV.2"]
    assert overdue[-3:] == ["VIII.6", "VIII.6", "VIII.7"]


# --- reference time ------------------------------------------------------------------------------
@pytest.mark.parametrize("as_of", ["15/11/2023", "2023-11-15", "15.11.2023", "ngày 15/11/2023"])
def test_as_of_is_day_first_or_iso(as_of: str) -> None:
    value = due_json("--as-of", as_of)
    assert (value["quarter"], value["as_of"]) == ("IV/2023", "2023-11-15")
    assert ids(value["overdue"]) == IV_2023_OVERDUE
    assert ids(value["due"]) == IV_2023_DUE


def test_as_of_iso_is_not_read_day_first() -> None:
    # dateutil with dayfirst=True reads "2023-02-03" as 2 March; it is 3 February
    assert due_json("--as-of", "2023-02-03")["as_of"] == "2023-02-03"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "31/02/2023"], "'31/02/2023' không phải là ngày hợp lệ (không có ngày này)"),
        (["--as-of", "11/2023"], "thiếu ngày, tháng hoặc năm"),
        (["--as-of", "hôm qua"], "không đọc được"),
        (["--quarter", "V/2023"], "'V/2023' không phải là quý hợp lệ"),
        (["--quarter", "IV/2023", "--as-of", "15/11/2023"], "--quarter và --as-of"),
        (["--as-of", "01/01/1800"], "năm phải từ 1900 đến 2999"),
        (["--ahead", "-1"], "--ahead phải là số quý từ 0 trở lên"),
        (["--ahead", "100000"], "--ahead 100000 vượt quá Quý IV/2999"),
        (["--role", "owner"], "vai trò 'owner' không hợp lệ"),
        (["--status", "xong"], "tình trạng 'xong' không hợp lệ"),
        (["--section", "IX"], "không có mục 'IX'"),
        (["--format", "pdf"], "định dạng 'pdf' không hỗ trợ"),
    ],
)
def test_bad_input_exits_2_with_a_message(args: list[str], message: str) -> None:
    result = invoke(["due", "-f", str(DATA), *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_date_in_english() -> None:
    result = invoke(["due", "-f", str(DATA), "--as-of", "31/02/2023", "--lang", "en"], lang="en")
    assert result.exit_code == 2
    assert "'31/02/2023' is not a valid date (no such day)" in result.stderr


def test_no_reference_means_today() -> None:
    # Whatever today is, the reference is today and its quarter.
    from datetime import date

    from cchc.quarter import Quarter

    value = due_json()
    today = date.fromisoformat(value["as_of"])
    assert abs((today - date.today()).days) <= 1
    assert value["quarter"] == Quarter.of(today).label()


# --- progress records ----------------------------------------------------------------------------
def test_progress_done_on_time_late_and_after_the_reference() -> None:
    value = due_json("--quarter", "IV/2023", "--all", file=PROGRESS)
    assert ids(value["overdue"]) == ["I.8"]
    assert value["overdue"][0]["status"] == "in_progress"
    assert value["overdue"][0]["progress"]["note"] == "Chờ ý kiến các sở"
    # done on 10/01/2024, after the reference date: still due at IV/2023
    assert ids(value["due"]) == ["I.3"]
    assert value["due"][0]["status"] == "not_started"
    assert value["due"][0]["reported"] is False
    assert ids(value["upcoming"]) == ["I.9"]
    assert ids(value["no_fixed_deadline"]) == ["I.6"]
    assert value["no_fixed_deadline"][0]["status"] == "in_progress"
    assert [(e["id"], e["quarter"], e["status"], e["completed_on"]) for e in value["done"]] == [
        ("I.1", "IV/2023", "done", "2023-12-20"),
        ("I.2", "II/2023", "done_late", "2023-08-15"),
        ("I.4", "IV/2023", "done", "2023-12-28"),
        ("I.7", "IV/2023", "done_late", "2023-12-15"),  # due 30/11/2023
    ]
    assert value["done"][0]["progress"]["evidence"] == "Quyết định số 3456/QĐ-UBND ngày 20/12/2023"


def test_progress_done_items_are_hidden_without_all() -> None:
    value = due_json("--quarter", "IV/2023", file=PROGRESS)
    assert "done" not in value
    assert "done" not in value["counts"]
    assert ids(value["overdue"]) == ["I.8"]


def test_progress_as_of_mid_december() -> None:
    value = due_json("--as-of", "15/12/2023", "--all", file=PROGRESS)
    # I.1 was still in progress on 15/12 (done 20/12); I.7's completion on 15/12 counts
    assert ids(value["due"]) == ["I.1", "I.3", "I.4"]
    assert value["due"][0]["status"] == "in_progress"
    assert ids(value["done"]) == ["I.2", "I.7"]


def test_progress_in_the_next_quarter() -> None:
    value = due_json("--quarter", "I/2024", "--all", file=PROGRESS)
    assert ids(value["overdue"]) == ["I.8"]
    assert value["overdue"][0]["quarters_late"] == 2
    assert ids(value["due"]) == ["I.9"]
    assert (value["due"][0]["status"], value["due"][0]["reported"]) == ("not_started", True)
    assert ids(value["upcoming"]) == ["I.5"]
    assert ids(value["done"]) == ["I.1", "I.2", "I.3", "I.4", "I.7"]
    assert value["done"][2]["status"] == "done_late"


def test_progress_percent_of_milestones() -> None:
    value = due_json("--quarter", "IV/2024", file=PROGRESS)
    assert [(e["id"], e["quarter"], e["percent"]) for e in value["overdue"]] == [
        ("I.5", "II/2024", 45.0),
        ("I.8", "III/2023", None),
        ("I.9", "I/2024", None),
    ]
    assert [(e["id"], e["quarter"], e["percent"]) for e in value["due"]] == [
        ("I.4", "IV/2024", 40.0),
        ("I.5", "IV/2024", None),
    ]


def test_status_filter() -> None:
    value = due_json("--quarter", "IV/2023", "--status", "đang thực hiện", file=PROGRESS)
    assert ids(value["overdue"]) == ["I.8"]
    assert ids(value["no_fixed_deadline"]) == ["I.6"]
    assert value["due"] == value["upcoming"] == []
    assert value["status_filter"] == ["in_progress"]
    # asking for completed states shows them without --all
    late = due_json("--quarter", "IV/2023", "--status", "hoan thanh qua han", file=PROGRESS)
    assert ids(late["done"]) == ["I.2", "I.7"]
    assert late["overdue"] == late["due"] == []


# --- agency filters ------------------------------------------------------------------------------
SO_TTTT_OVERDUE = ["VII.1", "VII.2", "VII.11", "VII.13"]
SO_TTTT_DUE = ["VII.1", "VII.2", "VII.9", "VII.11", "VII.13"]


@pytest.mark.parametrize(
    "query", ["so tttt", "Sở TTTT", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "so thong tin va truyen thong"]
)
def test_agency_so_tttt(query: str) -> None:
    value = due_json("--quarter", "IV/2023", "--agency", query)
    assert value["agency"] == {
        "name": "Sở Thông tin và Truyền thông",
        "role": "lead",
        "direct": False,
    }
    assert ids(value["overdue"]) == SO_TTTT_OVERDUE
    assert ids(value["due"]) == SO_TTTT_DUE
    assert value["no_fixed_deadline"] == []
    vias = {e["id"]: e["match"]["via"] for e in value["due"]}
    assert vias == {
        "VII.1": "group",
        "VII.2": "group",
        "VII.9": "direct",
        "VII.11": "group",
        "VII.13": "direct",
    }
    assert value["due"][0]["match"]["through"] == "Sở, ban, ngành"


def test_agency_so_tttt_direct() -> None:
    value = due_json("--quarter", "IV/2023", "--agency", "so tttt", "--direct")
    assert ids(value["overdue"]) == ["VII.13"]
    assert ids(value["due"]) == ["VII.9", "VII.13"]


@pytest.mark.parametrize(
    "query",
    ["so noi vu", "Sở Nội vụ", "SỞ NỘI VỤ", "So\u031b\u0309 No\u0302\u0323i vu\u0323", "SNV"],
)
def test_agency_so_noi_vu(query: str) -> None:
    value = due_json("--quarter", "IV/2023", "--agency", query)
    assert value["agency"]["name"] == "Sở Nội vụ"
    assert ids(value["overdue"]) == ["I.1", "I.2", "V.1", "V.2", "VII.1", "VII.2", "VII.11"]
    assert ids(value["due"]) == ["IV.1", "VII.1", "VII.2", "VII.11"]
    direct = due_json("--quarter", "IV/2023", "--agency", query, "--direct")
    assert ids(direct["overdue"]) == ["I.1", "I.2", "V.1", "V.2"]
    assert ids(direct["due"]) == ["IV.1"]


def test_agency_so_tai_chinh_through_the_group() -> None:
    value = due_json("--quarter", "IV/2023", "--agency", "Sở Tài chính")
    assert ids(value["overdue"]) == ["VI.1", "VI.2", "VII.1", "VII.2", "VII.11"]
    assert ids(value["due"]) == ["VI.1", "VI.2", "VII.1", "VII.2", "VII.11"]
    assert [e["match"]["via"] for e in value["overdue"]] == [
        "direct",
        "direct",
        "group",
        "group",
        "group",
    ]


def test_agency_marked_via_group_in_markdown() -> None:
    result = invoke(
        [
            "due",
            "-f",
            str(DATA),
            "-q",
            "IV/2023",
            "--agency",
            "so tai chinh",
            "--format",
            "markdown",
        ]
    )
    assert "Cơ quan: Sở Tài chính (chủ trì); kể cả nhiệm vụ giao cho nhóm Sở, ban, ngành." in (
        result.stdout
    )
    assert "| Hàng năm (2022) | IV/2022 | 4 | qua nhóm Sở, ban, ngành |" in result.stdout
    assert "| Hàng năm (2022) | IV/2022 | 4 | trực tiếp |" in result.stdout


def test_agency_role_partner() -> None:
    value = due_json("--quarter", "IV/2023", "--agency", "so tttt", "--role", "partner")
    assert ids(value["overdue"]) == [
        "I.1",
        "I.2",
        "V.1",
        "V.2",
        "VI.1",
        "VI.2",
        "VII.1",
        "VII.2",
        "VII.5",
        "VII.7",
        "VIII.5",
        "VIII.6",
    ]
    assert ids(value["due"]) == ["II.1", "VI.1", "VI.2", "VII.1", "VII.2", "VII.4", "VIII.6"]
    assert ids(value["no_fixed_deadline"]) == ["III.1", "III.2"]
    assert {e["match"]["role"] for e in value["overdue"]} == {"partner"}
    direct = due_json(
        "--quarter", "IV/2023", "--agency", "so tttt", "--role", "partner", "--direct"
    )
    assert ids(direct["overdue"]) == ["VII.1", "VII.2", "VII.5", "VII.7"]
    assert ids(direct["due"]) == ["VII.1", "VII.2", "VII.4"]
    assert direct["no_fixed_deadline"] == []


def test_agency_role_any() -> None:
    value = due_json("--quarter", "IV/2023", "--agency", "so tttt", "--role", "any", "--direct")
    # lead of VII.13 and VII.9, partner of VII.1, VII.2, VII.4, VII.5, VII.7
    assert ids(value["overdue"]) == ["VII.1", "VII.2", "VII.5", "VII.7", "VII.13"]
    assert ids(value["due"]) == ["VII.1", "VII.2", "VII.4", "VII.9", "VII.13"]


def test_successor_inherits_the_predecessor_tasks_after_the_merger() -> None:
    # Sở TTTT merged into Sở Khoa học và Công nghệ on 01/03/2025
    value = due_json("--quarter", "IV/2025", "--agency", "Sở KH&CN")
    assert value["agency"]["name"] == "Sở Khoa học và Công nghệ"
    assert ids(value["overdue"]) == [
        *["VII.1"] * 3,
        *["VII.2"] * 3,
        "VII.9",
        "VII.10",
        *["VII.11"] * 3,
        *["VII.13"] * 3,
        "VIII.1",
        "VIII.5",
        *["VIII.6"] * 3,
    ]
    assert ids(value["due"]) == [
        "VII.1",
        "VII.2",
        "VII.3",
        "VII.8",
        "VII.11",
        "VII.13",
        "VIII.1",
        "VIII.3",
        "VIII.4",
        "VIII.5",
        "VIII.6",
        "VIII.7",
    ]
    via = {e["id"]: (e["match"]["via"], e["match"]["through"]) for e in value["due"]}
    assert via["VII.3"] == ("predecessor", "Sở Thông tin và Truyền thông")
    assert via["VIII.3"] == ("direct", None)
    # before the merger the predecessor answered for its own tasks
    before = due_json("--quarter", "IV/2024", "--agency", "Sở KH&CN")
    assert not {"VII.3", "VII.8", "VII.9", "VII.13"} & set(ids(before["overdue"] + before["due"]))
    markdown = invoke(
        ["due", "-f", str(DATA), "-q", "IV/2025", "-a", "so khcn", "--format", "markdown"]
    ).stdout
    assert "| qua cơ quan tiền nhiệm Sở Thông tin và Truyền thông |" in markdown
    assert "kể cả nhiệm vụ của cơ quan tiền nhiệm Sở Thông tin và Truyền thông" in markdown


def test_agency_through_a_district_group() -> None:
    value = due_json("--quarter", "IV/2025", "--agency", "ubnd tp ha tinh")
    assert value["agency"]["name"] == "Ủy ban nhân dân thành phố Hà Tĩnh"
    assert ids(value["due"]) == ["VII.1", "VII.2", "VII.6", "VIII.1", "VIII.2"]
    scoped = next(e for e in value["due"] if e["id"] == "VIII.1")
    assert scoped["match"] == {
        "role": "lead",
        "via": "group",
        "through": "Ủy ban nhân dân cấp huyện",
        "scope": "các trường THCS, Tiểu học",
    }


def test_unknown_agency_exits_2_with_a_suggestion() -> None:
    result = invoke(["due", "-f", str(DATA), "--agency", "Sở Tài chín"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "không có cơ quan 'Sở Tài chín'; có phải là Sở Tài chính?" in result.stderr
    english = invoke(["due", "-f", str(DATA), "--agency", "so tai chin", "--lang", "en"], "en")
    assert "no agency 'so tai chin'; did you mean Sở Tài chính?" in english.stderr


def test_unknown_agency_without_a_close_name() -> None:
    result = invoke(["due", "-f", str(DATA), "--agency", "xyzzy"])
    assert result.exit_code == 2
    assert "không có cơ quan 'xyzzy'; tên cơ quan và tên viết tắt" in result.stderr


def test_ambiguous_agency_exits_2(tmp_path: Path) -> None:
    plan = (TESTS / "data" / "minimal.yaml").read_text(encoding="utf-8")
    plan = plan.replace(
        "  - name: Sở Nội vụ\n",
        "  - name: Sở Tư pháp\n  - name: Sở Tự pháp\n  - name: Sở Nội vụ\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    result = invoke(["due", "-f", str(path), "--agency", "so tu phap"])
    assert result.exit_code == 2, result.stderr
    assert "'so tu phap' khớp với nhiều cơ quan: Sở Tư pháp; Sở Tự pháp" in result.stderr
    assert invoke(["due", "-f", str(path), "--agency", "Sở Tự pháp"]).exit_code == 0


def test_section_filter() -> None:
    value = due_json("--quarter", "IV/2023", "--section", "vii")
    assert value["section"] == "VII"
    assert ids(value["overdue"]) == [
        "VII.1",
        "VII.2",
        "VII.5",
        "VII.7",
        "VII.11",
        "VII.12",
        "VII.13",
    ]
    assert ids(value["due"]) == ["VII.1", "VII.2", "VII.4", "VII.9", "VII.11", "VII.12", "VII.13"]
    assert value["no_fixed_deadline"] == []


# --- exit codes ----------------------------------------------------------------------------------
def test_fail_on_overdue() -> None:
    args = ["due", "-f", str(DATA), "--format", "json", "--fail-on-overdue"]
    overdue = invoke([*args, "--quarter", "IV/2023"])
    assert overdue.exit_code == 1
    assert ids(json.loads(overdue.stdout)["overdue"]) == IV_2023_OVERDUE
    clean = invoke([*args, "--quarter", "II/2022", "--agency", "so tai chinh"])
    assert clean.exit_code == 0
    assert invoke(["due", "-f", str(DATA), "--quarter", "IV/2023"]).exit_code == 0


def test_broken_plan_exits_1() -> None:
    result = invoke(["due", "-f", str(TESTS / "broken" / "D001-deadline-unparsed.yaml")])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_help_is_vietnamese_with_an_example() -> None:
    result = invoke(["due", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # the help is wrapped to the terminal
    assert "Nhiệm vụ quá hạn, đến hạn trong quý" in text
    assert "Ví dụ: cchc due --quarter IV/2023 --agency 'so noi vu'" in text
    english = " ".join(invoke(["due", "--help"], lang="en").stdout.split())
    assert "Example: cchc due --quarter IV/2023" in english


# --- formats -------------------------------------------------------------------------------------
def test_csv_has_bom_and_a_bucket_column() -> None:
    result = invoke(["due", "-f", str(DATA), "-q", "IV/2023", "--format", "csv"])
    raw = result.stdout_bytes.decode("utf-8")
    lines = raw.split("\r\n")
    assert lines[0].startswith("\ufeffbucket,id,section,title,lead,partners,deadline,kind,label")
    buckets = [line.split(",", 1)[0] for line in lines[1:] if line]
    assert buckets == ["overdue"] * 16 + ["due"] * 13 + ["no_fixed_deadline"] * 4


def test_markdown_states_the_reference_date_and_empty_buckets() -> None:
    result = invoke(["due", "-f", str(DATA), "-q", "IV/2023", "--format", "markdown"])
    out = result.stdout
    assert "Số liệu tính đến ngày 31/12/2023." in out
    assert "## I. Quá hạn (16)" in out
    assert "## III. Sắp đến hạn trong Quý I/2024 (0)" in out
    assert "Không có nhiệm vụ sắp đến hạn trong Quý I/2024." in out
    assert "\x1b" not in out
    nothing = invoke(
        ["due", "-f", str(DATA), "-q", "II/2022", "-a", "so tai chinh", "--format", "markdown"]
    )
    assert "Không có nhiệm vụ quá hạn." in nothing.stdout


def test_markdown_escapes_pipes_in_cells() -> None:
    result = invoke(["due", "-f", str(PROGRESS), "-q", "IV/2024", "--format", "markdown"])
    assert "| Quý II/2024: Hoàn thành 50% \\| bước 1 | II/2024 | 2 | đang thực hiện (45%) |" in (
        result.stdout
    )


def test_markdown_golden_iv_2023() -> None:
    result = invoke(["due", "-f", str(DATA), "-q", "IV/2023", "--format", "markdown"])
    check_golden("iv2023.md", result.stdout)


def test_markdown_golden_agency_english() -> None:
    args = ["due", "-f", str(DATA), "-q", "IV/2025", "-a", "so khcn", "--format", "markdown"]
    result = invoke([*args, "--lang", "en"], lang="en")
    check_golden("iv2025-so-khcn.en.md", result.stdout)


def test_markdown_golden_progress_all() -> None:
    args = ["due", "-f", str(PROGRESS), "-q", "IV/2023", "--all", "--format", "markdown"]
    check_golden("progress-iv2023-all.md", invoke(args).stdout)


def test_table_golden_at_100_columns() -> None:
    args = ["due", "-f", str(DATA), "-q", "IV/2023", "--color", "never"]
    result = invoke(args, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    check_golden("iv2023-table-100.txt", result.stdout)


def test_table_golden_progress_agency_at_80_columns() -> None:
    args = ["due", "-f", str(PROGRESS), "-q", "I/2024", "--all", "-a", "so noi vu"]
    result = invoke([*args, "--color", "never"], env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    check_golden("progress-i2024-so-noi-vu-table-80.txt", result.stdout)


def test_table_counts_line_comes_first_and_empty_buckets_say_so() -> None:
    result = invoke(["due", "-f", str(DATA), "-q", "IV/2023", "--color", "never"])
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Nhiệm vụ quá hạn, đến hạn và sắp đến hạn – Quý IV/2023",
        "Kế hoạch: Các đề án, nhiệm vụ trọng tâm về cải cách hành chính đến năm 2025",
        "Số liệu tính đến ngày 31/12/2023",
        "Quá hạn: 16 · Đến hạn: 13 · Sắp đến hạn: 0 · Không có thời hạn cố định: 4",
    ]
    assert "Không có nhiệm vụ sắp đến hạn trong Quý I/2024." in lines


def test_table_overdue_is_red() -> None:
    result = invoke(["due", "-f", str(DATA), "-q", "IV/2023", "--color", "always"])
    out = result.stdout
    overdue_block = out[out.index("Quá hạn (16)") - 20 : out.index("Đến hạn trong Quý IV/2023")]
    due_block = out[out.index("Đến hạn trong Quý IV/2023") :]
    assert "\x1b[31m" in overdue_block or "\x1b[1;31m" in overdue_block
    assert "\x1b[31m" not in due_block
    plain = invoke(["due", "-f", str(DATA), "-q", "IV/2023"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def _records(block: str) -> list[dict[str, str]]:
    """Read back one bucket of the terminal output as {header: cell text} per item.

    Handles both layouts: the grid (one row per item) and the stacked blocks used when the
    terminal is too narrow. Folded lines are joined with spaces.
    """
    lines = block.splitlines()
    records: list[dict[str, str]] = []
    if any(line.startswith("┏") for line in lines):
        header_lines = [line for line in lines if line.startswith("┃")]
        split = [line.split("┃")[1:-1] for line in header_lines]
        headers = [
            " ".join(" ".join(row[i].split()) for row in split).strip()
            for i in range(len(split[0]))
        ]
        headers = [" ".join(h.split()) for h in headers]
        current: list[list[str]] = []
        for line in lines:
            if line.startswith("│"):
                current.append([c.strip() for c in line.split("│")[1:-1]])
            elif current and line[:1] in ("├", "└"):
                records.append(
                    {h: " ".join(r[i] for r in current if r[i]) for i, h in enumerate(headers)}
                )
                current = []
        return records
    fields: dict[str, list[str]] = {}
    label = ""
    for line in lines:
        if line.startswith("│"):
            name, value = (c.strip() for c in line.split("│")[1:-1])
            label = name or label  # labels fit their column; an empty one continues the value
            fields.setdefault(label, []).append(value)
        elif fields and line[:1] in ("├", "└"):
            records.append({k: " ".join(v for v in vs if v) for k, vs in fields.items()})
            fields, label = {}, ""
    return records


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
def test_narrow_terminal_cuts_nothing(width: int) -> None:
    result = invoke(
        ["due", "-f", str(DATA), "-q", "IV/2023", "--color", "never"],
        env={"COLUMNS": str(width)},
    )
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    overdue = out[out.index("Quá hạn (16)") : out.index("Đến hạn trong Quý IV/2023")]
    records = _records(overdue)
    value = due_json("--quarter", "IV/2023")

    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    # nothing is reported in the shipped plan: every overdue occurrence is stale (marked *)
    assert [squash(r["STT"]) for r in records] == [f"{i}*" for i in IV_2023_OVERDUE]
    assert [squash(r["Nhiệm vụ"]) for r in records] == [
        squash(e["title"]) for e in value["overdue"]
    ]
    lead = "Cơ quan chủ trì"
    assert squash(records[-1][lead]) == squash("Sở Khoa học và Công nghệ")
    assert squash(records[-1]["Số quý quá hạn"]) == "4"


def test_json_and_markdown_do_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from cchc.cli import main\n"
        "for fmt in ('json', 'markdown', 'csv'):\n"
        "    try:\n"
        f"        main(['due', '-f', {str(DATA)!r}, '-q', 'IV/2023', '--format', fmt])\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, exit.code\n"
        "loaded = sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "[]"


# --- the date parser -----------------------------------------------------------------------------
@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1)))
def test_parse_day_first_round_trips(day: Any) -> None:
    if day.year > 2999:
        return
    for text in (
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year}",
        day.strftime("%d.%m.%Y"),
        day.isoformat(),
        f"ngày {day.day} tháng {day.month} năm {day.year}",
    ):
        assert parse_day_first(text) == day, text


@given(
    year=st.integers(1900, 2999),
    month=st.sampled_from([2, 4, 6, 9, 11]),
    day=st.integers(30, 31),
)
def test_parse_day_first_refuses_days_that_do_not_exist(year: int, month: int, day: int) -> None:
    import calendar

    if day <= calendar.monthrange(year, month)[1]:
        return
    with pytest.raises(BadDate) as caught:
        parse_day_first(f"{day}/{month}/{year}")
    assert caught.value.reason == "no_such_day"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("11/2023", "incomplete"), ("2023", "incomplete"), ("15", "incomplete"), ("", "unreadable")],
)
def test_parse_day_first_refuses_partial_dates(text: str, reason: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_day_first(text)
    assert caught.value.reason == reason


def test_the_collector_is_paused_for_the_command_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loaded plan and what is drawn from it make no cyclic garbage, so the collector waits
    until the command ends (0.8 s of 7.4 s on 100k tasks); then it is on again, even when the
    command failed, for whatever else the process runs."""
    import gc

    from cchc.render import due_table

    seen: list[bool] = []
    real = due_table.due_table

    def spy(*args: Any, **kwargs: Any) -> str:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(due_table, "due_table", spy)
    assert gc.isenabled()
    result = invoke(["due", "--quarter", "IV/2023"])
    assert result.exit_code == 0, result.output
    assert seen == [False]
    assert gc.isenabled()
    broken = invoke(["due", "--quarter", "IV/2023", "--file", str(TESTS / "broken" / "missing")])
    assert broken.exit_code == 2
    assert gc.isenabled()
