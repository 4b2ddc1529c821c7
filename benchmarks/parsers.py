"""The YAML parsers that could replace cchc's composer, timed on one synthetic plan (issue 16).

    python benchmarks/parsers.py [--tasks 10000] [--runs 5]

Prints the best of --runs for each way of getting from bytes to a tree, beside cchc's own
(`yamlnodes.parse`, a tree with source positions on top of libyaml's events) and the whole
load (parse, build, check; no cache). A parser is only a candidate if it gives every node's
line and column, which the located messages need; the figures say what each step costs so the
choice is made on them. rapidyaml is timed only when installed (`pip install rapidyaml`); its
Python API (0.15) gives no node positions, so its figure is the parse plus a bare walk over
the nodes, the least a tree builder on top of it would cost.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def best(runs: int, work: Callable[[], object]) -> float:
    fastest = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def ryml_walk(data: bytes) -> int:
    import ryml  # type: ignore[import-not-found]

    tree = ryml.parse_in_place(bytearray(data))
    count = 0
    stack = [tree.root_id()]
    while stack:
        node = stack.pop()
        count += 1
        if tree.has_key(node):
            bytes(tree.key(node))
        if tree.has_val(node):
            bytes(tree.val(node))
        child = tree.first_child(node)
        while child != ryml.NONE:
            stack.append(child)
            child = tree.next_sibling(child)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gen_plan.py"), str(args.tasks)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    data = Path(path).read_bytes()

    import yaml

    from cchc.load import load_bytes
    from cchc.yamlnodes import parse

    rows: list[tuple[str, Callable[[], object]]] = [
        ("cchc yamlnodes.parse (tree + positions)", lambda: parse(data, "plan")),
        ("cchc load, no cache (parse+build+check)", lambda: load_bytes(data, "p", use_cache=False)),
        ("PyYAML libyaml events only", lambda: list(yaml.parse(data, Loader=yaml.CSafeLoader))),
        (
            "PyYAML libyaml compose (nodes + marks)",
            lambda: yaml.compose(data, Loader=yaml.CSafeLoader),
        ),
        ("PyYAML libyaml load (no positions)", lambda: yaml.load(data, Loader=yaml.CSafeLoader)),
    ]
    try:
        import ryml  # noqa: F401

        rows.append(
            (
                "rapidyaml parse only (no positions)",
                lambda: __import__("ryml").parse_in_place(bytearray(data)),
            )
        )
        rows.append(("rapidyaml parse + bare walk in Python", lambda: ryml_walk(data)))
    except ImportError:
        print("rapidyaml: not installed (pip install rapidyaml), left out")
    print(f"{args.tasks} tasks, {len(data) / 1e6:.1f} MB, best of {args.runs}")
    for label, work in rows:
        print(f"  {label:42s} {best(args.runs, work):6.3f} s")


if __name__ == "__main__":
    main()
