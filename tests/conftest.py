"""Shared fixtures: the CLI runner, paths to the shipped plan and to ../shared."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cchc.load

# The plan cache (cchc/cache.py) is on in the tests, as for users, but in a folder of this run:
# every test after the first that loads a plan reads it back from there.
# Small plans skip the cache (load.CACHE_MIN_BYTES); in-process, here, they take it too.
os.environ["CCHC_CACHE_DIR"] = tempfile.mkdtemp(prefix="cchc-test-cache-")
os.environ.pop("CCHC_NO_CACHE", None)
cchc.load.CACHE_MIN_BYTES = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(os.environ["CCHC_CACHE_DIR"], ignore_errors=True)


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
SHARED = ROOT.parent / "shared"
TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests must not depend on the developer's shell: no language, data path or CI settings."""
    for name in (
        "CCHC_LANG",
        "CCHC_DATA",
        "CCHC_MAX_BYTES",
        "GITHUB_ACTIONS",
        "NO_COLOR",
        "CCHC_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(args: list[str], lang: str = "vi", env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run a cchc command in-process; stdout and stderr stay separate."""
    from cchc.cli import build_app

    result = CliRunner().invoke(build_app(lang), args, prog_name="cchc", env=env or {})
    return result


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside a development checkout")
    return path


os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
