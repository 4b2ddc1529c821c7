"""The shipped plan against the source text of Phụ lục 4: nothing dropped, nothing invented.

Every title, deadline wording, note and milestone target must stand in the source, except for
the corrections listed here, each of which the data file marks with a `# source:` comment.
"""

from __future__ import annotations

import json
import re

from .conftest import DATA, invoke, shared_or_skip

SEED = ("seeds", "000_a39914e25e1938d1.txt")

# (corrected text in the data file, text printed in the source) — written by hand
CORRECTIONS = [
    ("hệ thống thông tin báo cáo của tỉnh", "hệ hống thông tin báo cáo của tỉnh"),
    ("liên thông với cổng dịch vụ công quốc gia", "liên thông với công dịch vụ công quốc gia"),
    ("điện tử hóa các quy trình đã xây dựng.", "điện tử  hóa các quy trình đã xây dựng."),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _source() -> str:
    text = shared_or_skip(*SEED).read_text(encoding="utf-8")
    return _squash(text.replace("[bookmark: _GoBack]", ""))


def _tasks() -> list[dict[str, object]]:
    result = invoke(["list", "-f", str(DATA), "--format", "json"])
    tasks: list[dict[str, object]] = json.loads(result.stdout)
    return tasks


def _as_in_source(text: str) -> str:
    for corrected, printed in CORRECTIONS:
        text = text.replace(corrected, _squash(printed) if "  " not in printed else printed)
    return text


def test_every_title_note_and_deadline_stands_in_the_source() -> None:
    source = _source()
    # the double space of the source's "điện tử  hóa" was folded by _squash
    missing = []
    for task in _tasks():
        pieces = [str(task["title"]), str(task["deadline"])]
        if task["note"]:
            pieces.append(str(task["note"]))
        for occurrence in task["occurrences"]:  # type: ignore[attr-defined]
            if occurrence["target"]:
                pieces.append(occurrence["target"])
        for piece in pieces:
            if task["kind"] == "milestones" and piece == task["deadline"]:
                continue  # the wording is rebuilt from the milestones, checked one by one
            if _squash(_as_in_source(piece)) not in source:
                missing.append((task["id"], piece))
    assert missing == []


def test_section_titles_stand_in_the_source() -> None:
    source = _source()
    result = invoke(["list", "-f", str(DATA), "--format", "markdown"])
    headings = re.findall(r"^## [IVX]+\. (.+)$", result.stdout, re.MULTILINE)
    assert len(headings) == 8
    for heading in headings:
        assert _squash(heading.replace("\\", "")) in source


def test_no_title_is_invented() -> None:
    """As many tasks as the source has numbered rows with a title, 34."""
    source = shared_or_skip(*SEED).read_text(encoding="utf-8")
    numbered_rows = re.findall(r"^\t(\d+)\n\t\S", source, re.MULTILINE)
    assert len(numbered_rows) == 34
    assert len(_tasks()) == 34


def test_every_correction_is_marked_in_the_data_file() -> None:
    text = DATA.read_text(encoding="utf-8")
    for comment in (
        '# source: "hệ hống"',
        '# source: "liên thông với công dịch vụ công quốc gia"',
        '# source: "điện tử  hóa"',
    ):
        assert comment in text
    for printed_number in ("99", "110", "112", "113"):
        assert re.search(rf"id: VII\.\d+ +# .*\b{printed_number}\b", text), printed_number
