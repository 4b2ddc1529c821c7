"""Roll-ups: several plan files or a folder read as one, by every reading command.

Counts across the files are checked against each file alone; the shared registry against
spellings that must merge and ones that must not (R001, located in the later file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cchc.rollup import keys_for

from .conftest import DATA, TESTS, invoke

PROGRESS = (TESTS / "data" / "progress_due.yaml").read_text(encoding="utf-8")
COUNTS = ("items", "done", "in_progress", "overdue", "not_yet_due", "no_fixed_deadline")

# b.yaml writes Sở Nội vụ differently; the shared alias SNV makes it the same agency
B_REGISTRY = ("  - name: Sở Nội vụ\n", "  - name: Sở Nội vụ tỉnh Hà Tĩnh\n    aliases: [SNV]\n")
A_REGISTRY = ("  - name: Sở Nội vụ\n", "  - name: Sở Nội vụ\n    aliases: [SNV]\n")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(PROGRESS.replace(*A_REGISTRY), encoding="utf-8")
    b = PROGRESS.replace(*B_REGISTRY).replace("- Sở Nội vụ\n", "- Sở Nội vụ tỉnh Hà Tĩnh\n")
    (folder / "b.yaml").write_text(b, encoding="utf-8")
    return folder


def run_json(*args: str) -> Any:
    result = invoke([*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_report_counts_across_the_files(plans: Path) -> None:
    both = run_json("report", str(plans), "-q", "IV/2023")
    alone = run_json("report", "-f", str(plans / "a.yaml"), "-q", "IV/2023")
    for key in COUNTS:
        assert both["summary"][key] == 2 * alone["summary"][key], key
    assert both["summary"]["tasks"] == 18
    assert both["summary"]["completion_rate"] == alone["summary"]["completion_rate"]
    # one row per plan's section, its plan in front
    assert [r["section"] for r in both["by_section"]] == ["a/I", "b/I"]
    # one agency, not two: its row counts both files' tasks
    rows = {r["agency"]: r for r in both["by_agency"]}
    assert "Sở Nội vụ tỉnh Hà Tĩnh" not in rows
    single = {r["agency"]: r for r in alone["by_agency"]}
    assert rows["Sở Nội vụ"]["items"] == 2 * single["Sở Nội vụ"]["items"]
    # and the comparison with the quarter before counts across them too
    assert both["compared_to"]["summary"]["done"] == 2 * alone["compared_to"]["summary"]["done"]


def test_files_and_folder_give_the_same_roll_up(plans: Path) -> None:
    files = [str(plans / "a.yaml"), str(plans / "b.yaml")]
    assert run_json("report", *files, "-q", "IV/2023") == run_json(
        "report", str(plans), "-q", "IV/2023"
    )
    # the same file twice (in the folder and named) is read once
    again = run_json("report", str(plans), files[0], "-q", "IV/2023")
    assert again["summary"]["tasks"] == 18


def test_one_file_as_an_argument_is_the_plain_plan() -> None:
    assert run_json("list", str(DATA)) == run_json("list", "-f", str(DATA))


def test_due_keeps_each_tasks_plan_and_filters_across(plans: Path) -> None:
    value = run_json("due", str(plans), "-q", "IV/2023", "--agency", "snv")
    ids = [item["id"] for item in value["overdue"]]
    assert ids == ["a/I.8", "b/I.8"]
    result = invoke(["due", str(plans), "-q", "IV/2023", "--section", "b/I", "--color", "never"])
    assert result.exit_code == 0 and "b/I.8" in result.stdout and "a/I.8" not in result.stdout


def test_list_has_a_heading_per_plan(plans: Path) -> None:
    text = invoke(["list", str(plans), "--format", "markdown"]).stdout
    assert "## a/I. Nhiệm vụ có ghi nhận tiến độ" in text
    assert "## b/I. Nhiệm vụ có ghi nhận tiến độ" in text
    assert "Tổng hợp 02 kế hoạch" not in text  # the two files have one title: it stays


def test_agencies_one_registry(plans: Path) -> None:
    rows = {r["name"]: r for r in run_json("agencies", str(plans), "-q", "IV/2023")["agencies"]}
    noi_vu = rows["Sở Nội vụ"]
    assert noi_vu["aliases"] == ["SNV", "Sở Nội vụ tỉnh Hà Tĩnh"]
    assert (noi_vu["lead"], noi_vu["lead_overdue"], noi_vu["partner"]) == (6, 2, 2)
    assert rows["Sở, ban, ngành"]["lead"] == 4


def test_export_events_from_every_plan(plans: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    assert invoke(["export", str(plans), "-o", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    uids = [line for line in text.splitlines() if line.startswith("UID:")]
    assert len(uids) == 2 * 10 and len(set(uids)) == len(uids)


def conflicting(plans: Path) -> tuple[Path, int]:
    """c.yaml: Sở Tư pháp with the alias SNV, which a.yaml gives Sở Nội vụ."""
    text = PROGRESS.replace("  - name: Sở Tư pháp\n", "  - name: Sở Tư pháp\n    aliases: [SNV]\n")
    path = plans / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path, line_of(text, "  - name: Sở Tư pháp")


def test_registry_conflict_is_located_in_the_later_file(plans: Path) -> None:
    path, line = conflicting(plans)
    result = invoke(["report", str(plans), "-q", "IV/2023"])
    assert result.exit_code == 1
    assert f"c.yaml:{line}:5: error R001" in result.stderr
    assert "'Sở Nội vụ'" in result.stderr and "'Sở Tư pháp'" in result.stderr
    assert "a.yaml:" in result.stderr  # where the other agency is defined
    result = invoke(["validate", str(plans), "--format", "json"])
    assert result.exit_code == 1
    found = [(Path(p["file"]).name, p["code"], p["line"]) for p in json.loads(result.stdout)]
    assert found == [("c.yaml", "R001", line)]
    result = invoke(["validate", str(plans), "--lang", "en"])
    assert "cannot be merged with the registry of the other files" in result.stdout
    assert f"{path.name}: 1 errors" in result.stdout.replace(str(plans) + "/", "")


def test_a_registry_conflict_quotes_the_later_file(plans: Path) -> None:
    _path, line = conflicting(plans)
    result = invoke(["report", str(plans), "-q", "IV/2023"])
    assert result.exit_code == 1 and f"c.yaml:{line}:5: error R001" in result.stderr


def test_group_in_one_file_not_in_another(plans: Path) -> None:
    text = PROGRESS.replace("    group: true\n", "", 1)
    text = text.replace('    member_of:\n      - "Sở, ban, ngành"\n', "")
    line = line_of(text, '  - name: "Sở, ban, ngành"')
    (plans / "c.yaml").write_text(text, encoding="utf-8")
    assert invoke(["validate", str(plans / "c.yaml")]).exit_code == 0  # fine alone
    result = invoke(["validate", str(plans), "--format", "parsable"])
    assert result.exit_code == 1
    assert f"c.yaml:{line}:5: error R001" in result.stdout and "nhóm" in result.stdout


def test_each_broken_file_with_its_own_path(plans: Path) -> None:
    broken = PROGRESS.replace("deadline: Quý III/2023", "deadline: Quý V/2023")
    (plans / "b.yaml").write_text(broken, encoding="utf-8")
    (plans / "c.yaml").write_text(broken.replace("Quý I/2024", "Quý X/2024"), encoding="utf-8")
    line = line_of(broken, "deadline: Quý V/2023")
    result = invoke(["validate", str(plans), "--format", "parsable"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [ln.split(":")[0].rsplit("/", 1)[-1] for ln in lines] == ["b.yaml", "c.yaml", "c.yaml"]
    assert f"b.yaml:{line}:" in lines[0]
    result = invoke(["due", str(plans), "-q", "IV/2023"])
    assert result.exit_code == 1
    assert "b.yaml" in result.stderr and "c.yaml" in result.stderr and "a.yaml" not in result.stderr


def test_empty_folder_and_missing_file_exit_2(tmp_path: Path, plans: Path) -> None:
    (tmp_path / "empty").mkdir()
    for lang, text in (("vi", "thư mục không có tệp kế hoạch"), ("en", "holds no plan files")):
        result = invoke(["report", str(tmp_path / "empty"), "--lang", lang])
        assert result.exit_code == 2 and text in result.stderr
    result = invoke(["due", str(plans), str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "nope.yaml" in result.stderr
    result = invoke(["validate", str(tmp_path / "empty")])
    assert result.exit_code == 2


def test_keys() -> None:
    assert keys_for(["x/cchc.yaml", "x/cds.yml"]) == ["cchc", "cds"]
    assert keys_for(["ha-tinh/tasks.yaml", "nghe-an/tasks.yaml"]) == [
        "ha-tinh-tasks",
        "nghe-an-tasks",
    ]
    assert keys_for(["a/t/x.yaml", "b/t/x.yaml"]) == ["t-x-1", "t-x-2"]


def test_the_clock_rule_runs_on_every_load(plans: Path) -> None:
    future = PROGRESS.replace("date: 05/01/2024", "date: 05/01/2999")
    (plans / "c.yaml").write_text(future, encoding="utf-8")
    result = invoke(["report", str(plans), "-q", "IV/2023"])
    assert result.exit_code == 1 and "c.yaml" in result.stderr and "P004" in result.stderr


def _benchmark_module(name: str) -> Any:
    import importlib.util
    import sys

    sys.path.insert(0, str(TESTS.parent / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, TESTS.parent / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_roll_up_and_history_of_the_benchmarks(tmp_path: Path) -> None:
    """What benchmarks/rollup_bench.py times, on small sizes: the folder of generated plans is a
    valid roll-up counting every file, and its edited revision gives exactly its edits."""
    from cchc.changes import Kind, diff
    from cchc.load import load_bytes

    gen_plan = _benchmark_module("gen_plan")
    bench = _benchmark_module("rollup_bench")
    folder = gen_plan.cached_rollup(3, 120, tmp_path)
    assert len(list(folder.glob("*.yaml"))) == 3
    value = run_json("report", str(folder), "-q", "IV/2024")
    assert value["summary"]["tasks"] == 360
    assert {r["section"].split("/")[0] for r in value["by_section"]} == {
        "plan-001",
        "plan-002",
        "plan-003",
    }
    text = gen_plan.generate(1000)
    old = load_bytes(text.encode("utf-8"), "old.yaml")
    new = load_bytes(bench.edit_plan(text).encode("utf-8"), "new.yaml")
    assert new.plan is not None and old.plan is not None
    assert [p for p in new.problems if p.level.value == "error"] == []
    result = diff(old.plan, new.plan)
    assert result.count(Kind.DEADLINE) + result.count(Kind.PROGRESS_EDITED) == len(result.changes)
    assert result.count(Kind.PROGRESS_EDITED) == 20 and result.count(Kind.DEADLINE) > 0
    assert all((c.quarters or 0) > 0 for c in result.changes if c.kind is Kind.DEADLINE)
