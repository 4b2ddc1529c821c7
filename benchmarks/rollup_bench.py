"""Roll-up and history benchmarks (issue 14), measured as bench.py measures (fresh processes,
median of several runs after untimed warm-ups, peak memory from wait4).

1. `cchc report` over a folder of 100 synthetic plans of 100 tasks against the single 10k-task
   plan; target: the folder takes no more than 1.2 times the single file on repeated runs.
2. `cchc changes` between two revisions of the 10k-task plan in a temporary git repository
   (30 deadlines moved, 20 recorded progress entries edited); target: under 1 s.

Every run parses every file (cchc keeps no cache since issue 16), as a first run does.

    .venv/bin/python benchmarks/rollup_bench.py             # ~1 min
    .venv/bin/python benchmarks/rollup_bench.py --runs 3 --json rollup.json
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import (  # noqa: E402
    SYNTHETIC_QUARTER,
    Case,
    Result,
    child_env,
    compile_bytecode,
    measure,
)

FOLDER_RATIO = 1.2
CHANGES_SECONDS = 1.0
GIT = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench"]


def generated(*args: str) -> Path:
    """A synthetic plan or folder, generated in a child process (keeps this one small)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "gen_plan.py"), *args], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"gen_plan.py {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return Path(done.stdout.strip())


def edit_plan(text: str, deadlines: int = 30, evidence: int = 20) -> str:
    """The next revision: deadlines of tasks without progress moved to Quý IV/2025, and
    recorded evidence edited (a rewrite of history, as `changes` warns)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("      - id: ")]
    pattern = re.compile(r"^(\s+deadline: )Quý (I|II|III)/2024$")
    moved = 0
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        block = lines[start:end]
        if moved >= deadlines or any(ln.strip().startswith("progress:") for ln in block):
            continue
        for offset, line in enumerate(block):
            if pattern.match(line):
                lines[start + offset] = pattern.sub(r"\1Quý IV/2025", line)
                moved += 1
                break
    edited = 0
    for index, line in enumerate(lines):
        quoted = line.rstrip().endswith(('"', "'"))
        if edited < evidence and line.lstrip().startswith("evidence: ") and not quoted:
            lines[index] = line + " (sửa)"
            edited += 1
    return "\n".join(lines)


def history(single: Path, where: Path) -> Path:
    """A git repository whose data/tasks.yaml has two commits: the plan, then edit_plan's."""
    plan = where / "data" / "tasks.yaml"
    plan.parent.mkdir(parents=True)
    shutil.copyfile(single, plan)
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "plan"]):
        subprocess.run([*GIT, *args], cwd=where, check=True)
    plan.write_text(edit_plan(plan.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([*GIT, "commit", "-qam", "edits"], cwd=where, check=True)
    return plan


def row(result: Result) -> str:
    if result.failure:
        return f"  {result.case.label:<58} FAILED {result.failure}"
    runs = len(result.seconds)
    return (
        f"  {result.case.label:<58} {result.median:6.2f} s  {result.peak_mb:6.0f} MB  ({runs} runs)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write every run's time here")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        raise SystemExit("git is not installed: the changes benchmark needs it")
    compile_bytecode()
    folder = generated("100", "--files", "100")
    single = generated("10k")
    repo = Path(tempfile.mkdtemp(prefix="cchc-bench-git-"))
    env = child_env()
    try:
        plan = history(single, repo)
        q = ("--quarter", SYNTHETIC_QUARTER)
        report = [
            Case("report --format json: folder of 100 x 100 tasks", ("report", *q, "--format", "json", str(folder)), "report"),  # noqa: E501
            Case("report --format json: one file of 10k tasks", ("report", *q, "--format", "json", "--file", str(single)), "report"),  # noqa: E501
            Case("report --format markdown: folder of 100 x 100", ("report", *q, str(folder)), "report"),  # noqa: E501
            Case("report --format markdown: one file of 10k", ("report", *q, "--file", str(single)), "report"),  # noqa: E501
        ]  # fmt: skip
        changes = Case(
            "changes HEAD~1 HEAD --format json (10k tasks)",
            ("changes", "HEAD~1", "HEAD", "--plan", str(plan), "--format", "json"),
            "changes",
        )
        results = measure([*report, changes], args.runs, env)
    finally:
        shutil.rmtree(repo, ignore_errors=True)
    by_label = {r.case.label: r for r in results}
    print(f"cchc roll-up and history benchmarks (median of {args.runs} runs)\n")
    for result in results:
        print(row(result))
    print()
    for folder_case, single_case in ((report[0], report[1]), (report[2], report[3])):
        ratio = by_label[folder_case.label].median / by_label[single_case.label].median
        verdict = "met" if ratio <= FOLDER_RATIO else "missed"
        target = f"target <= {FOLDER_RATIO}x: {verdict}"
        print(f"  {folder_case.label}: {ratio:.3f}x the single file ({target})")
    seconds = by_label[changes.label].median
    verdict = "met" if seconds < CHANGES_SECONDS else "missed"
    print(f"  {changes.label}: {seconds:.2f} s (target < {CHANGES_SECONDS} s: {verdict})")
    if args.json:
        record = {r.case.label: {"seconds": r.seconds, "peak_kb": r.peak_kb} for r in results}
        args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
