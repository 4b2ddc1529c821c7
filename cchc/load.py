"""From a path to a checked plan, top to bottom: find the file, read its bytes, parse them into
a tree with positions (yamlnodes), build the plan (build), run the rules (validate). Every step
below this module is pure or reads only what it is given; writing files is fileio's job.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from datetime import date
from pathlib import Path

from .build import build
from .model import Plan
from .problems import Problem, Span, problem
from .refusal import Refusal
from .validate import rules
from .yamlnodes import Document, parse

ENV_DATA = "CCHC_DATA"
ENV_MAX_BYTES = "CCHC_MAX_BYTES"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # ~130k tasks; keeps a stray upload from eating memory
RELATIVE_DATA = Path("data") / "tasks.yaml"


class CannotRead(Refusal):
    """The plan file could not be read at all (exit code 2)."""


def packaged_plan() -> Path:
    return Path(__file__).resolve().parent / "data" / "tasks.yaml"


def locate(explicit: str | None = None, cwd: Path | None = None) -> Path:
    """--file, else $CCHC_DATA, else data/tasks.yaml here or in the nearest parent, else the
    copy shipped inside the package."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / RELATIVE_DATA
        if candidate.is_file():
            return candidate
    return packaged_plan()


STDIN = "-"  # as a path: read the plan from standard input, as cat and linters do
STDIN_SHOWN = "<stdin>"


def display_path(path: Path) -> str:
    """Relative to the working folder where that is shorter, as linters print paths.

    Made printable: a name with bytes that are not UTF-8 or with control characters (both
    possible on Linux) must neither break the output's encoding nor reach the terminal raw.
    """
    shown = str(path)
    if shown == STDIN:
        return STDIN_SHOWN
    if path.is_absolute():
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = shown
        if not relative.startswith(".."):
            shown = relative
    if shown.isprintable():
        return shown
    shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in shown)


def max_bytes() -> int:
    """The size cap: $CCHC_MAX_BYTES when it is a positive whole number, else the default."""
    try:
        value = int(os.environ.get(ENV_MAX_BYTES, DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES
    return value if value > 0 else DEFAULT_MAX_BYTES


def read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    """At most limit + 1 bytes (the cap from $CCHC_MAX_BYTES by default): one byte more than
    the cap tells a file over the cap without reading the rest of it. Raises CannotRead."""
    limit = max_bytes() if limit is None else limit
    try:
        if str(path) == STDIN:
            return sys.stdin.buffer.read(limit + 1)
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise CannotRead(shown, "đây là thư mục, không phải tệp", "is a folder, not a file")
        if stat.S_ISFIFO(mode):
            return _read_fifo(path, shown, limit)
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except FileNotFoundError:
        raise CannotRead(
            shown,
            "không tìm thấy tệp; chỉ đường dẫn bằng --file hoặc biến CCHC_DATA",
            "no such file; give the path with --file or CCHC_DATA",
        ) from None
    except IsADirectoryError:
        raise CannotRead(
            shown, "đây là thư mục, không phải tệp", "is a folder, not a file"
        ) from None
    except PermissionError:
        raise CannotRead(shown, "không có quyền đọc tệp", "permission denied") from None
    except OSError as err:
        raise CannotRead(
            shown, f"không đọc được tệp ({err.strerror})", f"cannot read ({err.strerror})"
        ) from None
    except ValueError:  # a NUL character in the path
        raise CannotRead(
            shown, "đường dẫn chứa ký tự không hợp lệ", "the path holds an invalid character"
        ) from None


def _read_fifo(path: Path, shown: str, limit: int) -> bytes:
    """A named pipe is read like a file, but one that nothing writes into is refused at once
    instead of waiting for ever: opened without blocking, it reads as ended when it has no
    writer, and as not ready when a writer has it open."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        first: bytes | None = b""
        # a writer started just before (`cat plan > pipe &`) may not have opened it yet
        for _wait in range(10):
            try:
                first = os.read(fd, limit + 1)
            except BlockingIOError:
                first = None
            if first != b"":
                break
            time.sleep(0.05)
        if first == b"":
            raise CannotRead(
                shown,
                "đây là đường ống có tên (FIFO) mà không có chương trình nào ghi vào; hãy cho "
                "một tệp, hoặc - để đọc từ đầu vào chuẩn",
                "a named pipe (FIFO) that nothing writes into; give a file, or - to read "
                "standard input",
            )
        os.set_blocking(fd, True)
        chunks = [first] if first else []
        size = len(first or b"")
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def too_large(path: Path, shown: str, limit: int) -> Problem:
    """Y011 for a file over the size cap, saying how to raise the cap."""
    try:
        size = path.stat().st_size
    except (OSError, ValueError):
        size = 0
    if size <= limit:  # a pipe or a device: its size is unknown
        size_vi, size_en = f"hơn {limit} byte", f"over {limit} bytes"
    else:
        size_vi, size_en = f"{size} byte", f"{size} bytes"
    suggested = 1 << max(limit, size).bit_length()
    return problem(
        shown,
        Span.point(1, 1),
        "Y011",
        detail=f"{size_vi}, giới hạn {limit} byte; nếu đây đúng là tệp kế hoạch, hãy nâng giới "
        f"hạn bằng biến môi trường {ENV_MAX_BYTES}, ví dụ {ENV_MAX_BYTES}={suggested}",
        detail_en=f"{size_en}, limit {limit} bytes; if this really is the plan file, raise the "
        f"limit with the environment variable {ENV_MAX_BYTES}, e.g. {ENV_MAX_BYTES}={suggested}",
    )


# --- the plan files this process has read ----------------------------------------------------
_protected: dict[str, tuple[int, int] | None] = {}


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode): the same file under another name (a hard link, a bind mount)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def protect(path: Path) -> None:
    """Remember a plan file that was read: no output may be written over it (fileio asks)."""
    with contextlib.suppress(OSError, ValueError):
        _protected[os.path.realpath(path)] = identity(path)


def read_plans() -> dict[str, tuple[int, int] | None]:
    return dict(_protected)


# --- read, parse, build, check -----------------------------------------------------------------
class Loaded:
    """A file read, parsed, built and checked: its plan is None when it could not be built."""

    __slots__ = ("document", "plan", "problems")

    def __init__(self, document: Document, plan: Plan | None, problems: list[Problem]) -> None:
        self.document = document
        self.plan = plan
        self.problems = problems


def load(path: Path, today: date | None = None, *, use_libyaml: bool = True) -> Loaded:
    """Read, parse, build and check. Raises CannotRead; every other failure is a Problem."""
    shown = display_path(path)
    limit = max_bytes()
    data = read_bytes(path, shown, limit)
    if str(path) != STDIN:
        protect(path)
    if len(data) > limit:
        over = too_large(path, shown, limit)
        return Loaded(Document(shown, "", None, [over]), None, [over])
    return load_bytes(data, shown, today, use_libyaml=use_libyaml)


def load_bytes(
    data: bytes, shown: str, today: date | None = None, *, use_libyaml: bool = True
) -> Loaded:
    """Parse, build and check bytes read elsewhere (a git revision, an edit not yet written)."""
    document = parse(data, shown, use_libyaml=use_libyaml)
    plan, problems = check(document, today)
    return Loaded(document, plan, problems)


def check(document: Document, today: date | None = None) -> tuple[Plan | None, list[Problem]]:
    """Build the plan and run every rule (today=None skips the one that reads the clock);
    problems sorted by position."""
    problems = list(document.problems)
    plan = None
    if document.root is not None:
        plan, built = build(document)
        problems += built
        if plan is not None:
            problems += rules(document, plan, today)
    problems.sort(key=Problem.sort_key)
    return plan, problems
