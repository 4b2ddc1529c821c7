"""The YAML parsers that could replace cchc's composer, timed on one synthetic plan (issue 16).

    python benchmarks/parsers.py [--tasks 10000] [--runs 5]

Prints the best of --runs for each way of getting from bytes to a tree, beside cchc's own
(`yamlnodes.parse`, a tree with source positions on top of libyaml's events) and the whole
load (parse, build, check), with the collector paused as the CLI pauses it. A parser is only a
candidate if it gives every value's line and column: the plan keeps the span of every task,
deadline and progress entry (located messages, and the writers that edit the file in place).

The optional parsers are timed when installed (`pip install rapidyaml yaml-rs ryaml`):
- rapidyaml's Python API (0.15) gives no node positions; the nearest thing is the address of
  each key's and value's memoryview into the parsed buffer, read here through ctypes, so its
  row is the least a positioned tree on rapidyaml would cost (no nodes, no lines, no types);
- yaml-rs and ryaml (Rust) load straight into Python objects with no positions at all: what a
  parser costs when nothing is located.
"""

from __future__ import annotations

import argparse
import gc
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


def events_only(text: str) -> int:
    import yaml

    loader = yaml.CSafeLoader(text)
    count = 0
    while loader.get_event() is not None:
        count += 1
    loader.dispose()
    return count


def ryml_offsets(data: bytes) -> list[tuple[int, bytes]]:
    """Every key and value of a rapidyaml tree with its byte offset in the source."""
    import ctypes

    import ryml  # type: ignore[import-not-found]

    class PyBuffer(ctypes.Structure):
        _fields_ = [
            ("buf", ctypes.c_void_p),
            ("obj", ctypes.py_object),
            ("len", ctypes.c_ssize_t),
            ("itemsize", ctypes.c_ssize_t),
            ("readonly", ctypes.c_int),
            ("ndim", ctypes.c_int),
            ("format", ctypes.c_char_p),
            ("shape", ctypes.c_void_p),
            ("strides", ctypes.c_void_p),
            ("suboffsets", ctypes.c_void_p),
            ("internal", ctypes.c_void_p),
        ]

    get_buffer = ctypes.pythonapi.PyObject_GetBuffer
    get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(PyBuffer), ctypes.c_int]
    release = ctypes.pythonapi.PyBuffer_Release
    release.argtypes = [ctypes.POINTER(PyBuffer)]
    view = PyBuffer()
    ref = ctypes.byref(view)

    def address(memory: memoryview) -> int:
        get_buffer(memory, ref, 0)
        where = int(view.buf or 0)
        release(ref)
        return where

    buffer = bytearray(data)
    base = ctypes.addressof((ctypes.c_char * len(buffer)).from_buffer(buffer))
    tree = ryml.parse_in_place(buffer)
    found: list[tuple[int, bytes]] = []
    stack = [tree.root_id()]
    while stack:
        node = stack.pop()
        if tree.has_key(node):
            key = tree.key(node)
            found.append((address(key) - base, bytes(key)))
        if tree.has_val(node):
            value = tree.val(node)
            found.append((address(value) - base if len(value) else -1, bytes(value)))
        child = tree.first_child(node)
        while child != ryml.NONE:
            stack.append(child)
            child = tree.next_sibling(child)
    return found


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
    text = data.decode("utf-8")

    import yaml

    from cchc.load import load_bytes
    from cchc.yamlnodes import parse

    rows: list[tuple[str, Callable[[], object]]] = [
        ("cchc yamlnodes.parse (tree + positions)", lambda: parse(data, "plan")),
        ("cchc load (parse, build, check)", lambda: load_bytes(data, "plan")),
        ("PyYAML libyaml events only", lambda: events_only(text)),
        ("PyYAML libyaml compose (nodes + marks)", lambda: yaml.compose(text, yaml.CSafeLoader)),
        ("PyYAML libyaml load (no positions)", lambda: yaml.load(text, yaml.CSafeLoader)),
    ]
    optional: list[tuple[str, str, Callable[[], object]]] = [
        ("ryml", "rapidyaml parse only (no positions)", lambda: ryml_parse(data)),
        ("ryml", "rapidyaml + byte offsets of every value", lambda: ryml_offsets(data)),
        ("yaml_rs", "yaml-rs loads (no positions)", lambda: __import__("yaml_rs").loads(text)),
        ("ryaml", "ryaml loads (no positions)", lambda: __import__("ryaml").loads(text)),
    ]
    for module, label, work in optional:
        try:
            __import__(module)
        except ImportError:
            print(f"{module}: not installed, left out")
            continue
        rows.append((label, work))
    gc.disable()  # as cliutil.open_plan does while a plan loads
    print(f"{args.tasks} tasks, {len(data) / 1e6:.1f} MB, best of {args.runs}, collector paused")
    for label, work in rows:
        print(f"  {label:42s} {best(args.runs, work):6.3f} s")


def ryml_parse(data: bytes) -> object:
    import ryml

    return ryml.parse_in_place(bytearray(data))


if __name__ == "__main__":
    main()
