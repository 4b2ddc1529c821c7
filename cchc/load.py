"""Finding and reading the plan file: the only module of the library that touches the disk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Plan
from .problems import Problem, Span, problem
from .validate import check
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


def display_path(path: Path) -> str:
    """Relative to the working folder where that is shorter, as linters print paths."""
    if not path.is_absolute():
        return str(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def max_bytes() -> int:
    try:
        return int(os.environ.get(ENV_MAX_BYTES, DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_bytes(path: Path, shown: str) -> bytes:
    limit = max_bytes()
    try:
        if path.is_dir():
            raise CannotRead(shown, "đây là thư mục, không phải tệp", "is a folder, not a file")
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
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
    return data


@dataclass
class Loaded:
    document: Document
    plan: Plan | None
    problems: list[Problem]


def load(path: Path, today: date | None = None, *, use_libyaml: bool = True) -> Loaded:
    """Read, parse, build and check. Raises CannotRead; every other failure is a Problem."""
    shown = display_path(path)
    data = read_bytes(path, shown)
    if len(data) > max_bytes():
        too_large = problem(
            shown, Span.point(1, 1), "Y011", size=f">{max_bytes()}", limit=max_bytes()
        )
        return Loaded(Document(shown, "", None, [too_large]), None, [too_large])
    return load_bytes(data, shown, today, use_libyaml=use_libyaml)


def load_bytes(
    data: bytes, shown: str, today: date | None = None, *, use_libyaml: bool = True
) -> Loaded:
    document = parse(data, shown, use_libyaml=use_libyaml)
    plan, problems = check(document, today)
    return Loaded(document, plan, problems)
