"""The hostile-input catalogue: small files written by make.py, and the harness that runs every
command of cchc on a file (tests/hostile/harness.py)."""
