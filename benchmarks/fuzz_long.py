"""The long fuzzing run: tests/test_fuzz.py under the "long" Hypothesis profile.

CI runs those tests with the bounded "ci" profile on every push; this script runs thousands of
examples of each (about five minutes on one core), for before a release or after a change to
the loader:

    python benchmarks/fuzz_long.py                 # every fuzz test, profile "long"
    python benchmarks/fuzz_long.py -k bytes        # extra arguments go to pytest

A failure prints the smallest input Hypothesis found and a @reproduce_failure line; the example
is also kept in .hypothesis/ and replayed first by the next run, CI's included.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    import pytest

    os.environ["HYPOTHESIS_PROFILE"] = "long"
    os.chdir(ROOT)
    args = ["tests/test_fuzz.py", "-p", "no:cacheprovider", "--hypothesis-show-statistics", "-q"]
    return int(pytest.main([*args, *argv]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
