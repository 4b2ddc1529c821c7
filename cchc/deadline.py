"""Deadline wordings of a plan ("Quý IV/2023", "Hằng năm", "Sau khi có …") → `Deadline`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Literal, NamedTuple

from .quarter import (
    MAX_YEAR,
    MIN_YEAR,
    QUARTER_PATTERN,
    Quarter,
    fold,
    match_fields,
    numeral_value,
)


class DeadlineKind(str, Enum):
    QUARTER = "quarter"
    MONTH = "month"
    DATE = "date"
    YEAR = "year"
    RANGE = "range"
    ANNUAL = "annual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    CONTINUOUS = "continuous"
    CONDITIONAL = "conditional"
    MILESTONES = "milestones"


Reason = Literal[
    "empty", "unrecognised", "bad_date", "bad_quarter", "bad_month", "range_order", "ambiguous"
]

_EXPLANATIONS: dict[str, str] = {
    "empty": "the deadline is empty",
    "unrecognised": (
        "write a quarter (Quý IV/2023), month (Tháng 6/2026), date (30/11/2025), year "
        "(Năm 2026), range (Quý IV/2025 - Quý II/2026), 'Hằng năm', 'Thường xuyên' or a "
        "condition ('Sau khi …', 'Theo lộ trình …')"
    ),
    "bad_date": f"no such date, or a year outside {MIN_YEAR}..{MAX_YEAR}",
    "bad_quarter": "the quarter must be I..IV (1..4)",
    "bad_month": "the month must be 1..12",
    "range_order": "the end of the range comes before its start",
    "ambiguous": "it names several dates, or a date it is not due on ('trước Quý IV', 'từ năm')",
}


class DeadlineError(ValueError):
    """A deadline wording that cannot be read; `reason` says why, `text` is the wording."""

    reason: Reason
    text: str

    def __init__(self, reason: Reason, text: str) -> None:
        self.reason = reason
        self.text = text
        super().__init__(f"cannot read deadline {text!r}: {_EXPLANATIONS[reason]}")

    @property
    def closest(self) -> tuple[str, ...]:
        """The understood wordings nearest to the text, best first (never a guess at its
        meaning: the person who wrote it picks one)."""
        from .deadline_forms import closest_forms

        return closest_forms(self.text)


class Occurrence(NamedTuple):
    quarter: Quarter
    due_date: date
    target: str | None
    label: str


_FIXED = frozenset(
    {
        DeadlineKind.QUARTER,
        DeadlineKind.MONTH,
        DeadlineKind.DATE,
        DeadlineKind.YEAR,
        DeadlineKind.RANGE,
        DeadlineKind.MILESTONES,
    }
)
_RECURRING = frozenset({DeadlineKind.ANNUAL, DeadlineKind.QUARTERLY, DeadlineKind.MONTHLY})


class Deadline(NamedTuple):
    kind: DeadlineKind
    wording: str
    points: tuple[Occurrence, ...]
    start: date | None = None
    month_of_year: int | None = None
    first_year: int | None = None
    day_of_month: int | None = None  # annual on a day ("Trước 30/6"), else the month's end
    # What recurring occurrences are labelled with, when not the wording (a sentence).
    name: str | None = None

    @property
    def is_fixed(self) -> bool:
        return self.kind in _FIXED

    @property
    def is_recurring(self) -> bool:
        """Occurrences come from the plan's period, one a year or one a quarter."""
        return self.kind in _RECURRING

    def occurrences(self, first: Quarter, last: Quarter) -> tuple[Occurrence, ...]:
        if self.is_fixed:
            # Fixed deadlines outside the period are the validator's to report, not to hide.
            return self.points
        # "hằng năm." would otherwise label occurrences "hằng năm. (2024)".
        name = self.name or self.wording.rstrip(". ")
        if self.kind in (DeadlineKind.QUARTERLY, DeadlineKind.MONTHLY):
            from .deadline_forms import each_quarter

            return each_quarter(name, first, last)
        if self.kind is not DeadlineKind.ANNUAL:
            return ()
        month = self.month_of_year or 12
        found: list[Occurrence] = []
        for year in range(max(first.year, self.first_year or first.year), last.year + 1):
            due = _month_end(year, month)
            if self.day_of_month is not None:  # 29/2 falls on the 28th in a common year
                due = due.replace(day=min(due.day, self.day_of_month))
            quarter = Quarter.of(due)
            if first <= quarter <= last:
                found.append(Occurrence(quarter, due, None, f"{name} ({year})"))
        return tuple(found)


# --- single dated points -------------------------------------------------------------------------


class _Point(NamedTuple):
    start: date  # first day the point covers (a range starting here starts on this day)
    due: date
    label: str
    kind: DeadlineKind


# Leading words that do not change the due date: "Chậm nhất Quý IV/2025", "Trong năm 2026",
# "Đến hết tháng 6/2026". ("Trước" is accepted for dates only: "trước tháng 6" means May.)
_PREFIX = re.compile(r"(?:cham nhat(?: la)?|trong|den het|den)\s+", re.ASCII)
_YEAR = re.compile(r"(?:nam\s+)?(?P<year>[0-9]{4})", re.ASCII)
_MONTH = re.compile(
    r"thang\s*(?P<month>[0-9]{1,2})(?:\s*[/-]\s*|\s+nam\s+)(?P<year>[0-9]{4})"
    r"|(?P<bmonth>[0-9]{1,2})\s*[/-]\s*(?P<byear>[0-9]{4})",
    re.ASCII,
)
_DATE = re.compile(
    r"(?:truoc\s+)?(?:ngay\s+)?"
    r"(?:(?P<day>[0-9]{1,2})\s*[/.-]\s*(?P<month>[0-9]{1,2})\s*[/.-]\s*(?P<year>[0-9]{4})"
    r"|(?P<vday>[0-9]{1,2})\s+thang\s+(?P<vmonth>[0-9]{1,2})\s+nam\s+(?P<vyear>[0-9]{4}))"
    r"|(?P<iyear>[0-9]{4})-(?P<imonth>[0-9]{1,2})-(?P<iday>[0-9]{1,2})",
    re.ASCII,
)


def _month_end(year: int, month: int) -> date:
    # the day before the 1st of the next month: no `calendar` import for one function
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _check_year(year: int, text: str) -> int:
    # Quarter covers 1900..2999 and every occurrence needs a quarter.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError("bad_date", text)
    return year


def _check_month(month: int, text: str) -> int:
    if not 1 <= month <= 12:
        raise DeadlineError("bad_month", text)
    return month


def _check_quarter(number: int, text: str) -> int:
    if not 1 <= number <= 4:
        raise DeadlineError("bad_quarter", text)
    return number


def _point(key: str, text: str) -> _Point | None:
    """The dated point `key` (folded) names; None when it is not spelled like one.

    Raises DeadlineError when it is spelled like one that cannot exist ("31/02/2023").
    """
    prefix = _PREFIX.match(key)
    if prefix is not None:
        key = key[prefix.end() :]
    if match := QUARTER_PATTERN.fullmatch(key):
        number, year = match_fields(match)
        quarter = Quarter(_check_year(year, text), _check_quarter(number, text))
        return _Point(
            quarter.first_day, quarter.last_day, quarter.long_label(), DeadlineKind.QUARTER
        )
    if match := _YEAR.fullmatch(key):
        year = _check_year(int(match["year"]), text)
        return _Point(date(year, 1, 1), date(year, 12, 31), f"Năm {year}", DeadlineKind.YEAR)
    if match := _MONTH.fullmatch(key):
        month = _check_month(int(match["month"] or match["bmonth"]), text)
        year = _check_year(int(match["year"] or match["byear"]), text)
        return _Point(
            date(year, month, 1),
            _month_end(year, month),
            f"Tháng {month}/{year}",
            DeadlineKind.MONTH,
        )
    if match := _DATE.fullmatch(key):
        day = int(match["day"] or match["vday"] or match["iday"])
        month = _check_month(int(match["month"] or match["vmonth"] or match["imonth"]), text)
        year = _check_year(int(match["year"] or match["vyear"] or match["iyear"]), text)
        try:
            due = date(year, month, day)
        except ValueError:
            raise DeadlineError("bad_date", text) from None
        return _Point(due, due, f"Ngày {due:%d/%m/%Y}", DeadlineKind.DATE)
    return None


def _occurrence(point: _Point, label: str | None = None) -> Occurrence:
    return Occurrence(
        Quarter.of(point.due), point.due, None, point.label if label is None else label
    )


# --- ranges --------------------------------------------------------------------------------------

_RANGE_PREFIX = re.compile(r"(?:trong\s+)?(?:giai doan|tu)\s+", re.ASCII)
_RANGE_SEPARATOR = re.compile(r"\s*-\s*|\s+den\s+", re.ASCII)
_HAS_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_QUARTER_WORD = re.compile(r"(?:^|\s)qu[yi]\s*[0-9]$", re.ASCII)


def _range(key: str, text: str) -> Deadline | None:
    prefix = _RANGE_PREFIX.match(key)
    if prefix is not None:
        key = key[prefix.end() :]
    # A dash also sits inside "Quí IV-2025" or "2025-11-30", so try every separator and keep
    # the first split whose two sides both read as points.
    error: DeadlineError | None = None
    for separator in _RANGE_SEPARATOR.finditer(key):
        left, right = key[: separator.start()], key[separator.end() :]
        if not left or not right:
            continue
        try:
            end = _point(right, text)
            if end is None:
                continue
            if end.kind is DeadlineKind.MONTH and _QUARTER_WORD.search(left):
                # "Quý 3-4/2025": the 4 is a quarter too, not April.
                end = _point(f"quy {right}", text) or end
            begin = _point(left, text)
            if begin is None and end.kind is not DeadlineKind.YEAR and not _HAS_YEAR.search(left):
                # "Quý I - Quý II/2026", "Tháng 3-6/2025": the start borrows the end's year.
                begin = _point(f"{left}/{end.due.year}", text)
        except DeadlineError as exc:
            # Without its traceback, the kept error makes no frame cycle: the CLI loads with
            # the garbage collector paused, so nothing here may rely on it.
            error = error or exc.with_traceback(None)
            continue
        if begin is None:
            continue
        if end.due < begin.start:
            raise DeadlineError("range_order", text)
        if begin.kind is DeadlineKind.YEAR and end.kind is DeadlineKind.YEAR:
            label = f"Năm {begin.due.year} - {end.due.year}"
        else:
            label = f"{begin.label} - {end.label}"
        return Deadline(DeadlineKind.RANGE, text, (_occurrence(end, label),), start=begin.start)
    if error is not None:
        raise error
    return None


# --- recurring, continuous, conditional ----------------------------------------------------------

_ANNUAL = re.compile(
    r"(?:(?:dinh ky|thuong xuyen)\s*,?\s*)?hang nam(?:\s*,?\s*(?:dinh ky|thuong xuyen))?",
    re.ASCII,
)
_ANNUAL_MONTH = re.compile(
    r"(?:trong\s+)?(?:thang\s*(?P<month>[0-9]{1,2})"
    r"|qu[yi]\s*(?P<digit>[0-9]{1,2})|qu[yi]\s+(?P<roman>[ivx]{1,4}))\s*,?\s*hang nam",
    re.ASCII,
)
# "Hằng năm, bắt đầu từ năm 2026", "Bắt đầu triển khai từ năm 2026", "Từ năm 2026 trở đi".
_ANNUAL_FROM = re.compile(
    r"(?P<each>hang nam\s*,?\s*)?(?P<begin>bat dau\s+)?(?:(?:trien khai|thuc hien)\s+)?"
    r"tu\s+nam\s+(?P<year>[0-9]{4})(?P<onward>\s+tro di)?(?P<each2>\s*,?\s*hang nam)?",
    re.ASCII,
)
_ANNUAL_ONWARD = re.compile(
    r"(?:nam\s+)?(?P<year>[0-9]{4})\s*,?\s+va\s+(?:nhung|cac)\s+nam\s+tiep\s+theo", re.ASCII
)
_CONTINUOUS = re.compile(
    r"(?:nhiem vu\s+)?(?:thuong xuyen|lien tuc)(?:\s*,?\s*(?:thuong xuyen|lien tuc))?", re.ASCII
)
# Searched, not matched whole: the condition can sit anywhere in the sentence. Folding makes
# "nêu" (to state) look like "nếu" (if); both occur only in prose, which is conditional anyway.
_CONDITIONAL = re.compile(
    r"\b(?:theo lo trinh|sau khi|khi co|theo ke hoach|theo chi dao|theo yeu cau|neu|can cu)\b",
    re.ASCII,
)


def _annual(key: str, text: str) -> Deadline | None:
    if _ANNUAL.fullmatch(key):
        return Deadline(DeadlineKind.ANNUAL, text, (), month_of_year=12)
    if match := _ANNUAL_MONTH.fullmatch(key):
        if match["month"] is not None:
            month = _check_month(int(match["month"]), text)
        else:
            number = numeral_value(match["digit"] or match["roman"])
            month = _check_quarter(number, text) * 3
        return Deadline(DeadlineKind.ANNUAL, text, (), month_of_year=month)
    year: int | None = None
    if match := _ANNUAL_FROM.fullmatch(key):
        # A bare "từ năm 2026" could equally start a one-off task; only read it as yearly when
        # the wording says so ("hằng năm", "bắt đầu", "trở đi").
        if any(match[name] for name in ("each", "begin", "onward", "each2")):
            year = int(match["year"])
    elif match := _ANNUAL_ONWARD.fullmatch(key):
        year = int(match["year"])
    if year is None:
        return None
    first_year = _check_year(year, text)
    return Deadline(DeadlineKind.ANNUAL, text, (), month_of_year=12, first_year=first_year)


# --- entry points --------------------------------------------------------------------------------


def _keyed(text: str) -> tuple[str, str]:
    """The wording as written (trimmed) and its folded key; raises DeadlineError when empty."""
    wording = text.strip()
    key = fold(wording).rstrip(". ")
    if not key:
        raise DeadlineError("empty", wording)
    return wording, key


# Plans repeat a few hundred wordings over thousands of tasks ("Quý IV/2023", "Hằng năm"), and
# the results are immutable, so each wording is read once. Errors are not cached.
@lru_cache(maxsize=4096)
def parse_deadline(text: str) -> Deadline:
    """Read one deadline wording; raises DeadlineError."""
    wording, key = _keyed(text)
    found = _plain(key, wording)
    if found is not None:
        return found
    if _CONDITIONAL.search(key) and not _DIGIT.search(key):
        # "Thực hiện theo lộ trình Đề án của Trung ương": no date to look for.
        return Deadline(DeadlineKind.CONDITIONAL, wording, ())
    # Half-years, lists of quarters, "Hàng quý", "Trước 30/6", a wording inside a sentence
    # ("Hoàn thành trước 17 giờ ngày 15/12/2025 để tổng hợp"), or an error with the closest forms.
    from .deadline_forms import in_sentence, other_forms

    return other_forms(key, wording) or in_sentence(key, wording)


_DIGIT = re.compile(r"[0-9]", re.ASCII)


def _plain(key: str, wording: str) -> Deadline | None:
    point = _point(key, wording)
    if point is not None:
        return Deadline(point.kind, wording, (_occurrence(point),))
    found = _annual(key, wording) or _range(key, wording)
    if found is not None:
        return found
    if _CONTINUOUS.fullmatch(key):
        return Deadline(DeadlineKind.CONTINUOUS, wording, ())
    return None


@lru_cache(maxsize=4096)
def parse_due(text: str) -> Occurrence:
    """One dated point (quarter, month, date or year), as a milestone's due wording must be."""
    wording, key = _keyed(text)
    point = _point(key, wording)
    if point is None:
        raise DeadlineError("unrecognised", wording)
    return _occurrence(point)


def milestones(items: Sequence[tuple[str, str | None]]) -> Deadline:
    """A deadline of several dated milestones, from (due wording, target) pairs.

    Order is not checked here: the validator reports it with the milestones' positions.
    """
    points: list[Occurrence] = []
    parts: list[str] = []
    for due_text, target_text in items:
        due = due_text.strip()
        target = target_text.strip() if target_text else None
        part = f"{due}: {target}" if target else due
        points.append(parse_due(due)._replace(target=target or None, label=part))
        parts.append(part)
    if not points:
        raise DeadlineError("empty", "")
    return Deadline(DeadlineKind.MILESTONES, "; ".join(parts), tuple(points))
