"""Peer benchmark (issue 7): `task overdue` beside `cchc due` on the same tasks.

Imports a synthetic plan (benchmarks/gen_plan.py, 10k tasks by default) into a throwaway
Taskwarrior data folder, then times, as whole processes and interleaved:

    task overdue                       Taskwarrior's list of pending tasks due before now
    cchc due --format json             cchc's buckets as of today
    cchc due                           the same as a terminal table

Every dated occurrence of the plan becomes one Taskwarrior task (description "<id> <title>",
project = section, due = the last day the deadline allows, completed when the plan's progress
records say so); a task with no fixed deadline becomes one pending task without a due date.
The mapping takes the occurrences from `cchc due --all --format json`, so both tools see the
same tasks; the script prints how many each calls overdue (cchc counts an occurrence of the
current quarter as due, not overdue, so its count can be smaller).

    .venv/bin/python benchmarks/taskwarrior.py              # 10k tasks, 5 runs
    .venv/bin/python benchmarks/taskwarrior.py --tasks 1k --runs 3

Needs Taskwarrior (`task`, Debian package taskwarrior); without it the script says so and
exits 0. Nothing outside the temporary folder is touched: TASKRC and TASKDATA point into it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (this folder; imports nothing of cchc)

BUCKETS = ("overdue", "due", "upcoming", "done", "no_fixed_deadline")


def tw_date(day: date) -> str:
    """The end of the last allowed day, in the UTC form Taskwarrior imports."""
    return f"{day:%Y%m%d}T235959Z"


def convert(plan: Path, out: Path) -> None:
    """Write Taskwarrior's import file for `plan` (run in a child process; see main)."""
    argv = [sys.executable, "-m", "cchc", "due", "--all", "--ahead", "400", "--format", "json"]
    done = subprocess.run(
        [*argv, "--file", str(plan)], env=bench.child_env(), capture_output=True, check=True
    )
    data = json.loads(done.stdout)
    entry = tw_date(date(2022, 1, 1))
    tasks = []
    for bucket in BUCKETS:
        for item in data.get(bucket, []):
            task = {
                "description": f"{item['id']} {item['title']}",
                "project": f"cchc.{item['section']}",
                "entry": entry,
                "status": "pending",
                "tags": [item["kind"]],
            }
            if item.get("due_date"):
                task["due"] = tw_date(date.fromisoformat(item["due_date"]))
            if bucket == "done":
                task["status"] = "completed"
                finished = item.get("completed_on") or item.get("due_date")
                task["end"] = tw_date(date.fromisoformat(finished))
            tasks.append(task)
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    counts = {bucket: len(data.get(bucket, [])) for bucket in BUCKETS}
    print(json.dumps({"taskwarrior_tasks": len(tasks), "cchc": counts}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", default="10k", help="plan size: 1k, 10k, 100k")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--keep", action="store_true", help="keep the Taskwarrior data folder")
    parser.add_argument(
        "--convert", nargs=2, type=Path, metavar=("PLAN", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.convert:
        convert(*args.convert)
        return 0

    task = shutil.which("task")
    if task is None:
        print(
            "skipped: Taskwarrior is not installed (no `task` on PATH); "
            "on Debian or Ubuntu: apt-get install taskwarrior"
        )
        return 0
    version = subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()
    n = bench.parse_count(args.tasks)
    plan = bench.plan_file(n)
    bench.compile_bytecode()
    folder = Path(tempfile.mkdtemp(prefix="cchc-taskwarrior-"))
    env = bench.child_env()
    try:
        data = folder / "data"
        data.mkdir()
        rc = folder / "taskrc"
        rc.write_text(
            f"data.location={data}\nconfirmation=off\nhooks=off\nrecurrence=off\n"
            "color=off\nnews.version=99.0.0\n",
            encoding="utf-8",
        )
        tw_env = dict(env, TASKRC=str(rc), TASKDATA=str(data))
        made = subprocess.run(
            [sys.executable, __file__, "--convert", str(plan), str(folder / "import.json")],
            env=env,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            print(f"could not convert the plan: {made.stderr.strip()[-500:]}", file=sys.stderr)
            return 1
        counts = json.loads(made.stdout.strip().splitlines()[-1])
        imported = bench.run_once([task, "import", str(folder / "import.json")], tw_env)
        if imported[2] != 0:
            print(f"task import failed: {imported[4].strip()[-500:]}", file=sys.stderr)
            return 1
        overdue = subprocess.run(
            [task, "+OVERDUE", "count"], env=tw_env, capture_output=True, text=True
        ).stdout.strip()

        file = ("--file", str(plan))
        cases = [
            bench.Case("task overdue", ()),
            bench.Case("cchc validate", ("validate", *file), "validate"),
            bench.Case("cchc due --format json", ("due", "--format", "json", *file), "due"),
            bench.Case("cchc due", ("due", *file), "due"),
        ]

        def argv_of(case: bench.Case) -> list[str]:
            return [task, "overdue"] if not case.args else bench.argv_of(case)

        results = []
        for case in cases:  # warm-up, exit codes
            result = bench.Result(case)
            code = bench.run_once(argv_of(case), tw_env)[2]
            # Taskwarrior exits 1 when a report lists nothing; that is no failure here
            if code not in ((0, 1) if not case.args else (0,)):
                result.failure = f"exit {code}"
            results.append(result)
        for _ in range(args.runs):
            for result in results:
                if not result.failure:
                    seconds, peak, _code, _size, _err = bench.run_once(argv_of(result.case), tw_env)
                    result.seconds.append(seconds)
                    result.peak_kb.append(peak)

        base = results[0]
        rows = []
        for result in results:
            ratio = result.median / base.median if base.seconds and result.seconds else None
            rows.append(
                [
                    result.case.label,
                    result.failure or bench.seconds_text(result.median),
                    f"{result.peak_mb:.0f} MB" if result.peak_kb else "",
                    f"{ratio:.2f}×" if ratio is not None else "",
                ]
            )
        today = date.today()
        print(
            f"{version and 'Taskwarrior ' + version}; plan of {bench.label(n)} tasks "
            f"({plan.stat().st_size / 1e6:.1f} MB): {counts['taskwarrior_tasks']} Taskwarrior "
            f"tasks, imported in {imported[0]:.1f} s; as of {today:%d/%m/%Y} Taskwarrior "
            f"counts {overdue} overdue, cchc {counts['cchc']['overdue']} overdue and "
            f"{counts['cchc']['due']} due this quarter"
        )
        bench.print_table(
            f"task overdue beside cchc due, median of {args.runs} runs (goal: cchc no slower)",
            ["command", "median", "peak", "ratio to task overdue"],
            rows,
        )
        return 1 if any(r.failure for r in results) else 0
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
