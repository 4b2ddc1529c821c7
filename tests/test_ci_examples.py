"""The example CI files in docs/ci/: every command they hold is run, in a copy of a repository
holding a plan, with the example's environment, as the CI runner would run it (`sh -e`).

The one command that installs cchc is checked for what it installs and replaced by a `cchc` on
PATH that runs this checkout; everything else runs as written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

from .conftest import DATA, ROOT, TESTS, invoke

CI = ROOT / "docs" / "ci"
BROKEN = TESTS / "broken" / "S001-wrong-type.yaml"  # S001 at 4:10
GITLAB_RESERVED = {"variables", "stages", "default", "include", "workflow", "image", "services"}


def load(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def is_install(command: str) -> bool:
    return "pip install" in command


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "data").mkdir(parents=True)
    shutil.copy(DATA, folder / "data" / "tasks.yaml")
    shim = tmp_path / "bin" / "cchc"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cchc "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return folder


def run(repo: Path, command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ)
    for name in ("CCHC_DATA", "CCHC_LANG", "GITHUB_ACTIONS", "NO_COLOR", "GITLAB_CI"):
        full.pop(name, None)
    full.update(env)
    full["PATH"] = str(repo.parent / "bin") + os.pathsep + full.get("PATH", "")
    full["PYTHONPATH"] = str(ROOT)  # stands in for the installed package
    return subprocess.run(
        ["sh", "-e", "-c", command],
        cwd=repo,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- GitHub Actions ----------------------------------------------------------------------------
def github_steps() -> tuple[dict[str, str], list[dict[str, Any]]]:
    workflow = load("github-actions.yml")
    (job,) = workflow["jobs"].values()
    env = {**workflow.get("env", {}), **job.get("env", {}), "GITHUB_ACTIONS": "true"}
    return env, job["steps"]


def github_commands() -> tuple[dict[str, str], list[str]]:
    env, steps = github_steps()
    commands = [s["run"] for s in steps if "run" in s]
    installs = [c for c in commands if is_install(c)]
    assert installs == ['python -m pip install "$CCHC_PACKAGE"']
    assert env["CCHC_PACKAGE"].startswith("cchc @ ")
    return env, [c for c in commands if not is_install(c)]


def test_github_workflow_on_a_good_plan(repo: Path) -> None:
    env, commands = github_commands()
    assert any(c.startswith("cchc validate") for c in commands)
    for command in commands:
        result = run(repo, command, env)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert result.stdout == ""  # no annotations: nothing wrong
    # what the upload step publishes is what the export step wrote
    _, steps = github_steps()
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    for step in uploads:
        produced = repo / step["with"]["path"]
        assert len(Calendar.from_ical(produced.read_bytes()).walk("VEVENT")) > 0


def test_github_workflow_annotates_a_broken_plan(repo: Path) -> None:
    shutil.copy(BROKEN, repo / "data" / "tasks.yaml")
    env, commands = github_commands()
    validate = next(c for c in commands if c.startswith("cchc validate"))
    result = run(repo, validate, env)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=data/tasks.yaml,line=4,col=10,endLine=4,endColumn=24,"
        "title=S001 wrong-type::'title' phải là một chuỗi văn bản"
    )


# --- GitLab CI ---------------------------------------------------------------------------------
def gitlab_jobs() -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    config = load("gitlab-ci.yml")
    env = dict(config.get("variables", {}))
    jobs = {}
    for name, job in config.items():
        if name in GITLAB_RESERVED or name.startswith("."):
            continue
        merged = dict(config[job["extends"]]) if "extends" in job else {}
        merged.update(job)
        jobs[name] = merged
    return env, jobs


def gitlab_commands(job: dict[str, Any]) -> list[str]:
    commands = [*job.get("before_script", []), *job["script"]]
    installs = [c for c in commands if is_install(c)]
    assert installs == ['python -m pip install "$CCHC_PACKAGE"']
    return [c for c in commands if not is_install(c)]


def test_gitlab_jobs_on_a_good_plan(repo: Path) -> None:
    env, jobs = gitlab_jobs()
    assert env["CCHC_PACKAGE"].startswith("cchc @ ")
    assert set(jobs) == {"cchc-validate", "cchc-calendar"}
    for job in jobs.values():
        # GitLab runs a job's lines in one shell and stops at the first failure
        result = run(repo, "\n".join(gitlab_commands(job)), env)
        assert result.returncode == 0, (result.stdout, result.stderr)
        artifacts = job.get("artifacts", {})
        for path in artifacts.get("paths", []):
            assert len(Calendar.from_ical((repo / path).read_bytes()).walk("VEVENT")) > 0
        report = artifacts.get("reports", {}).get("codequality")
        if report:
            assert json.loads((repo / report).read_text(encoding="utf-8")) == []


def test_gitlab_job_fails_and_keeps_the_report_on_a_broken_plan(repo: Path) -> None:
    shutil.copy(BROKEN, repo / "data" / "tasks.yaml")
    env, jobs = gitlab_jobs()
    job = jobs["cchc-validate"]
    result = run(repo, "\n".join(gitlab_commands(job)), env)
    assert result.returncode == 1
    assert job["artifacts"]["when"] == "always"  # the report is uploaded although the job failed
    report = json.loads((repo / job["artifacts"]["reports"]["codequality"]).read_text("utf-8"))
    assert len(report) == 1
    issue = report[0]
    assert issue["check_name"] == "S001-wrong-type"
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "data/tasks.yaml", "lines": {"begin": 4}}
    assert issue["description"].startswith("'title' phải là một chuỗi văn bản")


# --- the Code Climate report itself ------------------------------------------------------------
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab_report(path: Path, lang: str = "vi") -> list[dict[str, Any]]:
    result = invoke(["validate", str(path), "--format", "gitlab", "--lang", lang], lang)
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert isinstance(report, list)
    return report


@pytest.mark.parametrize("path", sorted((TESTS / "broken").glob("*.yaml")), ids=lambda p: p.stem)
def test_gitlab_report_fields_for_every_catalogue_file(path: Path) -> None:
    report = gitlab_report(path)
    assert report, "every catalogue file has a problem"
    for issue in report:
        assert isinstance(issue["description"], str) and "\n" not in issue["description"]
        assert re.fullmatch(r"[A-Z][0-9]{3}-[a-z-]+", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in SEVERITIES
        # relative to the working folder, which in CI is the repository root, as GitLab wants
        relative = os.path.relpath(path)
        shown = str(path) if relative.startswith("..") else relative
        assert issue["location"]["path"] == shown
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    # GitLab tells findings apart by fingerprint
    assert len({i["fingerprint"] for i in report}) == len(report)


def test_gitlab_severity_follows_the_problem_level() -> None:
    error = gitlab_report(TESTS / "broken" / "D001-deadline-unparsed.yaml")
    warning = gitlab_report(TESTS / "broken" / "T002-surrounding-space.yaml")
    assert [i["severity"] for i in error] == ["major"]
    assert [i["severity"] for i in warning] == ["minor"]
    assert [i["location"]["lines"]["begin"] for i in error] == [21]  # its `# expect:` line


def test_gitlab_fingerprint_ignores_the_language_but_not_the_place(tmp_path: Path) -> None:
    path = TESTS / "broken" / "D001-deadline-unparsed.yaml"
    vi, en = gitlab_report(path, "vi"), gitlab_report(path, "en")
    assert vi[0]["fingerprint"] == en[0]["fingerprint"] == gitlab_report(path)[0]["fingerprint"]
    assert vi[0]["description"] != en[0]["description"]
    # the same mistake one line lower is another finding
    moved = tmp_path / path.name
    moved.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = gitlab_report(moved)[0]
    assert shifted["location"]["lines"]["begin"] == 22
    assert shifted["fingerprint"] != vi[0]["fingerprint"]


def test_gitlab_report_of_a_clean_plan_is_an_empty_list() -> None:
    assert gitlab_report(DATA) == []
