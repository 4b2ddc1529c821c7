"""cchc changes: the diff of two plans by hand, and whole commands in a temporary git repository
(commits of edited plans), golden Markdown, and every way of not being able to run."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cchc.changes import Kind, diff
from cchc.load import load_bytes
from cchc.model import Plan

from .conftest import TESTS, invoke
from .test_report import check_golden

PROGRESS = (TESTS / "data" / "progress_due.yaml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# --- the edits the tests commit, each one kind of change ------------------------------------
NEW_TASK = """      - id: I.10
        title: Nhiệm vụ mới
        lead:
          - Sở Tư pháp
        deadline: Quý IV/2024
"""


def edited(text: str, *edits: str) -> str:
    """The plan with named edits applied (each asserts it found its place)."""
    replacements = {
        # I.3's deadline two quarters later
        "deadline": (
            "deadline: Quý IV/2023\n        progress:\n          - status: done",
            "deadline: Quý II/2024\n        progress:\n          - status: done",
        ),
        # I.8 completed on 10/01/2024, after its quarter (III/2023)
        "complete": (
            "            note: Chờ ý kiến các sở\n",
            "            note: Chờ ý kiến các sở\n          - status: hoàn thành\n"
            "            date: 10/01/2024\n",
        ),
        # I.9 led by Sở Nội vụ instead of the group
        "lead": (
            '        lead:\n          - "Sở, ban, ngành"\n        deadline: Quý I/2024',
            "        lead:\n          - Sở Nội vụ\n        deadline: Quý I/2024",
        ),
        # I.2's evidence rewritten
        "rewrite": ("Công văn số 12/SNV", "Công văn số 13/SNV"),
        # I.1's completion deleted
        "delete": (
            "          - status: hoàn thành\n            date: 20/12/2023\n"
            "            evidence: Quyết định số 3456/QĐ-UBND ngày 20/12/2023\n",
            "",
        ),
    }
    for name in edits:
        if name == "add":
            text = text.rstrip("\n") + "\n" + NEW_TASK
            continue
        old, new = replacements[name]
        assert old in text, name
        text = text.replace(old, new, 1)
    return text


def plan_of(text: str) -> Plan:
    loaded = load_bytes(text.encode("utf-8"), "t.yaml")
    assert loaded.plan is not None and not [p for p in loaded.problems if p.level.value == "error"]
    return loaded.plan


# --- the domain: a diff of two Plan objects ---------------------------------------------------
def test_same_plan_no_changes() -> None:
    assert diff(plan_of(PROGRESS), plan_of(PROGRESS)).changes == ()


def test_every_kind_by_hand() -> None:
    new = edited(PROGRESS, "add", "deadline", "complete", "lead", "rewrite", "delete")
    result = diff(plan_of(PROGRESS), plan_of(new))
    got = [(c.task, c.kind, c.quarters) for c in result.changes]
    assert got == [
        ("I.1", Kind.PROGRESS_DELETED, None),
        ("I.2", Kind.PROGRESS_EDITED, None),
        ("I.3", Kind.DEADLINE, 2),
        ("I.8", Kind.COMPLETED_LATE, None),
        ("I.9", Kind.LEAD, None),
        ("I.10", Kind.ADDED, None),
    ]
    assert [c.task for c in result.rewrites] == ["I.1", "I.2"]
    edit = result.changes[1]
    assert edit.before is not None and edit.after is not None
    assert edit.before.evidence == "Công văn số 12/SNV ngày 15/08/2023"
    assert edit.after.evidence == "Công văn số 13/SNV ngày 15/08/2023"
    assert result.changes[4].old == "Sở, ban, ngành" and result.changes[4].new == "Sở Nội vụ"


def test_removed_task_takes_its_progress_as_a_rewrite() -> None:
    result = diff(plan_of(edited(PROGRESS, "add")), plan_of(PROGRESS))
    assert [(c.task, c.kind) for c in result.changes] == [("I.10", Kind.REMOVED)]
    without_i9 = PROGRESS[: PROGRESS.index("      - id: I.9")]
    result = diff(plan_of(PROGRESS), plan_of(without_i9))
    assert [(c.task, c.kind) for c in result.changes] == [
        ("I.9", Kind.REMOVED),
        ("I.9", Kind.PROGRESS_DELETED),
    ]
    assert result.rewrites == result.changes[1:]
    # added with its progress: the progress is new too
    result = diff(plan_of(without_i9), plan_of(PROGRESS))
    assert [(c.task, c.kind) for c in result.changes] == [
        ("I.9", Kind.ADDED),
        ("I.9", Kind.PROGRESS_ADDED),
    ]


def test_moving_lines_or_an_alias_spelling_is_no_change() -> None:
    # the same entries, one more blank line above (every span moves), the alias for the group
    moved = PROGRESS.replace("sections:\n", "\nsections:\n").replace(
        '        lead:\n          - "Sở, ban, ngành"\n        deadline: Quý I/2024',
        "        lead:\n          - Các sở, ban, ngành\n        deadline: Quý I/2024",
    )
    assert moved != PROGRESS
    assert diff(plan_of(PROGRESS), plan_of(moved)).changes == ()


def test_completion_on_time() -> None:
    new = PROGRESS.replace(
        "            date: 01/10/2024\n            percent: 40\n",
        "            date: 01/10/2024\n            percent: 40\n"
        "          - due: IV/2024\n            status: hoàn thành\n            date: 15/12/2024\n",
    )
    result = diff(plan_of(PROGRESS), plan_of(new))
    assert [(c.task, c.kind, c.occurrence) for c in result.changes] == [
        ("I.4", Kind.COMPLETED, "Hằng năm (2024)")
    ]


# --- whole commands in a temporary git repository ---------------------------------------------
def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=Test", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three commits of data/tasks.yaml: the plan, then added work, then a rewrite of history."""
    (tmp_path / "data").mkdir()
    plan = tmp_path / "data" / "tasks.yaml"
    git(tmp_path, "init", "-q")
    (tmp_path / "README").write_text("before the plan\n")
    git(tmp_path, "add", "README")
    git(tmp_path, "commit", "-qm", "no plan yet")
    plan.write_text(PROGRESS, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "plan")
    plan.write_text(edited(PROGRESS, "add", "deadline", "complete", "lead"), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "work")
    git(tmp_path, "tag", "work")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def changes_json(*args: str) -> dict[str, Any]:
    result = invoke(["changes", "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_default_is_last_commit_against_working_copy(repo: Path) -> None:
    assert changes_json()["changes"] == []
    plan = repo / "data" / "tasks.yaml"
    plan.write_text(edited(plan.read_text(encoding="utf-8"), "rewrite"), encoding="utf-8")
    value = changes_json()
    assert value["to"] == "WORKING" and value["from"] == git(repo, "rev-parse", "HEAD")[:12]
    assert [(c["task"], c["kind"], c["warning"]) for c in value["changes"]] == [
        ("I.2", "progress_edited", True)
    ]
    assert value["rewrites"] == 1
    status = git(repo, "status", "--porcelain")
    assert status == " M data/tasks.yaml\n"  # nothing but our own edit: no checkout touched


def test_two_revisions(repo: Path) -> None:
    value = changes_json("HEAD~1", "work")
    assert value["counts"] == {
        "added": 1,
        "removed": 0,
        "deadline": 1,
        "lead": 1,
        "partners": 0,
        "progress_added": 0,
        "completed": 0,
        "completed_late": 1,
        "progress_edited": 0,
        "progress_deleted": 0,
    }
    deadline = next(c for c in value["changes"] if c["kind"] == "deadline")
    assert deadline == {
        "task": "I.3",
        "kind": "deadline",
        "warning": False,
        "old": "Quý IV/2023",
        "new": "Quý II/2024",
        "quarters_later": 2,
        "occurrence": None,
        "before": None,
        "after": None,
        "line": deadline["line"],
    }
    # the other way round, history shrinks: the completion is deleted, the task removed
    back = changes_json("work", "HEAD~1")
    assert back["rewrites"] == 1 and back["counts"]["removed"] == 1


def test_one_revision_against_working_copy(repo: Path) -> None:
    assert changes_json("HEAD~1")["counts"]["added"] == 1


def test_markdown_golden_vi_and_en(repo: Path) -> None:
    plan = repo / "data" / "tasks.yaml"
    plan.write_text(edited(plan.read_text(encoding="utf-8"), "rewrite", "delete"), "utf-8")
    for lang in ("vi", "en"):
        result = invoke(["changes", "HEAD~1", "--format", "markdown", "--lang", lang])
        assert result.exit_code == 0, result.stderr
        check_golden(f"changes-{lang}.md", result.stdout)


def test_table_names_every_task(repo: Path) -> None:
    result = invoke(["changes", "HEAD~1", "HEAD", "--color", "never"])
    assert result.exit_code == 0, result.stderr
    for text in ("I.3", "lùi 2 quý", "I.8", "hoàn thành quá hạn", "I.9", "I.10", "thêm nhiệm vụ"):
        assert text in result.stdout


def test_fail_on_rewrite(repo: Path) -> None:
    assert invoke(["changes", "HEAD~1", "HEAD", "--fail-on-rewrite"]).exit_code == 0
    result = invoke(["changes", "HEAD", "HEAD~1", "--fail-on-rewrite", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["rewrites"] == 1
    # without the flag the same rewrite is only a warning
    assert invoke(["changes", "HEAD", "HEAD~1"]).exit_code == 0


def test_from_to_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(PROGRESS, encoding="utf-8")
    new.write_text(edited(PROGRESS, "delete"), encoding="utf-8")
    result = invoke(["changes", "--from", str(old), "--to", str(new), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["progress_deleted"]
    result = invoke(["changes", "--from", str(old), "--to", str(new), "--fail-on-rewrite"])
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["nope"], "không có phiên bản 'nope'", "no revision 'nope'"),
        (["--", "-n"], "không có phiên bản '-n'", "no revision '-n'"),
        (["HEAD~2"], "không có ở phiên bản HEAD~2", "does not exist at revision HEAD~2"),
        (["HEAD", "HEAD", "HEAD"], "chỉ so sánh được hai phiên bản", "only two revisions"),
        (["--from", "a.yaml"], "--from và --to đi cùng nhau", "--from and --to go together"),
    ],
)
def test_cannot_run_exits_2(repo: Path, args: list[str], vi: str, en: str) -> None:
    for lang, text in (("vi", vi), ("en", en)):
        result = invoke(["changes", "--lang", lang, *args])
        assert result.exit_code == 2, result.stdout
        assert text in result.stderr and "Traceback" not in result.stderr


def test_not_a_git_repository(tmp_path: Path) -> None:
    plan = tmp_path / "tasks.yaml"
    plan.write_text(PROGRESS, encoding="utf-8")
    result = invoke(["changes", "--plan", str(plan)])
    assert result.exit_code == 2
    assert "không nằm trong kho git" in result.stderr and "--from" in result.stderr
    result = invoke(["changes", "--plan", str(plan), "--lang", "en"])
    assert "is not inside a git repository" in result.stderr


def test_never_committed(repo: Path) -> None:
    other = repo / "other.yaml"
    other.write_text(PROGRESS, encoding="utf-8")
    result = invoke(["changes", "--plan", str(other)])
    assert result.exit_code == 2 and "chưa từng được commit" in result.stderr


def test_git_missing(repo: Path) -> None:
    result = invoke(["changes"], env={"PATH": str(repo)})
    assert result.exit_code == 2 and "không tìm thấy chương trình git" in result.stderr


def test_broken_plan_at_a_revision_exits_1_with_its_revision(repo: Path) -> None:
    plan = repo / "data" / "tasks.yaml"
    plan.write_text(PROGRESS.replace("deadline: Quý III/2023", "deadline: Quý V/2023"), "utf-8")
    git(repo, "commit", "-qam", "broken")
    result = invoke(["changes", "HEAD", "work"])
    assert result.exit_code == 1
    assert "HEAD:data/tasks.yaml" in result.stderr and "D001" in result.stderr
