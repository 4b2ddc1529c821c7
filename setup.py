"""Build hooks: the plan shipped inside the package is always the bytes of data/tasks.yaml.

In the repository, cchc/data/tasks.yaml is a symbolic link to ../../data/tasks.yaml, so there is
one plan to edit and `cchc` finds it both in a checkout and once installed. Git on Windows
without symlink support checks the link out as a small text file holding its target; a wheel or
sdist built from such a checkout would ship that text as the plan. So the build copies
data/tasks.yaml over the package's copy, whatever the checkout made of the link. Building from an
sdist (no data/ folder beside the package) keeps the real file the sdist already holds.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

PLAN = Path(__file__).resolve().parent / "data" / "tasks.yaml"
PACKAGED = Path("cchc") / "data" / "tasks.yaml"


def copy_plan(root: str) -> None:
    if not PLAN.is_file():
        return
    target = Path(root) / PACKAGED
    target.parent.mkdir(parents=True, exist_ok=True)
    # The file there may be a link (hard or symbolic) to the source: replace it, never write
    # through it.
    target.unlink(missing_ok=True)
    target.write_bytes(PLAN.read_bytes())


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        copy_plan(self.build_lib)


class Sdist(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_plan(base_dir)


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
