"""Fault injection on every write path: kills at each step of a write, full disks, read-only
folders and two writers at once. After each, the target holds its old bytes or its new bytes,
never a mix or nothing; no temporary file stays behind (one left by SIGKILL, which nothing can
catch, is removed by the next write); a refused writer says why.

The faults are injected from outside cchc by tests/fault_runner.py, in a child process.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from cchc import fileio

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "fault_runner.py"
PLAN = ROOT / "data" / "tasks.yaml"
STEPS = ("created", "written", "before-rename", "after-rename")


def run(
    step: str,
    fault: str,
    args: Sequence[str],
    *,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), step, fault, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CCHC_LANG": "vi"},
        preexec_fn=preexec_fn,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX))


@dataclass(frozen=True)
class WritePath:
    """One way cchc writes a user's file: what it writes, with which arguments, and the bytes
    a whole write leaves."""

    name: str
    target: str  # the file's name inside the test folder
    args: Callable[[Path], list[str]]
    new_bytes: Callable[[Path, bytes], bytes]


def _exported(folder: Path, _old: bytes) -> bytes:
    done = run(
        "created",
        "none",
        ["export", "-f", str(folder / "tasks.yaml"), "-o", str(folder / "expected.ics")],
    )
    assert done.returncode == 0, done.stderr
    data = (folder / "expected.ics").read_bytes()
    (folder / "expected.ics").unlink()
    return data


def _reported(folder: Path, _old: bytes) -> bytes:
    args = ["report", "-f", str(folder / "tasks.yaml"), "-q", "IV/2023", "--format", "markdown"]
    done = run("created", "none", [*args, "-o", str(folder / "expected.md")])
    assert done.returncode == 0, done.stderr
    data = (folder / "expected.md").read_bytes()
    (folder / "expected.md").unlink()
    return data


RECORD = ["record", "II.1", "--status", "hoàn thành", "--date", "15/12/2023"]


def _recorded(folder: Path, old: bytes) -> bytes:
    scratch = folder.parent / f"{folder.name}-expected"
    scratch.mkdir()
    (scratch / "tasks.yaml").write_bytes(old)
    done = run("created", "none", [*RECORD, "-f", str(scratch / "tasks.yaml")])
    assert done.returncode == 0, done.stderr
    return (scratch / "tasks.yaml").read_bytes()


def _imported(folder: Path, old: bytes) -> bytes:
    """A filled form in the folder (made by cchc, filled as an agency would), and the plan
    that importing it gives."""
    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx forms need openpyxl (cchc[xlsx])")
    form = folder / "form.xlsx"
    args = ["export", "--format", "xlsx", "--agency", "Sở Nội vụ", "-q", "IV/2023"]
    done = run("created", "none", [*args, "-f", str(folder / "tasks.yaml"), "-o", str(form)])
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(form)
    sheet = book["Tiến độ"]
    sheet["G5"], sheet["H5"] = "hoàn thành", "20/03/2022"
    sheet["G6"], sheet["H6"], sheet["I6"] = "đang thực hiện", "15/11/2023", 60
    book.save(form)
    scratch = folder.parent / f"{folder.name}-expected"
    scratch.mkdir()
    (scratch / "tasks.yaml").write_bytes(old)
    done = run("created", "none", ["import-progress", str(form), "-f", str(scratch / "tasks.yaml")])
    assert done.returncode == 0, done.stderr
    return (scratch / "tasks.yaml").read_bytes()


WRITE_PATHS = [
    WritePath(
        "export --output",
        "calendar.ics",
        lambda d: ["export", "-f", str(d / "tasks.yaml"), "-o", str(d / "calendar.ics")],
        _exported,
    ),
    WritePath(
        "report --output",
        "report.md",
        lambda d: [
            "report",
            "-f",
            str(d / "tasks.yaml"),
            "-q",
            "IV/2023",
            "--format",
            "markdown",
            "-o",
            str(d / "report.md"),
        ],
        _reported,
    ),
    WritePath(
        "plan edit (read_for_update, write_back)",
        "tasks.yaml",
        lambda d: ["__edit__", str(d / "tasks.yaml")],
        lambda _d, old: old + b"# edited\n",
    ),
    WritePath(
        "record",
        "tasks.yaml",
        lambda d: [*RECORD, "-f", str(d / "tasks.yaml")],
        _recorded,
    ),
    WritePath(
        "import-progress",
        "tasks.yaml",
        lambda d: ["import-progress", str(d / "form.xlsx"), "-f", str(d / "tasks.yaml")],
        _imported,
    ),
]
IDS = [w.name for w in WRITE_PATHS]


def setup(tmp_path: Path, write: WritePath) -> tuple[bytes, bytes]:
    (tmp_path / "tasks.yaml").write_bytes(PLAN.read_bytes())
    target = tmp_path / write.target
    if write.target != "tasks.yaml":
        target.write_bytes(b"the previous version\n")
    old = target.read_bytes()
    return old, write.new_bytes(tmp_path, old)


def folder_names(tmp_path: Path) -> set[str]:
    return {p.name for p in tmp_path.iterdir()}


# --- kills at each step ---------------------------------------------------------------------
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_sigkill_at_each_step_leaves_old_or_new_and_the_next_write_sweeps(
    tmp_path: Path, write: WritePath, step: str
) -> None:
    old, new = setup(tmp_path, write)
    names = folder_names(tmp_path)
    killed = run(step, "kill", write.args(tmp_path))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    data = (tmp_path / write.target).read_bytes()
    expected = new if step == "after-rename" else old
    assert data == expected
    # what SIGKILL leaves is the temporary file, named so the next write knows it
    assert folder_names(tmp_path) - names <= set(leftovers(tmp_path))
    if step == "after-rename":  # the write was complete; a second record would be refused
        assert leftovers(tmp_path) == []
        return
    again = run(step, "none", write.args(tmp_path))
    assert again.returncode == 0, again.stderr
    assert leftovers(tmp_path) == []
    assert folder_names(tmp_path) == names
    assert (tmp_path / write.target).read_bytes() == new


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_sigterm_at_each_step_cleans_up_at_once(
    tmp_path: Path, write: WritePath, step: str
) -> None:
    old, new = setup(tmp_path, write)
    names = folder_names(tmp_path)
    stopped = run(step, "term", write.args(tmp_path))
    assert stopped.returncode in (128 + signal.SIGTERM, -signal.SIGTERM), stopped.stderr
    assert "Traceback" not in stopped.stderr
    data = (tmp_path / write.target).read_bytes()
    assert data == (new if step == "after-rename" else old)
    assert leftovers(tmp_path) == []
    assert folder_names(tmp_path) == names


# --- a full disk, a device error, a read-only folder ------------------------------------------
@pytest.mark.parametrize(
    ("step", "fault", "said"),
    [
        ("written", "enospc", "ổ đĩa đã đầy"),
        ("before-rename", "enospc", "ổ đĩa đã đầy"),
        ("written", "eio", "lỗi vào/ra của thiết bị"),
        ("created", "eacces", "không có quyền ghi"),
    ],
)
@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_a_failing_disk_leaves_the_old_bytes_and_says_why(
    tmp_path: Path, write: WritePath, step: str, fault: str, said: str
) -> None:
    old, _new = setup(tmp_path, write)
    names = folder_names(tmp_path)
    failed = run(step, fault, write.args(tmp_path))
    assert failed.returncode == 2
    assert said in failed.stderr and "lỗi nội bộ" not in failed.stderr
    assert "Traceback" not in failed.stderr
    assert (tmp_path / write.target).read_bytes() == old
    assert folder_names(tmp_path) == names


@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_a_file_size_limit_is_a_real_full_disk(tmp_path: Path, write: WritePath) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write part way, as a full disk does."""
    resource = pytest.importorskip("resource")
    old, _new = setup(tmp_path, write)
    names = folder_names(tmp_path)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    failed = run("created", "none", write.args(tmp_path), preexec_fn=limit)
    assert failed.returncode == 2, failed.stderr
    assert "tệp vượt quá kích thước cho phép" in failed.stderr
    assert (tmp_path / write.target).read_bytes() == old
    assert folder_names(tmp_path) == names


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes into read-only folders; the injected EACCES above covers it",
)
@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_a_read_only_folder(tmp_path: Path, write: WritePath) -> None:
    old, _new = setup(tmp_path, write)
    tmp_path.chmod(0o555)
    try:
        failed = run("created", "none", write.args(tmp_path))
    finally:
        tmp_path.chmod(0o755)
    assert failed.returncode == 2
    assert "không có quyền ghi" in failed.stderr
    assert (tmp_path / write.target).read_bytes() == old


# --- two writers at once ------------------------------------------------------------------------
def start_paused(tmp_path: Path, write: WritePath, step: str = "written") -> subprocess.Popen[str]:
    marker = str(tmp_path.parent / f"{tmp_path.name}-pause")
    first = subprocess.Popen(
        [sys.executable, str(RUNNER), step, "pause", *write.args(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FAULT_PAUSE": marker},
    )
    deadline = time.monotonic() + 30
    while not Path(marker + ".reached").exists():
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return first


def release(tmp_path: Path, first: subprocess.Popen[str]) -> tuple[int, str]:
    Path(str(tmp_path.parent / f"{tmp_path.name}-pause") + ".go").write_text("go")
    _out, err = first.communicate(timeout=60)
    return first.returncode, err


@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_a_second_cchc_writer_is_refused_while_the_first_writes(
    tmp_path: Path, write: WritePath
) -> None:
    _old, new = setup(tmp_path, write)
    first = start_paused(tmp_path, write)
    second = run("created", "none", write.args(tmp_path))
    assert second.returncode == 2
    assert "một lệnh cchc khác đang ghi tệp này" in second.stderr
    code, err = release(tmp_path, first)
    assert code == 0, err
    assert (tmp_path / write.target).read_bytes() == new
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("write", WRITE_PATHS, ids=IDS)
def test_another_program_writing_meanwhile_wins_and_cchc_says_so(
    tmp_path: Path, write: WritePath
) -> None:
    """An editor takes no lock: the bytes compared just before the rename tell."""
    setup(tmp_path, write)
    first = start_paused(tmp_path, write)
    theirs = b"version: 1\n# saved by an editor meanwhile\n"
    with open(tmp_path / write.target, "r+b") as stream:  # in place, as many editors save
        stream.truncate(0)
        stream.write(theirs)
    code, err = release(tmp_path, first)
    assert code == 2
    assert "giữ nguyên" in err or "không ghi để khỏi làm mất thay đổi đó" in err
    assert (tmp_path / write.target).read_bytes() == theirs
    assert leftovers(tmp_path) == []


def test_two_writers_creating_the_same_new_file(tmp_path: Path) -> None:
    """No file to lock yet: the one that renames second sees the first's file and stops."""
    write = WRITE_PATHS[0]
    _old, new = setup(tmp_path, write)
    (tmp_path / write.target).unlink()
    first = start_paused(tmp_path, write)
    second = run("created", "none", write.args(tmp_path))
    assert second.returncode == 0, second.stderr
    code, err = release(tmp_path, first)
    assert code == 2 and "một chương trình khác vừa ghi tệp này" in err
    assert (tmp_path / write.target).read_bytes() == new
    assert leftovers(tmp_path) == []


# --- hard links -------------------------------------------------------------------------------
def test_a_hard_linked_plan_keeps_the_other_name_and_says_so(tmp_path: Path) -> None:
    write = WRITE_PATHS[2]
    old, new = setup(tmp_path, write)
    (tmp_path / "other-name.yaml").hardlink_to(tmp_path / "tasks.yaml")
    edited = run("created", "none", write.args(tmp_path))
    assert edited.returncode == 0, edited.stderr
    assert (tmp_path / "tasks.yaml").read_bytes() == new
    assert (tmp_path / "other-name.yaml").read_bytes() == old


def test_output_over_a_hard_linked_file_warns(tmp_path: Path) -> None:
    write = WRITE_PATHS[0]
    old, new = setup(tmp_path, write)
    (tmp_path / "copy.ics").hardlink_to(tmp_path / write.target)
    done = run("created", "none", write.args(tmp_path))
    assert done.returncode == 0
    assert "liên kết cứng" in done.stderr
    assert (tmp_path / "copy.ics").read_bytes() == old
    assert (tmp_path / write.target).read_bytes() == new
    assert stat.S_ISREG((tmp_path / write.target).stat().st_mode)
