"""Writing files without losing data.

Every file cchc writes goes through `atomic_write`: the bytes go to a temporary file in the
same folder, are flushed to the disk, and the temporary file is renamed over the target, so a
crash, a full disk or Ctrl-C leaves either the old file or the new one, never half of each.

- `write_output` writes an --output file, and refuses to write over a plan file: one that this
  process has read (`protect`, called by the loader) or the one read by default, whatever path
  or link leads to it.
- `read_for_update` / `write_back` are for a command that edits the plan file itself (none does
  yet): the edit is refused when the file changed on disk since it was read, so two people (or
  an editor and cchc) never silently overwrite each other. `splice` makes the edit in the
  original text, so comments, quoting, order and blank lines stay as they were.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .problems import Span

__all__ = [
    "Changed",
    "Snapshot",
    "WriteRefused",
    "atomic_write",
    "is_protected",
    "protect",
    "read_for_update",
    "splice",
    "write_back",
    "write_output",
    "yaml_quote",
]


class WriteRefused(Exception):
    """A file was not written (exit code 2). Carries the reason in both languages."""

    def __init__(self, path: str, vi: str, en: str) -> None:
        super().__init__(path, vi, en)
        self.path, self.vi, self.en = path, vi, en

    def message(self, lang: str) -> str:
        return f"{self.path}: {self.en if lang == 'en' else self.vi}"


class Changed(WriteRefused):
    """The file changed on disk after it was read; writing would lose that change."""


# --- the plan files this process has read ----------------------------------------------------
_protected: dict[str, tuple[int, int] | None] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def protect(path: Path) -> None:
    """Remember a plan file that was read: no output may be written over it."""
    with contextlib.suppress(OSError, ValueError):
        _protected[os.path.realpath(path)] = _identity(path)


def is_protected(target: Path) -> bool:
    """Whether target is a plan file: one this process has read, or the one commands read by
    default (--file absent: $CCHC_DATA, the nearest data/tasks.yaml, the packaged copy), by its
    resolved path or as the same file by another name (a hard link, a bind mount)."""
    from .load import locate  # load imports this module

    try:
        real = os.path.realpath(target)
        default = locate()
        known = {**_protected, os.path.realpath(default): _identity(default)}
    except (OSError, ValueError):
        return False
    if real in known:
        return True
    identity = _identity(target)
    return identity is not None and identity in known.values()


# --- writing -------------------------------------------------------------------------------
def _reason(err: OSError) -> tuple[str, str]:
    known = {
        errno.ENOENT: ("thư mục không tồn tại", "the folder does not exist"),
        errno.ENOTDIR: ("thư mục không tồn tại", "the folder does not exist"),
        errno.EACCES: ("không có quyền ghi", "permission denied"),
        errno.EPERM: ("không có quyền ghi", "permission denied"),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "read-only file system"),
        errno.EISDIR: ("đây là thư mục", "it is a folder"),
        errno.ENOSPC: ("ổ đĩa đã đầy", "no space left on the disk"),
    }
    system = str(err.strerror or err)
    return known.get(err.errno or 0, (system, system))


def atomic_write(
    path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Write data to path through a temporary file in the same folder: write, fsync, rename.

    Keeps the permissions of the file it replaces (mkstemp makes the temporary file private).
    before_replace runs after the data is on the disk and just before the rename; an exception
    from it leaves the target untouched. Raises OSError.
    """
    import tempfile  # only when writing: reading a plan is the common case

    folder = path.parent
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened on Windows."""
    if os.name != "posix":  # pragma: no cover - platform
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output(target: Path | str, data: bytes | str, *, shown: str | None = None) -> None:
    """Write an --output file atomically. Raises WriteRefused (exit 2) when target is a plan
    file that was read, a folder, or cannot be written."""
    path = Path(target)
    shown = shown or str(target)
    if is_protected(path):
        raise WriteRefused(
            shown,
            "đây là tệp kế hoạch; cchc không ghi đè lên tệp kế hoạch, hãy chọn tên tệp khác cho "
            "--output",
            "this is the plan file; cchc never writes over it, choose another name for --output",
        )
    if path.is_dir():
        raise WriteRefused(
            shown,
            "đây là thư mục; hãy cho --output một tên tệp",
            "this is a folder; give --output a file name",
        )
    if path.is_symlink():
        # write to the file the link points at, as a plain open() would, and keep the link
        path = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        atomic_write(path, payload)
    except OSError as err:
        vi, en = _reason(err)
        raise WriteRefused(shown, f"không ghi được tệp ({vi})", f"cannot write ({en})") from None


# --- editing the plan file in place ----------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what tells a later change."""

    path: Path
    data: bytes
    digest: str
    size: int


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def read_for_update(path: Path) -> Snapshot:
    """Read a file that will be written back with write_back. Raises OSError."""
    with path.open("rb") as stream:
        data = stream.read()
    return Snapshot(path, data, _digest(data), len(data))


def _unchanged(snapshot: Snapshot, shown: str) -> None:
    changed = Changed(
        shown,
        "tệp đã bị sửa hoặc xoá sau khi cchc đọc nó; cchc không ghi để khỏi làm mất thay đổi đó, "
        "hãy chạy lại lệnh",
        "the file was changed or removed after cchc read it; cchc did not write, so that change "
        "is not lost; run the command again",
    )
    try:
        with snapshot.path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size != snapshot.size:
                raise changed
            now = stream.read()
    except OSError:
        raise changed from None
    # the bytes decide: modification times can be coarse or set back
    if _digest(now) != snapshot.digest:
        raise changed


def write_back(snapshot: Snapshot, data: bytes, *, shown: str | None = None) -> None:
    """Replace the file read into snapshot with data, atomically, unless it changed since.
    Raises Changed, or WriteRefused when it cannot be written."""
    shown = shown or str(snapshot.path)
    _unchanged(snapshot, shown)
    try:
        # checked again once the new bytes are on the disk, right before the rename
        atomic_write(snapshot.path, data, before_replace=lambda: _unchanged(snapshot, shown))
    except OSError as err:
        vi, en = _reason(err)
        raise WriteRefused(shown, f"không ghi được tệp ({vi})", f"cannot write ({en})") from None


def splice(text: str, edits: Sequence[tuple[Span, str]]) -> str:
    """Replace the text of each span (end exclusive, as the parser's marks) with its new text.

    Everything outside the spans (comments, quoting, blank lines, line endings) is kept as it
    is. Spans must not overlap; ValueError otherwise or when a span lies outside the text.
    """
    from .yamlnodes import LineIndex

    lines = LineIndex(text)
    ranges = sorted(
        (lines.offset(s.line, s.column), lines.offset(s.end_line, s.end_column), new)
        for s, new in edits
    )
    out: list[str] = []
    position = 0
    for start, end, new in ranges:
        if start < position or end < start:
            raise ValueError("overlapping or reversed spans")
        out += [text[position:start], new]
        position = end
    out.append(text[position:])
    return "".join(out)


def yaml_quote(value: str) -> str:
    """value as a double-quoted YAML scalar that both parsers read back exactly."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch.isprintable() and ch not in "\u2028\u2029\ufeff":
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)
