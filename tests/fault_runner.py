"""Runs one cchc command with a fault injected at one step of a file write.

    python tests/fault_runner.py STEP FAULT [cchc arguments...]

STEP is where the fault strikes: `created` (the temporary file exists, empty), `written` (its
bytes are on the disk), `before-rename`, `after-rename`. FAULT is `kill` (SIGKILL: nothing runs
after it), `term` (SIGTERM), `enospc` / `eio` / `eacces` (the system call fails with that
error), `pause` (wait at the step for the file named by $FAULT_PAUSE + ".go"; $FAULT_PAUSE +
".reached" tells the test the step was reached), or `none`.

The pseudo-command `__edit__ PLAN` reads PLAN for update, appends a comment line and writes it
back: the in-place edit path, for as long as no command of cchc's own takes it.

The faults are injected by wrapping the os and tempfile functions the write uses, in this
process only; cchc has no test hook of its own.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STEPS = ("created", "written", "before-rename", "after-rename")
ERRORS = {"enospc": errno.ENOSPC, "eio": errno.EIO, "eacces": errno.EACCES}


def strike(fault: str) -> None:
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif fault == "term":
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler runs at the next bytecode; never reached
    elif fault in ERRORS:
        raise OSError(ERRORS[fault], os.strerror(ERRORS[fault]))
    elif fault == "pause":
        marker = os.environ["FAULT_PAUSE"]
        Path(marker + ".reached").write_text("reached")
        deadline = time.monotonic() + 30
        while not Path(marker + ".go").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


def inject(step: str, fault: str) -> None:
    fired = False

    def once() -> bool:
        nonlocal fired
        if fired:
            return False
        fired = True
        return True

    def wrap(owner: Any, name: str, before: bool) -> None:
        # a failing system call fails instead of doing its work, not after it
        before = before or fault in ERRORS
        original: Callable[..., Any] = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if before and once():
                strike(fault)
            result = original(*args, **kwargs)
            if not before and once():
                strike(fault)
            return result

        setattr(owner, name, wrapper)

    if step == "created":
        wrap(tempfile, "mkstemp", before=False)
    elif step == "written":
        wrap(os, "fsync", before=False)
    elif step == "before-rename":
        wrap(os, "replace", before=True)
    elif step == "after-rename":
        wrap(os, "replace", before=False)
    else:
        raise SystemExit(f"unknown step {step!r}; one of {', '.join(STEPS)}")


def edit(plan: str) -> None:
    from cchc import fileio

    try:
        snapshot = fileio.read_for_update(Path(plan))
        fileio.write_back(snapshot, snapshot.data + b"# edited\n")
    except fileio.WriteRefused as err:
        sys.stderr.write(f"cchc: lỗi: {err.message('vi')}\n")
        raise SystemExit(2) from None


def main() -> None:
    step, fault, *args = sys.argv[1:]
    if fault != "none":
        inject(step, fault)
    if args[:1] == ["__edit__"]:
        edit(args[1])
        return
    from cchc.cli import main as cchc

    cchc(args)


if __name__ == "__main__":
    main()
