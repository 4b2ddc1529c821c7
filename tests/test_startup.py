"""Start-up stays lean: paths that print no table never import rich (issue 7).

Each case runs cchc in a fresh interpreter (imports are per process, so an in-process CliRunner
cannot tell) through a tiny wrapper that runs `python -m cchc …` and then writes the names in
sys.modules to a file. Two cases that must import rich or dateutil show that the check sees
them when they are there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "tasks.yaml"

# Runs cchc as `python -m cchc` does, then records the modules it loaded and its exit code.
WRAPPER = """
import json, runpy, sys
out, args = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ["cchc", *args]
try:
    runpy.run_module("cchc", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as end:
    code = end.code if isinstance(end.code, int) else (0 if end.code is None else 1)
with open(out, "w", encoding="utf-8") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""


def run(tmp_path: Path, *args: str, plan: Path = PLAN) -> tuple[int, set[str]]:
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k not in ("CCHC_DATA", "CCHC_LANG")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), json.dumps([*args, "--file", str(plan)])],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.exists(), done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    return record["code"], set(record["modules"])


def imported(modules: set[str], package: str) -> list[str]:
    return sorted(m for m in modules if m == package or m.startswith(package + "."))


LEAN = [
    pytest.param(("validate",), id="validate"),
    pytest.param(("validate", "--format", "json"), id="validate-json"),
    pytest.param(("due", "--quarter", "IV/2023", "--format", "json"), id="due-json"),
    pytest.param(("list", "--format", "json"), id="list-json"),
    pytest.param(("report", "--quarter", "IV/2023", "--format", "json"), id="report-json"),
    pytest.param(("report", "--quarter", "IV/2023", "--format", "markdown"), id="report-md"),
]


@pytest.mark.parametrize("args", LEAN)
def test_paths_without_a_table_import_neither_rich_nor_dateutil(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules = run(tmp_path, *args)
    assert code == 0
    assert "cchc.cli" in modules  # the wrapper really ran cchc
    assert imported(modules, "rich") == []
    # dateutil reads --as-of dates only; a reference quarter needs no date parser
    assert imported(modules, "dateutil") == []
    assert imported(modules, "docx") == []
    assert "cchc.render.table" not in modules
    assert "pickle" not in modules and "hashlib" not in modules


def test_the_table_path_imports_rich(tmp_path: Path) -> None:
    code, modules = run(tmp_path, "list")
    assert code == 0
    assert "rich.table" in modules
    assert "cchc.render.table" in modules


def test_as_of_imports_dateutil_and_still_no_rich(tmp_path: Path) -> None:
    code, modules = run(tmp_path, "due", "--as-of", "31/12/2023", "--format", "json")
    assert code == 0
    assert "dateutil.parser" in modules
    assert imported(modules, "rich") == []


def test_importing_the_cli_loads_no_renderer_and_no_rich() -> None:
    code = (
        "import json, sys, cchc.cli; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('rich', 'dateutil', 'docx') or m.startswith('cchc.render'))))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


LEFT_OUT = {"dataclasses", "orjson", "cchc.fileio", "cchc.render.problems"}


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        # validate prints its verdict through the problem formatter
        pytest.param(("validate",), {"cchc.render.problems"}, id="validate"),
        pytest.param(("due", "--quarter", "IV/2023", "--format", "json"), set(), id="due-json"),
        # rich defines dataclasses of its own
        pytest.param(("due", "--quarter", "IV/2023"), {"dataclasses"}, id="due-table"),
    ],
)
def test_the_main_paths_leave_out_what_they_do_not_use(
    tmp_path: Path, args: tuple[str, ...], needed: set[str]
) -> None:
    """Issue 16's start-up budget: cchc defines no dataclass on these paths (each cost 0.2-0.4
    ms, the module 0.4 ms), a small JSON output needs no orjson (1.6 ms with what it imports),
    and nothing that only reads imports the write path or, for a valid plan, the formatter."""
    code, modules = run(tmp_path, *args)
    assert code == 0
    assert modules & LEFT_OUT == needed
