"""Finding and reading the plan file (writing files is fileio's job)."""

from __future__ import annotations

import codecs
import os
import stat
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from . import cache as plan_cache
from .fileio import protect
from .model import Plan
from .problems import Problem, Span, problem
from .validate import check, clock_problems
from .yamlnodes import Document, parse

ENV_DATA = "CCHC_DATA"
ENV_MAX_BYTES = "CCHC_MAX_BYTES"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # ~130k tasks; keeps a stray upload from eating memory
RELATIVE_DATA = Path("data") / "tasks.yaml"


class CannotRead(Exception):
    """The plan file could not be read at all (exit code 2). Args: (vi, en) messages."""

    def __init__(self, path: str, vi: str, en: str) -> None:
        super().__init__(path, vi, en)
        self.path, self.vi, self.en = path, vi, en

    def message(self, lang: str) -> str:
        return f"{self.path}: {self.en if lang == 'en' else self.vi}"


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


# A plan this small parses in a few milliseconds, no slower than reading it from the cache
# (which first imports hashlib and pickle: 5 ms).
CACHE_MIN_BYTES = 64 * 1024


class Cached(NamedTuple):
    """What the cache keeps of a load: the tree is not needed once the plan is checked."""

    plan: Plan | None
    problems: list[Problem]
    document_problems: list[Problem]
    loader: str
    has_text: bool


@dataclass
class Loaded:
    document: Document
    plan: Plan | None
    problems: list[Problem]


def load(
    path: Path, today: date | None = None, *, use_libyaml: bool = True, use_cache: bool = True
) -> Loaded:
    """Read, parse, build and check. Raises CannotRead; every other failure is a Problem."""
    shown = display_path(path)
    limit = max_bytes()
    data = read_bytes(path, shown, limit)
    if str(path) != STDIN:
        protect(path)
    if len(data) > limit:
        over = too_large(path, shown, limit)
        return Loaded(Document(shown, "", None, [over]), None, [over])
    return load_bytes(data, shown, today, use_libyaml=use_libyaml, use_cache=use_cache)


def load_bytes(
    data: bytes,
    shown: str,
    today: date | None = None,
    *,
    use_libyaml: bool = True,
    use_cache: bool = True,
) -> Loaded:
    """Parse and check, or take the result from the cache when these bytes were checked before
    (see cache.py); both give the same plan and problems."""
    if not (use_cache and len(data) >= CACHE_MIN_BYTES and plan_cache.enabled()):
        document = parse(data, shown, use_libyaml=use_libyaml)
        plan, problems = check(document, today)
        return Loaded(document, plan, problems)
    # The entry holds what holds on any day; the rules that read the clock run on every load.
    entry_key = plan_cache.key(data, shown, "libyaml" if use_libyaml else "python")
    hit = plan_cache.fetch(entry_key)
    if isinstance(hit, Cached):
        # the text is only read again to quote lines in messages
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace") if hit.has_text else ""
        document = Document(shown, text, None, hit.document_problems, hit.loader)
        plan, problems = hit.plan, hit.problems
    else:
        document = parse(data, shown, use_libyaml=use_libyaml)
        plan, problems = check(document, None)
        plan_cache.store(
            entry_key,
            Cached(plan, problems, document.problems, document.loader, bool(document.text)),
        )
    if plan is not None and today is not None:
        dated = clock_problems(document, plan, today)
        if dated:
            problems = sorted([*problems, *dated], key=Problem.sort_key)
    return Loaded(document, plan, problems)
