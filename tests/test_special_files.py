"""Reading and writing what is not a regular file: FIFOs, devices, standard input and output,
a full disk behind standard output, and options with a closed set of values."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.hostile import harness

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "tasks.yaml"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def cchc(
    *args: str, stdin: bytes | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "CCHC_LANG": "vi"},
        check=False,
    )


def shell(command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        capture_output=True,
        timeout=30,
        cwd=ROOT,
        env={**os.environ, "CCHC_LANG": "vi"},
        check=False,
    )


@posix_only
def test_export_into_a_fifo_streams_and_keeps_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "calendar.ics"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    done = cchc("export", "-f", str(PLAN), "-o", str(fifo))
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert fifo.is_fifo()
    assert got and got[0].startswith(b"BEGIN:VCALENDAR") and got[0].count(b"BEGIN:VEVENT") == 56
    assert list(tmp_path.iterdir()) == [fifo]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_output_to_dev_stdout_goes_down_the_pipe() -> None:
    done = shell(f"python cli.py export -f {PLAN} -o /dev/stdout | head -c 15")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"BEGIN:VCALENDAR"


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_output_to_dev_stdout_redirected_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    done = shell(f"python cli.py export -f {PLAN} -o /dev/stdout > {target}")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 56


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_device_is_a_full_disk_not_a_bug() -> None:
    for command in (
        f"python cli.py list -f {PLAN} > /dev/full",
        f"python cli.py validate {PLAN} > /dev/full",
        f"python cli.py export -f {PLAN} -o /dev/full",
        f"python cli.py due -f {PLAN} -q IV/2023 --format json > /dev/full",
    ):
        done = shell(command)
        assert done.returncode == 2, command
        err = done.stderr.decode()
        assert "ổ đĩa đã đầy" in err, (command, err)
        assert "lỗi nội bộ" not in err and "Traceback" not in err, (command, err)
    assert Path("/dev/full").is_char_device()


def test_a_closed_pipe_ends_quietly() -> None:
    for command in ("list", "due -q IV/2023", "export"):
        done = shell(f"python cli.py {command} -f {PLAN} | head -c 1 > /dev/null")
        assert done.returncode == 0, (command, done.stderr)
        assert done.stderr == b"", command


def test_empty_output_name_says_so(tmp_path: Path) -> None:
    done = cchc("export", "-f", str(PLAN), "-o", "")
    assert done.returncode == 2
    assert "tên tệp trống" in done.stderr.decode()


def test_validate_dash_reads_standard_input() -> None:
    done = cchc("validate", "-", stdin=PLAN.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "<stdin>: không có lỗi (34 nhiệm vụ).\n"
    broken = PLAN.read_bytes().replace(b"version: 1", b"version: 7", 1)
    done = cchc("validate", "-", "--format", "parsable", stdin=broken)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("<stdin>:")
    listed = cchc("list", "-f", "-", "--format", "json", stdin=PLAN.read_bytes())
    assert listed.returncode == 0 and listed.stdout.count(b'"id": ') == 34


@posix_only
def test_validate_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    done = cchc("validate", str(fifo), timeout=10)
    assert done.returncode == 2
    assert "không có chương trình nào ghi vào" in done.stderr.decode()


@posix_only
def test_validate_a_fifo_with_a_writer_reads_it(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    done = shell(f"cat {PLAN} > {fifo} & python cli.py validate {fifo}")
    assert done.returncode == 0, done.stderr
    assert b"34" in done.stdout


# --- closed sets of values ----------------------------------------------------------------------
CLOSED_OPTIONS = {
    "--color": "auto, always, never",
    "--format": "",
    "--role": "lead",
    "--lang": "vi hoặc en",
}


def closed_cases() -> list[tuple[str, tuple[str, ...], str, str]]:
    cases = []
    for command in harness.plan_commands():
        for option, allowed in CLOSED_OPTIONS.items():
            if option in command.options:
                cases.append((command.name, tuple(command.args), option, allowed))
    return cases


@pytest.mark.parametrize(("name", "args", "option", "allowed"), closed_cases())
def test_every_closed_option_rejects_other_values(
    name: str, args: tuple[str, ...], option: str, allowed: str
) -> None:
    done = cchc(*args, "-f", str(PLAN), option, "bogus")
    assert done.returncode == 2, (name, option, done.stdout)
    err = done.stderr.decode()
    assert "bogus" in err and allowed in err, (name, option, err)
    assert done.stdout == b""


def test_the_closed_option_table_covers_every_command() -> None:
    names = {case[0] for case in closed_cases() if case[2] == "--color"}
    assert {"validate", "list", "due", "report", "agencies"} <= names
