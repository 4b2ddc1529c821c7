"""A plan file as it was at a git revision, read with `git show REV:path` (I/O).

Git runs as a subprocess with an argument list (never a shell), with `--` before paths, and only
reads: no checkout, index or work tree is touched. Every failure is a `GitError` carrying a
Vietnamese and an English message; the command exits 2 with it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    # LC_ALL=C: git's own messages stay English, so they can be matched and quoted as such.
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env=env, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError(
            "không tìm thấy chương trình git; hãy cài git hoặc so sánh hai tệp bằng --from/--to",
            "git is not installed; install it or compare two files with --from/--to",
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError("git không trả lời sau 120 giây", "git did not answer in 120 s") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


class Repo:
    """The repository holding one file, and that file's path inside it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        folder = (file.parent if file.parent != Path("") else Path(".")).resolve()
        if not folder.is_dir():
            raise GitError(f"không có thư mục {file.parent}", f"no such folder: {file.parent}")
        self.folder = folder
        done = _git(["rev-parse", "--show-toplevel"], folder)
        if done.returncode != 0:
            raise GitError(
                f"{folder} không nằm trong kho git; dùng --from CŨ.yaml --to MỚI.yaml để so sánh "
                "hai tệp",
                f"{folder} is not inside a git repository; use --from OLD.yaml --to NEW.yaml to "
                "compare two files",
            )
        self.root = Path(done.stdout.decode("utf-8", "surrogateescape").strip())
        try:
            self.relative = (folder / file.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            self.relative = file.name

    def commit_of(self, rev: str) -> str:
        """The full id of the commit `rev` names, or GitError."""
        if rev.startswith("-"):  # never let a revision be read as an option
            raise self._unknown(rev)
        done = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            self.folder,
        )
        if done.returncode != 0:
            raise self._unknown(rev)
        return done.stdout.decode("ascii", "replace").strip()

    def _unknown(self, rev: str) -> GitError:
        return GitError(
            f"không có phiên bản '{rev}' trong kho git {self.root} (viết mã commit, nhánh, thẻ "
            "hoặc HEAD~1)",
            f"no revision '{rev}' in the git repository {self.root} (write a commit id, branch, "
            "tag or HEAD~1)",
        )

    def last_change(self) -> str:
        """The last commit that touched the file: the default old side of `cchc changes`."""
        done = _git(["log", "-n", "1", "--format=%H", "--", self.relative], self.root)
        commit = done.stdout.decode("ascii", "replace").strip()
        if done.returncode != 0 or not commit:
            raise GitError(
                f"tệp {self.relative} chưa từng được commit trong kho {self.root}; chưa có gì để "
                "so sánh",
                f"{self.relative} was never committed in {self.root}; there is nothing to "
                "compare with",
            )
        return commit

    def read(self, rev: str) -> bytes:
        """The file's bytes at `rev` (GitError when the revision or the file there is absent)."""
        commit = self.commit_of(rev)
        done = _git(["show", f"{commit}:{self.relative}"], self.root)
        if done.returncode != 0:
            raise GitError(
                f"tệp {self.relative} không có ở phiên bản {rev} ({commit[:12]})",
                f"{self.relative} does not exist at revision {rev} ({commit[:12]})",
            )
        return done.stdout
