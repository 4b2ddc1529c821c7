"""Writing files without losing data. docs/SECURITY.md states the promises; tests/test_faults.py
kills, fills and races every write path to hold them.

Every file cchc writes goes through `atomic_write`: the bytes go to a temporary file in the
same folder, are flushed to the disk, and the temporary file is renamed over the target, so a
crash, a full disk or Ctrl-C leaves either the old file or the new one, never half of each. The
temporary file is named after the target and the process; one left by a killed process is
removed by the next write.

- `write_output` writes an --output file: streamed into a FIFO, a terminal or a device; never
  over a plan file (one this process has read, or the one read by default, whatever path or
  link leads to it); refused when another program writes the same file meanwhile.
- `read_for_update` / `write_back` edit the plan file itself: the file is locked (flock) from
  the read to the rename, so a second cchc writer is refused, and the edit is refused when the
  file's bytes changed on disk since it was read (an editor does not take the lock).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .refusal import Refusal

__all__ = [
    "Busy",
    "Changed",
    "OutputFailed",
    "Snapshot",
    "WriteRefused",
    "Written",
    "atomic_write",
    "is_protected",
    "read_for_update",
    "sweep_leftovers",
    "write_back",
    "write_output",
]


class WriteRefused(Refusal):
    """A file was not written (exit code 2); the file on disk is as it was."""


class Changed(WriteRefused):
    """The file changed on disk after it was read; writing would lose that change."""


def is_protected(target: Path) -> bool:
    """Whether target is a plan file: one this process has read, or the one commands read by
    default (--file absent: $CCHC_DATA, the nearest data/tasks.yaml, the packaged copy), by its
    resolved path or as the same file by another name (a hard link, a bind mount)."""
    from .load import identity, locate, read_plans

    try:
        real = os.path.realpath(target)
        default = locate()
        known = {**read_plans(), os.path.realpath(default): identity(default)}
    except (OSError, ValueError):
        return False
    if real in known:
        return True
    same = identity(target)
    return same is not None and same in known.values()


# --- writing -------------------------------------------------------------------------------
class Busy(WriteRefused):
    """Another cchc process holds the file for writing."""


class OutputFailed(WriteRefused):
    """Standard output could not be written (a full disk, a device error): the user's situation,
    not a bug."""

    def __init__(self, err: OSError) -> None:
        vi, en = reason(err)
        super().__init__("", vi, en)

    def message(self, lang: str) -> str:
        if lang == "en":
            return f"cannot write to standard output ({self.en})"
        return f"không ghi được ra đầu ra chuẩn ({self.vi})"


class Written(NamedTuple):
    """What a write did. other_links: the replaced file's other hard-linked names, which keep
    its previous bytes (the rename gives this name a new file)."""

    path: Path
    other_links: int = 0

    def notice(self, lang: str) -> str | None:
        if not self.other_links:
            return None
        if lang == "en":
            return (
                f"{self.path}: the file had {self.other_links} other hard-linked name(s); they "
                "keep the previous content (cchc replaces the file as a whole, see "
                "docs/SECURITY.md)"
            )
        return (
            f"{self.path}: tệp còn {self.other_links} tên khác (liên kết cứng); các tên đó giữ nội "
            "dung cũ (cchc thay cả tệp, xem docs/SECURITY.md)"
        )


def reason(err: OSError) -> tuple[str, str]:
    known = {
        errno.ENOENT: ("thư mục không tồn tại", "the folder does not exist"),
        errno.ENOTDIR: ("thư mục không tồn tại", "the folder does not exist"),
        errno.EACCES: ("không có quyền ghi", "permission denied"),
        errno.EPERM: ("không có quyền ghi", "permission denied"),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "read-only file system"),
        errno.EISDIR: ("đây là thư mục", "it is a folder"),
        errno.ENOSPC: ("ổ đĩa đã đầy", "no space left on the disk"),
        errno.EDQUOT: ("đã hết hạn mức dung lượng", "disk quota exceeded"),
        errno.EFBIG: ("tệp vượt quá kích thước cho phép", "file too large"),
        errno.EIO: ("lỗi vào/ra của thiết bị", "input/output error on the device"),
    }
    system = str(err.strerror or err)
    return known.get(err.errno or 0, (system, system))


def _cannot_write(shown: str, err: OSError) -> WriteRefused:
    vi, en = reason(err)
    return WriteRefused(shown, f"không ghi được tệp ({vi})", f"cannot write ({en})")


# A temporary file is named after its target and the writing process, so that one left by a
# killed process (SIGKILL cannot be caught) is recognised and removed by the next write.
TEMP_SUFFIX = ".cchc-tmp"


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def sweep_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of path left by cchc processes that no longer run."""
    import re

    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^/]*{re.escape(TEMP_SUFFIX)}\Z")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            found = pattern.match(entry.name)
            if found is None or _alive(int(found.group(1))):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _remove_own_temps(path: Path) -> None:
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or not ours to judge: keep its file
    return True


@contextlib.contextmanager
def _signals_end_the_write() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, `kill`) end the process through the cleanup
    below instead of leaving the temporary file; Ctrl-C already does."""
    import signal

    def stop(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    names = ("SIGTERM", "SIGHUP")
    previous: dict[int, Any] = {}
    for name in names:
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, handler)


def atomic_write(
    path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None
) -> Written:
    """Write data to path through a temporary file in the same folder: write, fsync, rename.

    Keeps the permissions of the file it replaces (mkstemp makes the temporary file private).
    before_replace runs after the data is on the disk and just before the rename; an exception
    from it leaves the target untouched. Raises OSError.
    """
    import tempfile  # only when writing: reading a plan is the common case

    folder = path.parent
    sweep_leftovers(path)
    try:
        old = path.stat()
    except FileNotFoundError:
        old = None
    with _signals_end_the_write():
        try:
            fd, temp = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=TEMP_SUFFIX)
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if old is not None:
                mode = stat.S_IMODE(old.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(temp, mode)
            if before_replace is not None:
                before_replace()
            os.replace(temp, path)
        except BaseException:
            # by prefix rather than by name: a signal may strike before mkstemp's name is ours
            _remove_own_temps(path)
            raise
    _sync_folder(folder)
    return Written(path, max(0, old.st_nlink - 1) if old is not None else 0)


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


def _lock(fd: int) -> bool:
    """An exclusive advisory lock on an open file, without waiting: False when another process
    holds it. Where flock does not exist (Windows) the compare-before-rename still guards."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - platform
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks (some network mounts)
    return True


def _busy(shown: str) -> Busy:
    return Busy(
        shown,
        "một lệnh cchc khác đang ghi tệp này; hãy chờ lệnh đó xong rồi chạy lại",
        "another cchc command is writing this file; wait for it to finish and run again",
    )


def _state(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _stream(path: Path, payload: bytes, shown: str) -> Written:
    """A FIFO, a terminal or a device (/dev/stdout, /dev/null) is written into, not replaced."""
    try:
        with open(path, "wb", buffering=0) as stream:
            view = memoryview(payload)
            while view:
                view = view[stream.write(view) or 0 :]
    except BrokenPipeError:
        pass  # the reader went away, as with a closed pipe on standard output
    except OSError as err:
        raise _cannot_write(shown, err) from None
    return Written(path)


def write_output(target: Path | str, data: bytes | str, *, shown: str | None = None) -> Written:
    """Write an --output file atomically, or stream into a FIFO or device. Raises WriteRefused
    (exit 2) when target is a plan file that was read, a folder, or cannot be written, and
    Changed when another program wrote it while cchc was writing."""
    shown = shown if shown is not None else str(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not str(target):
        raise WriteRefused(
            "--output",
            "tên tệp trống; hãy cho một tên tệp, hoặc - để in ra màn hình",
            "the file name is empty; give a file name, or - for standard output",
        )
    path = Path(target)
    if is_protected(path):
        raise WriteRefused(
            shown,
            "đây là tệp kế hoạch; cchc không ghi đè lên tệp kế hoạch, hãy chọn tên tệp khác cho "
            "--output",
            "this is the plan file; cchc never writes over it, choose another name for --output",
        )
    try:
        info: os.stat_result | None = path.stat()
    except (OSError, ValueError):
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteRefused(
            shown,
            "đây là thư mục; hãy cho --output một tên tệp",
            "this is a folder; give --output a file name",
        )
    if info is not None and (
        not stat.S_ISREG(info.st_mode) or str(path).startswith(("/dev/", "/proc/"))
    ):
        # /dev/stdout may name a regular file (`> out.txt`): replacing it would detach the
        # shell's redirection from the bytes, so anything under /dev and /proc is streamed
        return _stream(path, payload, shown)
    if path.is_symlink():
        # write to the file the link points at, as a plain open() would, and keep the link
        path = Path(os.path.realpath(path))
    before = _state(path)
    holder = None
    try:
        if before is not None:
            with contextlib.suppress(OSError):
                holder = os.open(path, os.O_RDONLY)
            if holder is not None and not _lock(holder):
                raise _busy(shown)

        def unchanged() -> None:
            if _state(path) != before:
                raise Changed(
                    shown,
                    "một chương trình khác vừa ghi tệp này trong lúc cchc ghi; cchc giữ nguyên "
                    "bản của chương trình đó, hãy chạy lại lệnh",
                    "another program wrote this file while cchc was writing it; cchc kept "
                    "theirs; run the command again",
                )

        return atomic_write(path, payload, before_replace=unchanged)
    except OSError as err:
        raise _cannot_write(shown, err) from None
    finally:
        if holder is not None:
            os.close(holder)


# --- editing the plan file in place ----------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes, what tells a later change, and the lock held on it
    until write_back (or close) so that a second cchc writer is refused."""

    path: Path
    data: bytes
    digest: str
    size: int
    lock: int | None = field(default=None, compare=False)

    def close(self) -> None:
        """Release the lock; safe to call twice (the descriptor's number may be reused)."""
        if self.lock is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock)
            object.__setattr__(self, "lock", None)


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def read_for_update(path: Path, *, shown: str | None = None) -> Snapshot:
    """Read a file that will be written back with write_back, and lock it. Raises OSError, or
    Busy when another cchc process has it."""
    shown = shown if shown is not None else str(path)
    for _attempt in range(3):
        fd = os.open(path, os.O_RDONLY)
        if not _lock(fd):
            os.close(fd)
            raise _busy(shown)
        same = os.fstat(fd)
        now = os.stat(path)
        if (same.st_dev, same.st_ino) != (now.st_dev, now.st_ino):
            os.close(fd)  # replaced between open and lock: read the new file
            continue
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read()
        return Snapshot(path, data, _digest(data), len(data), fd)
    raise _busy(shown)


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


def write_back(snapshot: Snapshot, data: bytes, *, shown: str | None = None) -> Written:
    """Replace the file read into snapshot with data, atomically, unless it changed since.
    Raises Changed, or WriteRefused when it cannot be written. Releases the lock."""
    shown = shown or str(snapshot.path)
    try:
        _unchanged(snapshot, shown)
        # checked again once the new bytes are on the disk, right before the rename
        return atomic_write(snapshot.path, data, before_replace=lambda: _unchanged(snapshot, shown))
    except OSError as err:
        raise _cannot_write(shown, err) from None
    finally:
        snapshot.close()
