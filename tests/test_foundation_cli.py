"""Whole-command tests of validate, list and show on the shipped plan, and how cchc finds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc import __version__
from cchc.load import locate, packaged_plan

from .conftest import DATA, ROOT, TESTS, invoke

# Written by hand from Phụ lục 4: tasks per section, I to VIII.
TASKS_PER_SECTION = {"I": 2, "II": 1, "III": 4, "IV": 2, "V": 2, "VI": 3, "VII": 13, "VIII": 7}


def test_shipped_plan_validates_clean() -> None:
    result = invoke(["validate", str(DATA)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("không có lỗi (34 nhiệm vụ).\n")


def test_shipped_plan_validates_clean_in_every_format() -> None:
    assert json.loads(invoke(["validate", str(DATA), "--format", "json"]).stdout) == []
    assert invoke(["validate", str(DATA), "--format", "github"]).stdout == ""
    assert invoke(["validate", str(DATA), "--format", "parsable", "--strict"]).exit_code == 0


def test_list_json_has_all_34_tasks_in_plan_order() -> None:
    result = invoke(["list", "--file", str(DATA), "--format", "json"])
    tasks = json.loads(result.stdout)
    assert len(tasks) == 34
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task["section"]] = counts.get(task["section"], 0) + 1
        assert task["id"] == f"{task['section']}.{counts[task['section']]}"
    assert counts == TASKS_PER_SECTION
    assert {"id", "section", "title", "lead", "partners", "deadline", "kind", "occurrences"} <= set(
        tasks[0]
    )


def test_list_json_kinds_and_occurrences() -> None:
    tasks = {
        t["id"]: t for t in json.loads(invoke(["list", "-f", str(DATA), "--format", "json"]).stdout)
    }
    assert tasks["I.1"]["kind"] == "quarter"
    assert tasks["I.1"]["occurrences"] == [
        {"quarter": "I/2022", "due_date": "2022-03-31", "target": None}
    ]
    assert tasks["III.1"]["kind"] == "conditional"
    assert tasks["III.1"]["occurrences"] == []
    assert tasks["VI.1"]["kind"] == "annual"
    assert [o["quarter"] for o in tasks["VI.1"]["occurrences"]] == [
        "IV/2022",
        "IV/2023",
        "IV/2024",
        "IV/2025",
    ]
    assert tasks["VIII.1"]["kind"] == "milestones"
    assert tasks["VIII.1"]["occurrences"] == [
        {
            "quarter": "IV/2022",
            "due_date": "2022-12-31",
            "target": "Hoàn thành 100% tại các bệnh viện",
        },
        {
            "quarter": "IV/2025",
            "due_date": "2025-12-31",
            "target": "Hoàn thành xây dựng 50% tổng các trường THPT, THCS, TH",
        },
    ]
    # the source prints this item as "99"; the data file records it as VII.9
    assert tasks["VII.9"]["title"].startswith("Xây dựng Cổng dữ liệu số cấp tỉnh")
    assert tasks["VII.4"]["title"].startswith("Phát triển hệ thống thông tin báo cáo")


def test_scoped_leads_are_kept() -> None:
    task = json.loads(invoke(["show", "VIII.1", "-f", str(DATA), "--format", "json"]).stdout)
    assert [(d["agency"], d["scope"]) for d in task["lead_detail"]] == [
        ("Sở Khoa học và Công nghệ", "các Bệnh viện và Trường Trung học phổ thông"),
        ("Ủy ban nhân dân cấp huyện", "các trường THCS, Tiểu học"),
    ]


def test_lead_names_resolve_to_the_registry_spelling() -> None:
    task = json.loads(invoke(["show", "vii.9", "-f", str(DATA), "--format", "json"]).stdout)
    assert task["lead"] == ["Sở Thông tin và Truyền thông"]
    assert task["lead_detail"][0]["written"] == "Sở TTTT"


def test_show_text() -> None:
    result = invoke(["show", "IV.1", "-f", str(DATA), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "IV.1. Đề án sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2022 - 2025, "
        "định hướng đến năm 2030",
        "Section: IV. Cải cách tổ chức bộ máy",
        "Lead:",
    ]
    assert (
        "Note: Nếu Trung ương chỉ đạo sớm hơn thì thực hiện theo lộ trình của Trung ương"
        in result.stdout
    )


def test_show_unknown_task_suggests() -> None:
    result = invoke(["show", "VII.99", "-f", str(DATA)])
    assert result.exit_code == 2
    assert "không có nhiệm vụ 'VII.99'" in result.stderr
    assert "VII.9" in result.stderr


def test_list_section_markdown() -> None:
    result = invoke(["list", "-f", str(DATA), "--section", "ii", "--format", "markdown"])
    assert result.exit_code == 0
    assert "## II. Cải cách thể chế" in result.stdout
    assert (
        "| II.1 | Đề án hoàn thiện hệ thống văn bản quy phạm pháp luật của địa phương |"
        in result.stdout
    )
    assert "VII.1" not in result.stdout


def test_list_csv_has_bom_and_header() -> None:
    result = invoke(["list", "-f", str(DATA), "--format", "csv"])
    raw = result.stdout_bytes.decode("utf-8")  # .stdout folds CRLF; the bytes keep it
    header = "id,section,title,lead,lead_detail,partners,partners_detail,deadline,kind,occurrences,"
    assert raw.startswith("\ufeff" + header + "note,progress,line\r\n")
    assert raw.count("\r\n") == 35


def test_list_table_renders_every_task() -> None:
    result = invoke(["list", "-f", str(DATA), "--color", "never"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for task_id in ("I.1", "VII.13", "VIII.7"):
        assert task_id in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stdout.rstrip().endswith("34 nhiệm vụ")


def test_commands_refuse_broken_data() -> None:
    path = TESTS / "broken" / "D001-deadline-unparsed.yaml"
    result = invoke(["list", "-f", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "D001" in result.stderr and "cchc validate" in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "no/such/file.yaml"], 2),
        (["validate", str(TESTS)], 2),
        (["list", "--format", "xml", "-f", str(DATA)], 2),
        (["validate", "--lang", "fr", str(DATA)], 2),
        (["list", "--section", "IX", "-f", str(DATA)], 2),
        (["frobnicate"], 2),
    ],
)
def test_could_not_run_exits_2(args: list[str], code: int) -> None:
    result = invoke(args)
    assert result.exit_code == code
    assert "Traceback" not in result.stdout + result.stderr


def test_version() -> None:
    assert invoke(["--version"]).stdout == f"cchc {__version__}\n"


def test_locate_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert locate(None, nested) == packaged_plan()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tasks.yaml").write_text("x", encoding="utf-8")
    assert locate(None, nested) == tmp_path / "data" / "tasks.yaml"
    monkeypatch.setenv("CCHC_DATA", "/elsewhere.yaml")
    assert locate(None, nested) == Path("/elsewhere.yaml")
    assert locate("given.yaml", nested) == Path("given.yaml")


def test_packaged_plan_is_the_shipped_plan() -> None:
    assert packaged_plan().read_bytes() == DATA.read_bytes()


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=60)


def test_launcher_script_and_module_work_from_a_checkout(tmp_path: Path) -> None:
    by_script = _run(sys.executable, str(ROOT / "cli.py"), "validate", cwd=ROOT)
    assert by_script.returncode == 0, by_script.stderr
    assert by_script.stdout == "data/tasks.yaml: không có lỗi (34 nhiệm vụ).\n"
    by_module = _run(sys.executable, "-m", "cchc", "validate", "--lang", "en", cwd=tmp_path)
    assert by_module.returncode == 0, by_module.stderr
    assert "no problems (34 tasks)" in by_module.stdout


def test_readme_code_table_is_current() -> None:
    from cchc.problems import catalogue_markdown

    assert catalogue_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")
