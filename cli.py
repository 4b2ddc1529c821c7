#!/usr/bin/env python3
"""Run cchc from a checkout without installing it: python cli.py due --quarter IV/2023"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cchc.cli import main

main()
