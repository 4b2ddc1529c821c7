"""Time and peak memory of loading hostile and large plan files (issue 6), with both parsers.

    python benchmarks/robustness.py            # a table: input, size, parser, seconds, peak, ×size

Peak memory is what Python allocates while loading (tracemalloc; libyaml's own buffers are not
counted), measured in a second run so the first run's timing is not slowed by the tracing. The
numbers back docs/SECURITY.md; the tests assert only the bounds the issue promises.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cchc.load import load, load_bytes  # noqa: E402

PLAN = (ROOT / "data" / "tasks.yaml").read_bytes()


def synthetic(tasks: int) -> bytes:
    """The shipped plan's header and registry, then `tasks` tasks in ten sections."""
    head = PLAN.decode("utf-8").partition("\nsections:\n")[0]
    out = [head, "\nsections:\n"]
    per = max(1, tasks // 10)
    for s, sid in enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")):
        out.append(f"  - id: {sid}\n    title: Mục {s + 1}\n    tasks:\n")
        for t in range(1, per + 1):
            out.append(
                f"      - id: {sid}.{t}\n"
                f"        title: Nhiệm vụ số {t} về cải cách hành chính, nâng cao hiệu quả\n"
                "        lead:\n          - Sở Nội vụ\n"
                '        partners:\n          - "Sở, ban, ngành"\n          - UBND cấp huyện\n'
                "        deadline: Quý IV/2023\n"
            )
    return "".join(out).encode("utf-8")


def laughs(levels: int, width: int) -> bytes:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return ("\n".join(lines) + "\n").encode()


INPUTS: dict[str, Callable[[], bytes]] = {
    "shipped plan (34 tasks)": lambda: PLAN,
    "1 000 tasks": lambda: synthetic(1_000),
    "10 000 tasks": lambda: synthetic(10_000),
    "billion laughs (30 × 10)": lambda: laughs(30, 10),
    "block lists 10 000 deep": lambda: b"- " * 10_000 + b"x\n",
    "flow lists 10 000 deep": lambda: b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "[a,a,…] 1 MB": lambda: b"x: [" + b"a," * 500_000 + b"a]\n",
    "- a lines 1 MB": lambda: b"x:\n" + b"- a\n" * 250_000,
    "duplicate keys 1 MB": lambda: b"a: 1\n" * 200_000,
}


def measure(run: Callable[[], object]) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    print(f"{'input':28} {'bytes':>11} {'parser':8} {'seconds':>8} {'peak MB':>8} {'×size':>6}")
    for name, make in INPUTS.items():
        data = make()
        for use_libyaml, parser in ((True, "libyaml"), (False, "python")):
            run = functools.partial(load_bytes, data, "plan.yaml", use_libyaml=use_libyaml)
            seconds, peak = measure(run)
            print(
                f"{name:28} {len(data):>11} {parser:8} {seconds:>8.2f} {peak / 1e6:>8.1f} "
                f"{peak / len(data):>6.1f}"
            )
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        with big.open("wb") as stream:
            stream.write(b"version: 1\n")
            stream.truncate(50 * 2**20)
        seconds, peak = measure(lambda: load(big))
        print(f"{'50 MB file (cap 32 MiB)':28} {big.stat().st_size:>11} {'-':8} {seconds:>8.2f} "
              f"{peak / 1e6:>8.1f} {peak / big.stat().st_size:>6.1f}")  # fmt: skip
        os.environ["CCHC_MAX_BYTES"] = str(2**20)
        seconds, peak = measure(lambda: load(big))
        print(f"{'50 MB file (cap 1 MiB)':28} {big.stat().st_size:>11} {'-':8} {seconds:>8.2f} "
              f"{peak / 1e6:>8.1f} {peak / big.stat().st_size:>6.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
