"""The `Quarter` value type and the spellings of a quarter found in Vietnamese plans."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache, lru_cache
from typing import NoReturn, overload

MIN_YEAR = 1900
MAX_YEAR = 2999

_ROMANS = ("I", "II", "III", "IV")
# Numerals past IV are listed so that "Quý V/2023" reads as a bad quarter number rather than as
# text that is not a quarter at all; anything else spelled with i/v/x counts as 0 (also bad).
_NUMERALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}

_SHAPE = "a quarter looks like 'Quý IV/2023', 'IV/2023', 'Quý 4/2023', 'Q4/2023' or '2023-Q4'"

# Every Vietnamese diacritic decomposes into this block under NFD.
_COMBINING = re.compile("[\u0300-\u036f]+")
# Word processors turn "-" into en or em dashes.
_DASHES = re.compile("[\u2010-\u2014\u2212]")


def fold(text: str) -> str:
    """Matching key: lower case, no diacritics, `đ`→`d`, one kind of dash, single spaces.

    NFC and NFD input, both tone placements ("Quý"/"Qúy") and text typed without diacritics all
    give the same key.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    # đ has no decomposition, so it survives the strip and is mapped by hand.
    bare = _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower().replace("đ", "d")
    if not bare.isascii():
        bare = _DASHES.sub("-", bare)
    return " ".join(bare.split())


# Matches folded text (or raw ASCII, hence IGNORECASE). re.ASCII keeps \s and the letter classes
# from matching look-alikes such as the Kelvin sign. A bare number without "Quý"/"Q" is not a
# quarter: "4/2023" is April.
QUARTER_PATTERN = re.compile(
    r"""
    \s*(?:
        (?:
            qu[yi]\s*(?P<digit>[0-9]{1,2})
          | (?:qu[yi]\s+)?(?P<roman>[ivx]{1,4})
        )
        (?:\s*[/-]\s*|\s+nam\s+)(?P<year>[0-9]{4})
      | q\s*(?P<qdigit>[0-9]{1,2})\s*[/-]\s*(?P<qyear>[0-9]{4})
      | (?P<iyear>[0-9]{4})\s*[/-]\s*q\s*(?P<idigit>[0-9]{1,2})
    )\s*
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)


def numeral_value(token: str) -> int:
    """The value of a quarter numeral ("IV", "4"); 0 when it names no number at all."""
    if token.isascii() and token.isdigit():
        return int(token)
    return _NUMERALS.get(token.lower(), 0)


def match_fields(match: re.Match[str]) -> tuple[int, int]:
    """(number, year) from a `QUARTER_PATTERN` match; neither is range-checked."""
    digit, roman, year, qdigit, qyear, iyear, idigit = match.groups()
    if roman is not None:
        return _NUMERALS.get(roman.lower(), 0), int(year)
    if digit is not None:
        return int(digit), int(year)
    return int(qdigit or idigit), int(qyear or iyear)


class QuarterError(ValueError):
    """A quarter that cannot exist or text that is not a quarter; str() explains in English."""


class Quarter:
    """A quarter of a year: immutable, hashable, ordered by time. Written out rather than a
    frozen dataclass, which costs 0.4 ms to define at every start."""

    __slots__ = ("number", "year")
    year: int
    number: int

    def __init__(self, year: int, number: int) -> None:
        if not 1 <= number <= 4:
            raise QuarterError(f"quarter number {number} is not 1..4 (I..IV)")
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise QuarterError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "number", number)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a Quarter cannot be changed (setting {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a Quarter cannot be changed (deleting {name!r})")

    def __reduce__(self) -> tuple[type[Quarter], tuple[int, int]]:
        return Quarter, (self.year, self.number)

    def __repr__(self) -> str:
        return f"Quarter(year={self.year!r}, number={self.number!r})"

    def __hash__(self) -> int:
        return hash((self.year, self.number))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Quarter:
            return NotImplemented
        return self.year == other.year and self.number == other.number

    # Ordered by the quarter's index (year * 4 + number): one comparison of two ints.
    def __lt__(self, other: Quarter) -> bool:
        return self.year * 4 + self.number < other.year * 4 + other.number

    def __le__(self, other: Quarter) -> bool:
        return self.year * 4 + self.number <= other.year * 4 + other.number

    def __gt__(self, other: Quarter) -> bool:
        return self.year * 4 + self.number > other.year * 4 + other.number

    def __ge__(self, other: Quarter) -> bool:
        return self.year * 4 + self.number >= other.year * 4 + other.number

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read any spelling of a quarter; raises QuarterError."""
        return _parse(text)

    @classmethod
    def of(cls, day: date) -> Quarter:
        return _shared(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        year, offset = divmod(index, 4)
        return _shared(year, offset + 1)

    @property
    def index(self) -> int:
        return self.year * 4 + self.number - 1

    @property
    def first_day(self) -> date:
        return date(self.year, self.number * 3 - 2, 1)

    @property
    def last_day(self) -> date:
        # Quarters end in March and December (31 days) or June and September (30 days).
        return date(self.year, self.number * 3, 31 if self.number in (1, 4) else 30)

    @property
    def roman(self) -> str:
        return _ROMANS[self.number - 1]

    def label(self) -> str:
        return f"{self.roman}/{self.year}"

    def long_label(self) -> str:
        return f"Quý {self.roman}/{self.year}"

    __str__ = label

    def __add__(self, other: int) -> Quarter:
        if not isinstance(other, int):
            return NotImplemented
        return Quarter.from_index(self.index + other)

    @overload
    def __sub__(self, other: int) -> Quarter: ...
    @overload
    def __sub__(self, other: Quarter) -> int: ...
    def __sub__(self, other: int | Quarter) -> Quarter | int:
        if isinstance(other, Quarter):
            return self.index - other.index
        if isinstance(other, int):
            return Quarter.from_index(self.index - other)
        return NotImplemented


# A 10k-task plan asks for a few dozen quarters tens of thousands of times, and a frozen
# dataclass that checks its fields is slow to build; Quarter is immutable, so sharing is safe.
@cache
def _shared(year: int, number: int) -> Quarter:
    return Quarter(year, number)


# Plans repeat the same few spellings thousands of times; Quarter is immutable, so sharing is safe.
@lru_cache(maxsize=4096)
def _parse(text: str) -> Quarter:
    # Plain ASCII ("IV/2023", "Q4/2023") is matched as is: the pattern ignores case and spacing,
    # so only Vietnamese text pays for normalisation.
    match = QUARTER_PATTERN.fullmatch(text if text.isascii() else fold(text))
    if match is None:
        raise QuarterError(f"not a quarter: {text!r}; {_SHAPE}")
    number, year = match_fields(match)
    if not 1 <= number <= 4:
        raise QuarterError(f"not a quarter: {text!r}: the quarter must be I..IV (1..4)")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise QuarterError(f"not a quarter: {text!r}: the year must be {MIN_YEAR}..{MAX_YEAR}")
    return _shared(year, number)
