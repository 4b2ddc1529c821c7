"""The plan cache: a hit gives what parsing gives, and anything odd is a miss, never an error."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cchc import cache
from cchc import load as load_module
from cchc.load import Loaded, load, load_bytes

from .conftest import DATA, ROOT, TESTS, invoke

PROGRESS = TESTS / "data" / "progress_due.yaml"
BROKEN = TESTS / "broken"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setattr(load_module, "CACHE_MIN_BYTES", 0)  # the shipped plan is under it
    monkeypatch.setenv(cache.ENV_DIR, str(where))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return where


def entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.pickle"))


def _types(value: object) -> list[str]:
    """The type of every record and span inside a plan, in order."""
    found: list[str] = []
    stack = [value]
    while stack:
        current = stack.pop()
        found.append(type(current).__name__)
        if isinstance(current, tuple):
            stack.extend(current)
        elif hasattr(current, "sections"):
            stack.extend([current.info, current.sections, current.registry.agencies])
    return found


def twice(path: Path, today: date | None = None) -> Loaded:
    """An entry is written the second time a file is loaded."""
    load(path, today)
    return load(path, today)


def test_an_entry_is_written_the_second_time(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(DATA)
    assert entries(cache_dir) == [] and len(list(cache_dir.glob("*.seen"))) == 1
    load(DATA)
    assert len(entries(cache_dir)) == 1 and list(cache_dir.glob("*.seen")) == []
    monkeypatch.setattr(load_module, "parse", None)
    assert load(DATA).plan == first.plan


@pytest.mark.parametrize(
    "path", [DATA, PROGRESS, *sorted(BROKEN.glob("*.yaml"))[:12]], ids=lambda p: p.name
)
def test_a_hit_gives_what_parsing_gives(
    path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = twice(path, date(2026, 11, 29))
    assert len(entries(cache_dir)) == 1
    monkeypatch.setattr(load_module, "parse", None)  # a hit must not need the parser
    second = load(path, date(2026, 11, 29))
    assert second.plan == first.plan
    assert _types(second.plan) == _types(first.plan)  # NamedTuples equal plain tuples
    assert second.problems == first.problems
    assert [type(p.span) for p in second.problems] == [type(p.span) for p in first.problems]
    assert second.document.problems == first.document.problems
    assert second.document.text == first.document.text
    assert second.document.path == first.document.path


def test_a_changed_byte_is_a_miss(cache_dir: Path, tmp_path: Path) -> None:
    plan = tmp_path / "tasks.yaml"
    plan.write_bytes(DATA.read_bytes())
    twice(plan)
    text = DATA.read_text(encoding="utf-8").replace("Quý IV/2023", "Quý IV/2024", 1)
    plan.write_text(text, encoding="utf-8")
    changed = twice(plan)
    assert changed.plan is not None
    deadlines = [t.deadline.wording for t in changed.plan.tasks]
    assert "Quý IV/2024" in deadlines
    assert len(entries(cache_dir)) == 2


def test_one_entry_serves_every_day(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Progress dated in the future (P004) depends on the day: that rule runs on every load,
    and the entry holds the rest, so another day reads the same entry."""
    data = PROGRESS.read_bytes()
    parsed = {
        day: load_bytes(data, "p.yaml", day, use_cache=False).problems
        for day in (date(2023, 1, 1), date(2030, 1, 1), None)
    }
    assert any(p.code == "P004" for p in parsed[date(2023, 1, 1)])
    assert not any(p.code == "P004" for p in parsed[date(2030, 1, 1)])
    load_bytes(data, "p.yaml", date(2023, 1, 1))
    load_bytes(data, "p.yaml", date(2023, 1, 1))  # now in the cache
    assert len(entries(cache_dir)) == 1
    monkeypatch.setattr(load_module, "parse", None)
    for day, expected in parsed.items():
        assert load_bytes(data, "p.yaml", day).problems == expected
    assert len(entries(cache_dir)) == 1


def test_messages_name_the_path_they_were_asked_for(cache_dir: Path) -> None:
    data = (BROKEN / sorted(p.name for p in BROKEN.glob("*.yaml"))[0]).read_bytes()
    load_bytes(data, "one.yaml")
    one = load_bytes(data, "one.yaml")  # now in the cache
    two = load_bytes(data, "two.yaml")
    assert one.problems and {p.path for p in one.problems} == {"one.yaml"}
    assert {p.path for p in two.problems} == {"two.yaml"}


def test_the_parser_is_part_of_the_key(cache_dir: Path) -> None:
    data = DATA.read_bytes()
    load_bytes(data, "x", use_libyaml=False)
    assert load_bytes(data, "x", use_libyaml=False).document.loader == "python"
    assert len(entries(cache_dir)) == 1
    load_bytes(data, "x", use_libyaml=True)
    load_bytes(data, "x", use_libyaml=True)
    assert len(entries(cache_dir)) == 2


def test_a_damaged_entry_is_a_miss(cache_dir: Path) -> None:
    first = twice(DATA)
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"\x80\x05not a pickle")
    again = twice(DATA)
    assert again.plan == first.plan
    # rewritten whole
    assert pickle.loads(entry.read_bytes()).plan == first.plan


def test_an_entry_of_another_shape_is_a_miss(cache_dir: Path) -> None:
    first = twice(DATA)
    (entry,) = entries(cache_dir)
    entry.write_bytes(pickle.dumps({"plan": "not a plan"}))
    assert load(DATA).plan == first.plan


def test_off_writes_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load(DATA)
    load(DATA)
    assert not cache_dir.exists()
    assert load(DATA, use_cache=False).plan is not None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv(cache.ENV_DIR, str(locked / "cache"))
    assert load(DATA).plan is not None


def test_a_folder_others_may_write_to_is_not_used(cache_dir: Path) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    load(DATA)
    assert entries(cache_dir) == []
    cache_dir.chmod(0o700)
    twice(DATA)
    assert len(entries(cache_dir)) == 1


def test_an_entry_others_may_write_to_is_not_read(cache_dir: Path) -> None:
    twice(DATA)
    (entry,) = entries(cache_dir)
    entry.write_bytes(pickle.dumps("planted"))
    entry.chmod(0o666)
    assert cache.fetch(entry.stem) is None
    entry.chmod(0o600)
    assert cache.fetch(entry.stem) == "planted"


def test_the_folder_is_made_private(cache_dir: Path) -> None:
    load(DATA)
    assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_old_entries_are_pruned(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    data = DATA.read_bytes()
    for n in range(6):
        for _ in range(2):
            load_bytes(data + f"\n# {n}\n".encode(), "x")
    assert len(entries(cache_dir)) == 3
    # the newest stay
    newest = load_bytes(data + b"\n# 5\n", "x")
    assert newest.plan is not None and len(entries(cache_dir)) == 3


def test_code_changes_change_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key(b"x", "p", "libyaml")
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    assert cache.key(b"x", "p", "libyaml") != before


def test_whole_commands_agree_cold_and_warm(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = [
        ["due", "--quarter", "IV/2023", "--format", "json", "--file", str(PROGRESS)],
        ["report", "--quarter", "IV/2023", "--format", "markdown", "--file", str(DATA)],
        ["list", "--format", "csv", "--file", str(DATA)],
        ["validate", str(BROKEN / sorted(p.name for p in BROKEN.glob("*.yaml"))[0])],
    ]
    monkeypatch.setenv(cache.ENV_OFF, "1")
    cold = [invoke(args) for args in commands]
    monkeypatch.delenv(cache.ENV_OFF)
    for args in commands * 2:
        invoke(args)  # fills the cache
    monkeypatch.setattr(load_module, "parse", None)
    warm = [invoke(args) for args in commands]
    for c, w in zip(cold, warm, strict=True):
        assert (w.exit_code, w.stdout, w.stderr) == (c.exit_code, c.stdout, c.stderr)


def test_a_second_process_reads_the_first_ones_entry(cache_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"  # over the size a process caches
    big.write_bytes(DATA.read_bytes() + b"\n" + b"# padding\n" * 7000)
    env = {**os.environ, cache.ENV_DIR: str(cache_dir)}
    command = [sys.executable, "-m", "cchc", "due", "--quarter", "IV/2023", "--format", "json"]
    command += ["--file", str(big)]
    runs = [subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)]
    assert entries(cache_dir) == []
    runs.append(subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True))
    (entry,) = entries(cache_dir)
    stamp = entry.stat().st_mtime_ns
    runs.append(subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True))
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert entries(cache_dir) == [entry] and entry.stat().st_mtime_ns >= stamp


def test_a_folder_that_cannot_be_made_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(a_file / "cache"))
    first = load(DATA)
    assert first.plan is not None and load(DATA).plan == first.plan
    assert a_file.read_text(encoding="utf-8") == "not a folder"


def test_small_plans_are_parsed_not_cached(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_module, "CACHE_MIN_BYTES", 64 * 1024)
    assert len(DATA.read_bytes()) < load_module.CACHE_MIN_BYTES
    twice(DATA)
    assert not cache_dir.exists()
    big = DATA.read_bytes() + b"#" * load_module.CACHE_MIN_BYTES
    load_bytes(big, "big.yaml")
    assert cache_dir.exists()


@pytest.mark.parametrize(
    "path", [DATA, PROGRESS, *sorted(BROKEN.glob("P*.yaml"))], ids=lambda p: p.name
)
@pytest.mark.parametrize("day", [date(2022, 1, 1), date(2024, 6, 30), date(2031, 1, 1)])
def test_only_the_clock_rules_read_the_day(path: Path, day: date) -> None:
    """What the cache relies on: checking for a day is checking for no day plus CLOCK_RULES."""
    from cchc.problems import Problem
    from cchc.validate import check, clock_problems
    from cchc.yamlnodes import parse

    doc = parse(path.read_bytes(), path.name)
    plan, for_the_day = check(doc, day)
    _, for_no_day = check(doc, None)
    assert plan is not None or not any(p.code == "P004" for p in for_the_day)
    dated = clock_problems(doc, plan, day) if plan is not None else []
    assert for_the_day == sorted([*for_no_day, *dated], key=Problem.sort_key)


def test_entries_are_pruned_by_total_size(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = DATA.read_bytes()
    for n in range(2):
        for _ in range(2):
            load_bytes(data + f"\n# {n}\n".encode(), "x")
    assert len(entries(cache_dir)) == 2
    size = max(e.stat().st_size for e in entries(cache_dir))
    monkeypatch.setattr(cache, "MAX_TOTAL_BYTES", size + 1)
    for _ in range(2):
        load_bytes(data + b"\n# 2\n", "x")  # a third entry: only the newest fits
    assert len(entries(cache_dir)) == 1
    assert load_bytes(data + b"\n# 2\n", "x").plan is not None
