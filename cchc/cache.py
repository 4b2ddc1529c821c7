"""A cache of checked plans, so a plan that has not changed is not parsed again.

Parsing and checking a 10k-task roll-up takes about 1.5 s, most of it building a Python object
for every YAML value; loading the checked plan back takes a tenth of that. Coordinators run
`due`, `report` and `list` over the same file many times a day, so every load first looks here.

An entry is keyed by everything its result depends on: the file's bytes (SHA-256), the path
shown in messages, the parser, the Python version, and cchc's own code (version, and the size
and modification time of every module, so an edited checkout never reads an entry an older
version of the code wrote). A changed byte or another cchc is another key: an entry is never
stale, only unused. The day is not in the key: an entry holds what the checks find on any day,
and the one rule that reads the clock (validate.CLOCK_RULES) runs on every load, hit or not. An
entry is written the second time a file is loaded (see `store`); unused ones are pruned, the
newest MAX_ENTRIES kept, and no more than MAX_TOTAL_BYTES together.

The cache is an optimisation and never an error: a folder that cannot be made or written, an
entry that cannot be read, anything unexpected is a miss, and the plan is parsed as without a
cache. Entries are pickles, and a pickle can run code when it is loaded, so only a folder
private to the user is used (created 0700; one that others may write to, or that belongs to
someone else, is ignored), and only files in it that belong to the user are read. The plan file
itself is never unpickled: it is parsed as text, whatever happens here.

Where: $CCHC_CACHE_DIR, else $XDG_CACHE_HOME/cchc, else ~/.cache/cchc. Off: CCHC_NO_CACHE=1.
Plans under 64 KiB (load.CACHE_MIN_BYTES, about 150 tasks) are not cached: they parse as fast.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import Any

from . import __version__

ENV_DIR = "CCHC_CACHE_DIR"
ENV_OFF = "CCHC_NO_CACHE"
MAX_ENTRIES = 32
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # the newest entry is kept whatever its size
# Bumped when what is stored changes shape without cchc's code changing (it always does).
FORMAT = 1
_SUFFIX = ".pickle"
_MARK = ".seen"


def enabled() -> bool:
    return os.environ.get(ENV_OFF, "") in ("", "0")


def folder() -> Path:
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cchc"


def _code_fingerprint() -> str:
    """Changes whenever a module of cchc does, also in a checkout where the version does not."""
    package = Path(__file__).resolve().parent
    parts = [__version__, sys.version, str(FORMAT)]
    for root, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(root, name))
                parts.append(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def key(data: bytes, shown: str, parser: str) -> str:
    import hashlib  # here, as pickle below: loads under CACHE_MIN_BYTES never need them

    digest = hashlib.sha256()
    for part in (_code_fingerprint(), shown, parser):
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def _private(path: Path) -> bool:
    """Owned by this user, and nobody else may write to it."""
    info = path.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _ready_folder() -> Path | None:
    where = folder()
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        return where if where.is_dir() and _private(where) else None
    except (OSError, ValueError):
        return None


def fetch(entry_key: str) -> Any | None:
    """The stored value, or None on a miss (or anything at all going wrong)."""
    if not enabled():
        return None
    where = folder()
    path = where / (entry_key + _SUFFIX)
    try:
        if not (where.is_dir() and _private(where) and _private(path)):
            return None
        import pickle

        with path.open("rb") as stream:
            value = pickle.load(stream)
        os.utime(path)  # pruning keeps the entries used last
        return value
    except Exception:  # a miss: a missing, truncated or foreign entry is not the user's problem
        return None


def store(entry_key: str, value: Any) -> None:
    """Write an entry atomically, the second time these bytes are seen; prune the oldest.
    Failures are ignored.

    Writing costs about a fifth of parsing and checking (0.28 s on 10k tasks). A file seen once
    is usually one being edited, that will not be read again as it is (`cchc validate` in an
    editor or a pre-commit hook), so the first sighting only leaves an empty mark, and the entry
    is written when the mark is found: an edit loop never pays for the cache, a plan read many
    times pays once.
    """
    if not enabled():
        return
    where = _ready_folder()
    if where is None:
        return
    mark = where / (entry_key + _MARK)
    try:
        if not mark.exists():
            mark.touch(mode=0o600)
            _prune(where)
            return
        mark.unlink()
    except OSError:
        return
    path = where / (entry_key + _SUFFIX)
    temp = where / f".{entry_key}.{os.getpid()}.tmp"
    try:
        import pickle

        class Pickler(pickle.Pickler):  # here: pickle is imported only when needed
            reducer_override = staticmethod(_reduce_named_tuple)

        with temp.open("wb") as stream:
            Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        os.replace(temp, path)
    except Exception:  # a full disk, a read-only folder, a value that will not pickle
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        return
    _prune(where)


def _reduce_named_tuple(obj: object) -> Any:
    """A NamedTuple (the plan's records and spans, ~300k in a 10k-task plan) rebuilt by
    tuple.__new__, in C, instead of by its Python __new__: a third less time to load."""
    kind = type(obj)
    if kind is not tuple and isinstance(obj, tuple) and hasattr(kind, "_fields"):
        return (tuple.__new__, (kind, tuple(obj)))
    return NotImplemented


def _prune(where: Path) -> None:
    """Keep the newest MAX_ENTRIES marks, and the newest entries up to MAX_ENTRIES and
    MAX_TOTAL_BYTES (an entry of a 100k-task roll-up weighs ~45 MB)."""
    try:
        for suffix in (_SUFFIX, _MARK):
            entries = [e for e in os.scandir(where) if e.name.endswith(suffix)]
            entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
            total = 0
            for index, entry in enumerate(entries):
                total += entry.stat().st_size
                if index >= MAX_ENTRIES or (index and total > MAX_TOTAL_BYTES):
                    os.unlink(entry.path)
    except OSError:
        return
