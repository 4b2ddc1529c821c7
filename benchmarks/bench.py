"""Whole-process benchmarks of cchc (issue 7): start-up on the shipped plan and scale.

Every figure is the median wall time of several runs of a fresh process, with its peak memory
(maximum resident set size of that process). Start-up figures are also given as a ratio to a
baseline process measured in the same run, interleaved with the commands, so a busy machine
slows both alike:

    python -c "import typer, yaml"               for validate and the JSON paths
    python -c "import typer, yaml, rich.table"   for the table paths

Commands run as `python -m cchc …` with the interpreter running this script, so run it from the
project's environment:

    .venv/bin/python benchmarks/bench.py                  # start-up, then 1k, 10k and 100k tasks
    .venv/bin/python benchmarks/bench.py --sizes 1k,10k   # skip the slow 100k case
    .venv/bin/python benchmarks/bench.py --smoke          # CI: every command once on 1k tasks

cchc keeps no cache of its own (issue 16 removed it): every run reads, parses and checks the
plan, as a first run on a new or edited file and CI on a fresh machine do.

The commands of issues 3 and 4 (due, report) are timed when `cchc --help` lists them. Nothing here
asserts a time: targets are printed beside the figures. The script exits 1 only when a command
fails (a non-zero exit, or a synthetic plan that does not validate cleanly).

Peak memory comes from wait4(): Linux carries the parent's high-water mark into a child across
fork and exec, so this script keeps its own memory small (it imports nothing of cchc, generates
plans in a child process and never reads a command's output) and stays below the ~17 MB any
Python process needs; otherwise small figures would show the parent's size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHIPPED = ROOT / "data" / "tasks.yaml"
SHIPPED_QUARTER = "IV/2023"
SYNTHETIC_QUARTER = "IV/2024"
BASE = "import typer, yaml"
BASE_TABLE = "import typer, yaml, rich.table"

# Targets of issue 16 (the 10k time beside Taskwarrior is benchmarks/taskwarrior.py's).
STARTUP_RATIO = 1.3
TEN_K_SECONDS = 1.0
TEN_K_MB = 150.0
LINEAR_RATIO = 10.0
TABLE_RATIO = 2.0  # list and report as tables at 10k, against due --format json


@dataclass(frozen=True)
class Case:
    label: str
    args: tuple[str, ...]  # after `python -m cchc`; empty for a baseline
    needs: str = ""  # the cchc command that must exist
    baseline: str = ""  # the label of the baseline it is compared with
    code: str = ""  # a baseline's `python -c` code
    target: bool = False  # an issue-7 target applies


@dataclass
class Result:
    case: Case
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    output_bytes: int = 0
    failure: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024 if self.peak_kb else float("nan")


def startup_cases(quarter: str) -> list[Case]:
    base = Case(f'python -c "{BASE}"', (), code=BASE)
    base_table = Case(f'python -c "{BASE_TABLE}"', (), code=BASE_TABLE)
    file = ("--file", str(SHIPPED))
    q = ("--quarter", quarter)
    targets = [
        Case("cchc validate", ("validate", *file), "validate", baseline=base.label, target=True),
        Case(
            f"cchc due --quarter {quarter} --format json",
            ("due", *q, "--format", "json", *file),
            "due",
            baseline=base.label,
            target=True,
        ),
        Case(
            f"cchc due --quarter {quarter}",
            ("due", *q, *file),
            "due",
            baseline=base_table.label,
            target=True,
        ),
    ]
    return [
        base,
        base_table,
        *targets,
        Case("cchc list --format json", ("list", "--format", "json", *file), "list", base.label),
        Case("cchc list", ("list", *file), "list", baseline=base_table.label),
        Case(
            f"cchc report --quarter {quarter} --format json",
            ("report", *q, "--format", "json", *file),
            "report",
            baseline=base.label,
        ),
        Case(
            f"cchc report --quarter {quarter} --format markdown",
            ("report", *q, "--format", "markdown", *file),
            "report",
            baseline=base.label,
        ),
    ]


def scale_cases(path: Path, quarter: str) -> list[Case]:
    file = ("--file", str(path))
    q = ("--quarter", quarter)
    targets = [
        Case("validate", ("validate", *file), "validate", target=True),
        Case("due --format json", ("due", *q, "--format", "json", *file), "due", target=True),
        Case("due (table)", ("due", *q, *file), "due", target=True),
    ]
    return [
        *targets,
        Case("report --format json", ("report", *q, "--format", "json", *file), "report"),
        Case("report --format markdown", ("report", *q, "--format", "markdown", *file), "report"),
        Case("report (table)", ("report", *q, "--format", "table", *file), "report"),
        Case("list --format json", ("list", "--format", "json", *file), "list"),
        Case("list (table)", ("list", *file), "list"),
    ]


# --- running processes ---------------------------------------------------------------------------
def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    # rich's width when the output is not a terminal, set so that runs do not depend on the shell
    env["COLUMNS"] = "80"
    env.pop("CCHC_DATA", None)
    env.pop("CCHC_LANG", None)
    return env


def argv_of(case: Case) -> list[str]:
    if case.code:
        return [sys.executable, "-c", case.code]
    return [sys.executable, "-m", "cchc", *case.args]


def _maxrss_kb(usage: object) -> int:
    rss = int(getattr(usage, "ru_maxrss", 0))
    return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB elsewhere


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int, int, str]:
    """(seconds, peak KiB, exit code, bytes written to stdout, end of stderr) of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = _maxrss_kb(usage)
        else:  # pragma: no cover - Windows has no wait4: time only
            proc.wait()
            elapsed = time.perf_counter() - start
            peak = 0
        size = out.seek(0, os.SEEK_END)
        err.seek(max(0, err.seek(0, os.SEEK_END) - 2000))
        return elapsed, peak, proc.returncode, size, err.read().decode("utf-8", "replace")


def measure(
    cases: list[Case], runs: int, env: dict[str, str], warm_up: bool = True, slow: float = 60.0
) -> list[Result]:
    """A first run of each case checks its exit code and, with warm_up, is not counted (it fills
    the disk cache); then rounds, each running every case once, so load on
    the machine falls on all of them alike, until each has `runs` figures. A case whose first
    run takes longer than `slow` seconds is not run again: that run is its figure ("1 run")."""
    results = [Result(case) for case in cases]
    wanted: dict[int, int] = {}
    for index, result in enumerate(results):
        seconds, peak, code, size, err = run_once(argv_of(result.case), env)
        result.output_bytes = size
        if code != 0:
            tail = err.strip().splitlines()[-3:]
            result.failure = f"exit {code}: " + " | ".join(tail)
            continue
        if not warm_up or seconds > slow:
            result.seconds.append(seconds)
            result.peak_kb.append(peak)
        wanted[index] = 1 if seconds > slow else runs
    for _ in range(runs):
        for index, result in enumerate(results):
            if len(result.seconds) < wanted.get(index, 0):
                seconds, peak, _code, _out, _err = run_once(argv_of(result.case), env)
                result.seconds.append(seconds)
                result.peak_kb.append(peak)
    return results


def available_commands(env: dict[str, str]) -> set[str]:
    """The commands `cchc --help` lists; exits when cchc cannot even show its help."""
    argv = [sys.executable, "-m", "cchc", "--help"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    # rows of the command list, whatever language the headings are in: options start with "-"
    found = set(re.findall(r"^ {2}([a-z][a-z-]*) {2,}\S", done.stdout, re.MULTILINE))
    if not found:
        raise SystemExit(
            f"cchc --help lists no commands (exit {done.returncode}): {done.stderr.strip()[-500:]}"
        )
    return found


def compile_bytecode() -> None:
    """Installed packages (typer, yaml) are byte-compiled; cchc must be too, or every run would
    recompile it (PYTHONDONTWRITEBYTECODE is set on some machines) and the ratio would lie."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "cchc")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- printing ------------------------------------------------------------------------------------
def seconds_text(value: float, runs: int = 0) -> str:
    text = "—" if value != value else f"{value:.3f} s"
    return f"{text} (1 run)" if runs == 1 else text


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [c.rjust(w) if i else c.ljust(w) for i, (c, w) in pairs]
        print("  ".join(cells).rstrip())


def startup_report(results: list[Result], runs: int) -> list[dict[str, object]]:
    by_label = {r.case.label: r for r in results}
    rows, records = [], []
    for r in results:
        base = by_label.get(r.case.baseline)
        ratio = r.median / base.median if base and base.seconds and r.seconds else float("nan")
        verdict = ""
        if r.case.target and ratio == ratio:
            verdict = "met" if ratio <= STARTUP_RATIO else "MISSED"
        ratio_text = "" if ratio != ratio else f"{ratio:.2f}×"
        goal = f"≤ {STARTUP_RATIO}× {'table base' if 'rich' in r.case.baseline else 'base'}"
        rows.append(
            [
                r.case.label,
                r.failure or seconds_text(r.median),
                ratio_text,
                f"{r.peak_mb:.1f}" if r.peak_kb else "",
                f"{goal}: {verdict}" if r.case.target and verdict else "",
            ]
        )
        records.append(
            {
                "case": r.case.label,
                "median_s": r.median,
                "ratio": ratio,
                "peak_mb": r.peak_mb,
                "failure": r.failure,
                "runs": r.seconds,
            }
        )
    print_table(
        f"Start-up on the shipped plan ({SHIPPED.name}), median of {runs} runs",
        ["command", "median", "ratio", "peak MB", "target"],
        rows,
    )
    return records


def scale_report(
    table: dict[str, dict[int, Result]],
    sizes: list[int],
    files: dict[int, Path],
    runs: dict[int, int],
) -> list[dict[str, object]]:
    header = ["command"]
    for n in sizes:
        mb = files[n].stat().st_size / 1e6
        header += [f"{label(n)} ({mb:.1f} MB)", "peak"]
    if 10_000 in sizes:
        header.append("10k target")
    linear = 10_000 in sizes and 100_000 in sizes
    if linear:
        header += ["100k / 10k", "linear target"]
    rows, records = [], []
    for name, per_size in table.items():
        row = [name]
        for n in sizes:
            r = per_size[n]
            if r.failure:
                row += [r.failure[:40], ""]
                continue
            row += [
                seconds_text(r.median, len(r.seconds) if runs[n] > 1 else 0),
                f"{r.peak_mb:.0f} MB",
            ]
            records.append(
                {
                    "case": name,
                    "tasks": n,
                    "file_mb": files[n].stat().st_size / 1e6,
                    "median_s": r.median,
                    "peak_mb": r.peak_mb,
                    "runs": r.seconds,
                }
            )
        if 10_000 in sizes:
            r = per_size[10_000]
            ok = r.median < TEN_K_SECONDS and r.peak_mb < TEN_K_MB
            row.append(("met" if ok else "MISSED") if r.case.target and r.seconds else "")
        if linear:
            small, big = per_size[10_000], per_size[100_000]
            ratio = big.median / small.median if small.seconds and big.seconds else float("nan")
            row.append("" if ratio != ratio else f"{ratio:.1f}×")
            verdict = "met" if ratio <= LINEAR_RATIO else "MISSED"
            row.append(verdict if small.case.target and ratio == ratio else "")
        rows.append(row)
    counts = ", ".join(f"{runs[n]} at {label(n)}" for n in sizes)
    print_table(
        f"Scale on synthetic plans (benchmarks/gen_plan.py), --quarter {SYNTHETIC_QUARTER}, "
        f"median of {counts} runs; targets at 10k: < {TEN_K_SECONDS:.0f} s and "
        f"< {TEN_K_MB:.0f} MB; 100k ≤ {LINEAR_RATIO:.0f}× 10k",
        header,
        rows,
    )
    if 10_000 in sizes and "due --format json" in table:
        json_median = table["due --format json"][10_000].median
        for name in ("list (table)", "report (table)"):
            if name in table and table[name][10_000].seconds:
                ratio = table[name][10_000].median / json_median
                verdict = "met" if ratio < TABLE_RATIO else "MISSED"
                goal = f"< {TABLE_RATIO:.0f}×: {verdict}"
                print(f"{name} at 10k: {ratio:.2f}× due --format json ({goal})")
    return records


def parse_count(text: str) -> int:
    text = text.strip().lower()
    return int(text[:-1]) * 1000 if text.endswith("k") else int(text)


def plan_file(tasks: int) -> Path:
    """The cached synthetic plan, generated in a child process to keep this one small."""
    script = str(HERE / "gen_plan.py")
    done = subprocess.run([sys.executable, script, str(tasks)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"gen_plan.py failed: {done.stderr.strip()}")
    return Path(done.stdout.strip())


def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


# --- main ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="every command once on 1k tasks (CI)")
    parser.add_argument("--sizes", default="1k,10k,100k", help="task counts, e.g. 1k,10k")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (scale)")
    parser.add_argument("--startup-runs", type=int, default=15, help="timed runs per start-up case")
    parser.add_argument("--big-runs", type=int, default=3, help="timed runs at 100k tasks")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up table")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale table")
    parser.add_argument(
        "--slow", type=float, default=60.0, help="run a case once if it takes longer (seconds)"
    )
    parser.add_argument("--only", help="only commands whose label contains one of these words")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)

    sizes = [1000] if args.smoke else [parse_count(s) for s in args.sizes.split(",")]
    startup_runs = 1 if args.smoke else args.startup_runs
    words = [w for w in (args.only or "").split(",") if w]

    def wanted(case: Case) -> bool:
        return not words or any(w in case.label for w in words)

    env = child_env()
    compile_bytecode()
    commands = available_commands(env)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"cchc benchmarks: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load {load:.2f}; commands found: {', '.join(sorted(commands)) or 'none'}"
    )
    report: dict[str, object] = {"python": platform.python_version(), "load": load}
    failed = False

    if not args.no_startup:
        cases = [c for c in startup_cases(SHIPPED_QUARTER) if not c.needs or c.needs in commands]
        cases = [c for c in cases if not c.needs or wanted(c)]
        results = measure(cases, startup_runs, env, warm_up=not args.smoke)
        report["startup"] = startup_report(results, startup_runs)
        failed |= any(r.failure for r in results)

    if not args.no_scale:
        files: dict[int, Path] = {}
        for n in sizes:
            started = time.perf_counter()
            files[n] = plan_file(n)
            took = time.perf_counter() - started
            print(f"plan of {label(n)} tasks: {files[n]} ({took:.1f} s to find or generate)")
        table: dict[str, dict[int, Result]] = {}
        runs: dict[int, int] = {}
        for n in sizes:
            clean = run_once(
                [sys.executable, "-m", "cchc", "validate", "--strict", "--file", str(files[n])], env
            )
            if clean[2] != 0:
                failed = True
                print(
                    f"the {label(n)} plan does not validate cleanly "
                    f"(validate --strict exits {clean[2]})"
                )
            cases = [c for c in scale_cases(files[n], SYNTHETIC_QUARTER) if c.needs in commands]
            cases = [c for c in cases if wanted(c)]
            runs[n] = 1 if args.smoke else (args.big_runs if n >= 100_000 else args.runs)
            for result in measure(cases, runs[n], env, not args.smoke, args.slow):
                table.setdefault(result.case.label, {})[n] = result
                failed |= bool(result.failure)
        report["scale"] = scale_report(table, sizes, files, runs)

    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.smoke:
        print("\nsmoke run: one run each, figures are indicative only")
    if failed:
        print("\nsome commands failed (see above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
