"""Which column is which: the header row found by its usual headings, in any order.

Headings are compared folded (no case, no diacritics), so "Thời gian hoàn thành (quý/năm)",
"THỜI GIAN HOÀN THÀNH" and "Thoi gian hoan thanh" are the same heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..quarter import fold
from .model import Row

# Roles a column may play. Columns with another heading (Sản phẩm, Nội dung, Kết quả …) go into
# the task's note under their heading, so no cell is lost.
NUMBER, TITLE, LEAD, PARTNERS, DEADLINE, NOTE, OTHER = (
    "number",
    "title",
    "lead",
    "partners",
    "deadline",
    "note",
    "other",
)
REQUIRED = (TITLE, LEAD, DEADLINE)
# The headings messages name as examples (they are the document's words in either language).
USUAL = "STT, Tên đề án/nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành"

_PARENS = re.compile(r"\([^)]*\)")
_NUMBER = re.compile(r"(?:s\s*)?tt|so\s+(?:tt|thu\s+tu)|thu\s+tu", re.ASCII)
# Checked in this order: "Cơ quan chủ trì thực hiện nhiệm vụ" is the lead, not the title.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PARTNERS, re.compile(r"phoi\s+hop", re.ASCII)),
    (LEAD, re.compile(r"chu\s+tri|(?:co\s+quan|don\s+vi)\s+(?:thuc\s+hien|dau\s+moi)")),
    (
        DEADLINE,
        re.compile(
            r"thoi\s+(?:gian|han)|tien\s+do|han\s+hoan\s+thanh"
            r"|^(?:nam\s+|thoi\s+diem\s+)?(?:hoan\s+thanh|ket\s+thuc)$",
            re.ASCII,
        ),
    ),
    (NOTE, re.compile(r"ghi\s+chu", re.ASCII)),
    (OTHER, re.compile(r"san\s+pham|ket\s+qua|hinh\s+thuc|du\s+kien", re.ASCII)),
    (TITLE, re.compile(r"\bten\b|noi\s+dung|nhiem\s+vu|de\s+an|chuong\s+trinh", re.ASCII)),
)


@dataclass(frozen=True)
class Header:
    row: int  # index of the header row in the table
    roles: dict[str, int]  # role → column (the first column found for it)
    labels: dict[int, str]  # column → heading as written
    others: tuple[int, ...]  # columns whose text goes to the note under their heading

    def column(self, role: str) -> int | None:
        return self.roles.get(role)


def role_of(heading: str) -> str | None:
    """The role of a column by its heading; OTHER for a heading of no known role."""
    if not heading.strip():
        return None
    return known_role(heading) or OTHER


def known_role(heading: str) -> str | None:
    """The role a usual heading names (OTHER for Sản phẩm, Kết quả …); None for other text."""
    key = " ".join(_PARENS.sub(" ", fold(heading)).replace("/", " ").split()).strip(" .:")
    if not key:
        return None
    if _NUMBER.fullmatch(key):
        return NUMBER
    for role, pattern in _RULES:
        if pattern.search(key):
            return role
    return None


def detect(rows: tuple[Row, ...] | list[Row], look: int = 8) -> Header | None:
    """The first of the first `look` rows that names a title, a lead and a deadline column; of
    a header in two rows ("Cơ quan thực hiện" over "Chủ trì" and "Phối hợp", "Thời gian" over
    "Bắt đầu" and "Hoàn thành"), the second, which holds the cells merged down from the first."""
    for index, row in enumerate(rows[:look]):
        found = _header(index, row)
        if found is None:
            continue
        below = _header(index + 1, rows[index + 1]) if index + 1 < len(rows) else None
        if below is not None and any(c.carried for c in rows[index + 1].cells):
            return below
        return found
    return None


def _header(index: int, row: Row) -> Header | None:
    roles: dict[str, int] = {}
    labels: dict[int, str] = {}
    others: list[int] = []
    seen: set[int] = set()
    for column, cell in enumerate(row.cells):
        if id(cell) in seen:  # one heading merged over several columns
            continue
        seen.add(id(cell))
        role = role_of(cell.text)
        if role is None:
            continue
        labels[column] = cell.text
        if role in roles or role == OTHER:
            others.append(column)  # a second "Nội dung" beside "Tên nhiệm vụ", a "Sản phẩm"
        else:
            roles[role] = column
    if all(role in roles for role in REQUIRED):
        return Header(index, roles, labels, tuple(others))
    return None


def is_column_numbers(row: Row) -> bool:
    """The row of column numbers many tables print under the header: (1) (2) (3) … or 1 2 3."""
    texts = [c.text for c in row.cells if c.text]
    if len(texts) < 3:
        return False
    numbers = [t.strip("()[]. ") for t in texts]
    return all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )
