"""Packaging: the wheel and the sdist ship every module and the plan itself, and an installed
cchc answers from any folder with the plan shipped inside the package.

Builds run on a copy of the tracked files (what a clean clone holds), with pip's usual build
isolation, which fetches setuptools from the package index: without it these tests skip. They
take 20–40 s together on this machine. `pipx install .` does what the install test does (a fresh
environment, pip install of the package, the `cchc` script on PATH); pipx itself is not needed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import DATA, ROOT

PLAN = "cchc/data/tasks.yaml"


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        if "satisfies the requirement setuptools" in result.stdout + result.stderr:
            pytest.skip("no package index to fetch setuptools for an isolated build")
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def clean_copy(target: Path) -> Path:
    """The tracked files, as a clone would hold them (symbolic links stay links)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot tell which files a clone holds")
    listed = run(["git", "ls-files", "-z"], ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            destination.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, destination)
    return target


def build_wheel(source: Path | str, out: Path) -> Path:
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", str(source), "--no-deps", "-q", "-w", str(out)], ROOT)
    (wheel,) = out.glob("cchc-*.whl")
    return wheel


def wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clean_copy(tmp_path_factory.mktemp("clone"))


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(source, tmp_path_factory.mktemp("wheel"))


def test_the_checkout_keeps_one_plan() -> None:
    # one file to edit: the package's copy is a link to it
    link = ROOT / PLAN
    assert link.is_symlink()
    assert os.readlink(link) == "../../data/tasks.yaml"
    assert link.read_bytes() == DATA.read_bytes()


def test_wheel_ships_every_module_and_the_plan(source: Path, wheel: Path) -> None:
    files = wheel_files(wheel)
    modules = {p.relative_to(source).as_posix() for p in (source / "cchc").rglob("*.py")}
    assert modules <= set(files), modules - set(files)
    assert "cchc/commands/integrations.py" in files
    assert files[PLAN] == DATA.read_bytes()
    assert "cchc/py.typed" in files
    entry_points = next(v for k, v in files.items() if k.endswith(".dist-info/entry_points.txt"))
    assert b"cchc = cchc.cli:main" in entry_points
    assert not any("__pycache__" in name or name.startswith("tests/") for name in files)


def test_sdist_ships_the_real_plan(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "sdist"
    code = f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"
    name = run([sys.executable, "-c", code], source).strip().splitlines()[-1]
    with tarfile.open(out / name) as archive:
        member = archive.getmember(f"{name.removesuffix('.tar.gz')}/{PLAN}")
        assert member.isfile()  # not a link to a data/ folder the sdist does not hold
        stream = archive.extractfile(member)
        assert stream is not None
        assert stream.read() == DATA.read_bytes()
    # and a wheel built from the sdist alone ships it too
    assert wheel_files(build_wheel(out / name, tmp_path / "wheel"))[PLAN] == DATA.read_bytes()


def test_checkout_without_symlinks_still_ships_the_plan(tmp_path: Path) -> None:
    # Git on Windows without symlink support writes the link's target as a small text file
    source = clean_copy(tmp_path / "clone")
    stub = source / PLAN
    stub.unlink()
    stub.write_text("../../data/tasks.yaml", encoding="utf-8")
    assert wheel_files(build_wheel(source, tmp_path / "wheel"))[PLAN] == DATA.read_bytes()


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh environment with the wheel installed; the dependencies come from this test
    environment (a .pth line), so no download is needed."""
    env_dir = tmp_path_factory.mktemp("env") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], ROOT)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], ROOT
    ).strip()
    Path(site, "cchc-test-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    install = ["install", "-q", "--no-deps", "--no-index", str(wheel)]
    run([sys.executable, "-m", "pip", "--python", str(python), *install], ROOT)
    yield env_dir


def run_installed(env_dir: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    script = env_dir / ("Scripts/cchc.exe" if os.name == "nt" else "bin/cchc")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CCHC_", "PYTHON"))}
    return subprocess.run(
        [str(script), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_installed_cchc_uses_the_packaged_plan_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    due = run_installed(installed, ["due", "--quarter", "IV/2023"], elsewhere)
    assert due.returncode == 0, due.stderr
    assert "Quý IV/2023" in due.stdout
    assert "I.1" in due.stdout or "I.2" in due.stdout
    checked = run_installed(installed, ["validate"], elsewhere)
    assert checked.returncode == 0, checked.stderr
    shown = checked.stdout.strip()
    assert shown.endswith(": không có lỗi (34 nhiệm vụ).")
    plan = Path(shown.split(": ")[0])
    assert plan.parts[-3:] == ("cchc", "data", "tasks.yaml")
    assert "site-packages" in plan.parts
    assert plan.is_file() and not plan.is_symlink()
    assert plan.read_bytes() == DATA.read_bytes()


def test_installed_cchc_exports_and_prints_the_schema(installed: Path, tmp_path: Path) -> None:
    calendar = run_installed(installed, ["export", "--format", "ics", "--lang", "en"], tmp_path)
    assert calendar.returncode == 0, calendar.stderr
    assert calendar.stdout.startswith("BEGIN:VCALENDAR")
    schema = run_installed(installed, ["schema"], tmp_path)
    assert schema.stdout.encode("utf-8") == (ROOT / "schema" / "tasks.schema.json").read_bytes()


def test_wheel_metadata_names_the_runtime_dependencies(wheel: Path) -> None:
    files = wheel_files(wheel)
    metadata = next(v for k, v in files.items() if k.endswith(".dist-info/METADATA"))
    requires = {
        line.split(":", 1)[1].strip().split(" ")[0].split(">")[0].split("<")[0]
        for line in io.StringIO(metadata.decode("utf-8"))
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    }
    # orjson since issue 16: the one fast JSON encoder that issue allows (see pyproject.toml).
    assert requires == {"typer", "pyyaml", "rich", "python-dateutil", "orjson"}
