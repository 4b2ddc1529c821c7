from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.quarter import MAX_YEAR, MIN_YEAR, Quarter, QuarterError, fold

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

quarters = st.builds(Quarter, st.integers(MIN_YEAR, MAX_YEAR), st.integers(1, 4))

SPELLINGS: list[Callable[[Quarter], str]] = [
    lambda q: q.label(),
    lambda q: q.long_label(),
    lambda q: str(q),
    lambda q: f"quý {q.number}/{q.year}",
    lambda q: f"Q{q.number}/{q.year}",
    lambda q: f"{q.year}-Q{q.number}",
    lambda q: f"Quí {ROMAN[q.number]}-{q.year}",
    lambda q: f"Quý {ROMAN[q.number]} năm {q.year}",
    lambda q: f"Quý {ROMAN[q.number]} Năm {q.year}",
    lambda q: f"quy {q.number}/{q.year}",
    lambda q: f"Qúy {ROMAN[q.number]}/{q.year}",
    lambda q: f"Quý {ROMAN[q.number]} - {q.year}",
    lambda q: f"  Quý   {ROMAN[q.number]} /  {q.year} ",
    lambda q: f"{q.year} - q{q.number}",
]
CASES: list[Callable[[str], str]] = [
    lambda s: s,
    str.upper,
    str.lower,
    lambda s: unicodedata.normalize("NFD", s),
    lambda s: unicodedata.normalize("NFD", s.upper()),
]


@given(quarters, st.sampled_from(SPELLINGS), st.sampled_from(CASES))
def test_every_spelling_parses_back(
    q: Quarter, spell: Callable[[Quarter], str], case: Callable[[str], str]
) -> None:
    assert Quarter.parse(case(spell(q))) == q


@pytest.mark.parametrize(
    "text",
    [
        "Quý IV/2023",
        "IV/2023",
        "quý 4/2023",
        "Q4/2023",
        "2023-Q4",
        "quy 4/2023",
        "Qúy IV/2023",
        "Quý IV - 2023",
        "QUÝ IV/2023",
        "Quí IV/2023",
        "Quý IV năm 2023",
        "iv/2023",
        "q4/2023",
        "Quý IV–2023",
        unicodedata.normalize("NFD", "Quý IV/2023"),
    ],
)
def test_spellings_of_iv_2023(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2023, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quí IV-2025", Quarter(2025, 4)),
        ("Quý III năm 2026", Quarter(2026, 3)),
        ("Quý III Năm 2026", Quarter(2026, 3)),
        ("Quý I/2022", Quarter(2022, 1)),
        ("II/2025", Quarter(2025, 2)),
        ("Quý 1/1900", Quarter(1900, 1)),
        ("2999-Q4", Quarter(2999, 4)),
    ],
)
def test_spellings_table(text: str, expected: Quarter) -> None:
    assert Quarter.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2023",
        "4/2023",  # a month: a bare number needs "Quý" or "Q"
        "IV",
        "Quý IV",
        "Quý IV/23",
        "Năm 2023",
        "Tháng 4/2023",
        "Quý IV/2023 abc",
        "Quý V/2023",
        "Q5/2023",
        "Quý 0/2023",
        "2023-Q0",
        "Quý IIII/2023",
        "Quý IV/1899",
        "Quý IV/3000",
        "Q4/0999",
        "Quý IV/２０２３",  # full-width digits are not read as a year
    ],
)
def test_not_a_quarter(text: str) -> None:
    with pytest.raises(QuarterError):
        Quarter.parse(text)


def test_error_message_says_what_a_quarter_looks_like() -> None:
    with pytest.raises(QuarterError, match=r"Quý IV/2023"):
        Quarter.parse("next spring")


def test_error_message_names_the_bad_part() -> None:
    with pytest.raises(QuarterError, match=r"I\.\.IV"):
        Quarter.parse("Quý V/2023")
    with pytest.raises(QuarterError, match=r"1900\.\.2999"):
        Quarter.parse("Quý IV/1800")


def test_quarter_error_is_a_value_error() -> None:
    assert issubclass(QuarterError, ValueError)


@pytest.mark.parametrize(("year", "number"), [(2023, 0), (2023, 5), (1899, 1), (3000, 1)])
def test_constructor_checks_ranges(year: int, number: int) -> None:
    with pytest.raises(QuarterError):
        Quarter(year, number)


@given(quarters, quarters)
def test_ordering_agrees_with_year_then_number(a: Quarter, b: Quarter) -> None:
    assert (a < b) == ((a.year, a.number) < (b.year, b.number))
    assert (a == b) == ((a.year, a.number) == (b.year, b.number))
    assert (a < b) == (a.index < b.index)


@given(st.data())
def test_add_then_subtract_is_identity(data: st.DataObject) -> None:
    q = data.draw(quarters)
    low, high = Quarter(MIN_YEAR, 1).index, Quarter(MAX_YEAR, 4).index
    n = data.draw(st.integers(low - q.index, high - q.index))
    moved = q + n
    assert moved - n == q
    assert moved - q == n
    assert q - moved == -n
    assert moved.index == q.index + n


@given(quarters)
def test_index_round_trip(q: Quarter) -> None:
    assert Quarter.from_index(q.index) == q
    assert q.index == q.year * 4 + q.number - 1


@pytest.mark.parametrize(
    ("q", "n", "expected"),
    [
        (Quarter(2023, 4), 1, Quarter(2024, 1)),
        (Quarter(2024, 1), -1, Quarter(2023, 4)),
        (Quarter(2022, 1), 15, Quarter(2025, 4)),
        (Quarter(2025, 4), -15, Quarter(2022, 1)),
        (Quarter(2023, 2), 0, Quarter(2023, 2)),
    ],
)
def test_arithmetic_across_years(q: Quarter, n: int, expected: Quarter) -> None:
    assert q + n == expected
    assert expected - n == q
    assert expected - q == n


def test_arithmetic_out_of_range_raises() -> None:
    with pytest.raises(QuarterError):
        Quarter(MAX_YEAR, 4) + 1
    with pytest.raises(QuarterError):
        Quarter(MIN_YEAR, 1) - 1


@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_of_contains_the_day(day: date) -> None:
    q = Quarter.of(day)
    assert q.first_day <= day <= q.last_day
    assert q.year == day.year


@given(quarters)
def test_quarters_tile_the_calendar(q: Quarter) -> None:
    assert Quarter.of(q.first_day) == q
    assert Quarter.of(q.last_day) == q
    if q < Quarter(MAX_YEAR, 4):
        assert q.last_day + timedelta(days=1) == (q + 1).first_day
    assert (q.last_day - q.first_day).days + 1 in (90, 91, 92)


@pytest.mark.parametrize(
    ("q", "first", "last"),
    [
        (Quarter(2023, 4), date(2023, 10, 1), date(2023, 12, 31)),
        (Quarter(2024, 1), date(2024, 1, 1), date(2024, 3, 31)),
        (Quarter(2024, 2), date(2024, 4, 1), date(2024, 6, 30)),
        (Quarter(2024, 3), date(2024, 7, 1), date(2024, 9, 30)),
        (Quarter(1900, 1), date(1900, 1, 1), date(1900, 3, 31)),
    ],
)
def test_first_and_last_day(q: Quarter, first: date, last: date) -> None:
    assert q.first_day == first
    assert q.last_day == last


@pytest.mark.parametrize(
    ("q", "roman", "label", "long_label"),
    [
        (Quarter(2023, 1), "I", "I/2023", "Quý I/2023"),
        (Quarter(2023, 2), "II", "II/2023", "Quý II/2023"),
        (Quarter(2023, 3), "III", "III/2023", "Quý III/2023"),
        (Quarter(2023, 4), "IV", "IV/2023", "Quý IV/2023"),
    ],
)
def test_labels(q: Quarter, roman: str, label: str, long_label: str) -> None:
    assert q.roman == roman
    assert q.label() == label
    assert str(q) == label
    assert q.long_label() == long_label


def test_quarter_is_hashable_and_frozen() -> None:
    q = Quarter(2023, 4)
    assert {q, Quarter.parse("Q4/2023")} == {q}
    with pytest.raises(AttributeError):
        q.year = 2024  # type: ignore[misc]


def test_parse_is_repeatable() -> None:
    # parse is cached; a cached result must be the same value as a fresh one
    for _ in range(3):
        assert Quarter.parse("IV/2023") == Quarter(2023, 4)
    with pytest.raises(QuarterError):
        Quarter.parse("V/2023")
    with pytest.raises(QuarterError):
        Quarter.parse("V/2023")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Quý IV/2023", "quy iv/2023"),
        (unicodedata.normalize("NFD", "Quý IV/2023"), "quy iv/2023"),
        ("Qúy  IV /2023", "quy iv /2023"),
        ("ĐỊNH KỲ hằng năm", "dinh ky hang nam"),
        ("2022–2025", "2022-2025"),
        ("  Hàng\u00a0năm  ", "hang nam"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key
