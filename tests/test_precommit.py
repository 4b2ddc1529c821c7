"""The pre-commit manifest, tested as check-jsonschema tests its own: the files pattern against
paths that are and are not plans, and the hook's entry run the way pre-commit runs it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import DATA, ROOT, TESTS

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BROKEN = TESTS / "broken" / "S001-wrong-type.yaml"

# The keys pre-commit's manifest schema knows (pre-commit/clientlib.py, MANIFEST_HOOK_DICT).
KNOWN_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "alias",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "additional_dependencies",
    "args",
    "always_run",
    "fail_fast",
    "pass_filenames",
    "description",
    "language_version",
    "log_file",
    "minimum_pre_commit_version",
    "require_serial",
    "stages",
    "verbose",
}


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    found = [h for h in hooks if h.get("id") == "cchc-validate"]
    assert len(found) == 1
    return found[0]  # type: ignore[no-any-return]


def test_manifest_declares_the_hook() -> None:
    h = hook()
    assert {"id", "name", "entry", "language"} <= set(h)
    assert set(h) <= KNOWN_KEYS
    # pre-commit installs this repository with pip into the hook's environment: the packaged
    # plan and the `cchc` module come with it
    assert h["language"] == "python"
    assert h.get("pass_filenames", True) is True


@pytest.mark.parametrize(
    "path",
    [
        "data/tasks.yaml",
        "data/tasks.yml",
        "ke-hoach/2024/data/tasks.yaml",
        "ha-tinh-2026.cchc.yaml",
        "plans/phu-luc-4.cchc.yml",
    ],
)
def test_files_pattern_matches_plans(path: str) -> None:
    # pre-commit applies `files` with re.search
    assert re.search(hook()["files"], path)


@pytest.mark.parametrize(
    "path",
    [
        "tasks.yaml",
        "mydata/tasks.yaml",
        "data/tasks.yaml.bak",
        "data/tasks.json",
        "data/other.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/cchc.yml",
        "tests/broken/S001-wrong-type.yaml",
        "notes.cchc.yaml.txt",
    ],
)
def test_files_pattern_leaves_other_files(path: str) -> None:
    assert not re.search(hook()["files"], path)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding a good plan and a broken one."""
    (tmp_path / "data").mkdir()
    shutil.copy(DATA, tmp_path / "data" / "tasks.yaml")
    (tmp_path / "plans").mkdir()
    shutil.copy(BROKEN, tmp_path / "plans" / "hong.cchc.yaml")
    (tmp_path / "README.md").write_text("plans\n", encoding="utf-8")
    return tmp_path


def run_hook(repo: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    """As pre-commit does: filter the staged files with `files`, then run entry + args + files
    from the repository root, with the hook environment's `python` first on PATH."""
    h = hook()
    files = [f for f in staged if re.search(h["files"], f)]
    command = [*shlex.split(h["entry"]), *h.get("args", []), *files]
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT)  # stands in for the package pip installs into the hook's env
    env["CCHC_LANG"] = "en"
    for name in ("CCHC_DATA", "GITHUB_ACTIONS", "NO_COLOR"):
        env.pop(name, None)
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_entry_passes_a_good_plan(repo: Path) -> None:
    result = run_hook(repo, ["README.md", "data/tasks.yaml"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "data/tasks.yaml: no problems (34 tasks).\n"


def test_entry_fails_on_a_broken_plan(repo: Path) -> None:
    result = run_hook(repo, ["data/tasks.yaml", "plans/hong.cchc.yaml", "README.md"])
    assert result.returncode == 1
    assert "data/tasks.yaml: no problems (34 tasks)." in result.stdout
    assert "plans/hong.cchc.yaml:4:10: error S001 " in result.stdout
    assert "Traceback" not in result.stderr


def test_entry_fails_when_a_plan_was_deleted_but_still_listed(repo: Path) -> None:
    (repo / "data" / "tasks.yaml").unlink()
    result = run_hook(repo, ["data/tasks.yaml"])
    assert result.returncode == 2
    assert "data/tasks.yaml: no such file" in result.stderr
