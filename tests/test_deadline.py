from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.deadline import (
    Deadline,
    DeadlineError,
    DeadlineKind,
    Occurrence,
    milestones,
    parse_deadline,
    parse_due,
)
from cchc.quarter import Quarter

Q = DeadlineKind.QUARTER
M = DeadlineKind.MONTH
D = DeadlineKind.DATE
Y = DeadlineKind.YEAR
R = DeadlineKind.RANGE

# (wording, kind, quarter of the occurrence, due date, occurrence label)
FIXED = [
    ("Quý IV/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("IV/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("quý 4/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("Q4/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("2023-Q4", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("Quí IV-2025", Q, "IV/2025", date(2025, 12, 31), "Quý IV/2025"),
    ("Quý III năm 2026", Q, "III/2026", date(2026, 9, 30), "Quý III/2026"),
    ("Quý III Năm 2026", Q, "III/2026", date(2026, 9, 30), "Quý III/2026"),
    ("quy 4/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("Qúy IV/2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("Quý IV - 2023", Q, "IV/2023", date(2023, 12, 31), "Quý IV/2023"),
    ("Quý I/2022", Q, "I/2022", date(2022, 3, 31), "Quý I/2022"),
    ("Quý II/2025.", Q, "II/2025", date(2025, 6, 30), "Quý II/2025"),
    ("Chậm nhất Quý IV/2025", Q, "IV/2025", date(2025, 12, 31), "Quý IV/2025"),
    ("Tháng 6/2026", M, "II/2026", date(2026, 6, 30), "Tháng 6/2026"),
    ("Tháng 06/2026", M, "II/2026", date(2026, 6, 30), "Tháng 6/2026"),
    ("06/2026", M, "II/2026", date(2026, 6, 30), "Tháng 6/2026"),
    ("6/2026", M, "II/2026", date(2026, 6, 30), "Tháng 6/2026"),
    ("tháng 6 năm 2026", M, "II/2026", date(2026, 6, 30), "Tháng 6/2026"),
    ("12/2025", M, "IV/2025", date(2025, 12, 31), "Tháng 12/2025"),
    ("Tháng 5/2025", M, "II/2025", date(2025, 5, 31), "Tháng 5/2025"),
    ("Tháng 2/2024", M, "I/2024", date(2024, 2, 29), "Tháng 2/2024"),
    ("Tháng 2/2023", M, "I/2023", date(2023, 2, 28), "Tháng 2/2023"),
    ("Tháng 2/1900", M, "I/1900", date(1900, 2, 28), "Tháng 2/1900"),
    ("Trong tháng 9/2025", M, "III/2025", date(2025, 9, 30), "Tháng 9/2025"),
    ("30/11/2025", D, "IV/2025", date(2025, 11, 30), "Ngày 30/11/2025"),
    ("Trước ngày 30/11/2025", D, "IV/2025", date(2025, 11, 30), "Ngày 30/11/2025"),
    ("ngày 30/11/2025", D, "IV/2025", date(2025, 11, 30), "Ngày 30/11/2025"),
    ("Trước 30/11/2025", D, "IV/2025", date(2025, 11, 30), "Ngày 30/11/2025"),
    ("2025-11-30", D, "IV/2025", date(2025, 11, 30), "Ngày 30/11/2025"),
    ("30/09/2025", D, "III/2025", date(2025, 9, 30), "Ngày 30/09/2025"),
    ("1/4/2024", D, "II/2024", date(2024, 4, 1), "Ngày 01/04/2024"),
    ("29/02/2024", D, "I/2024", date(2024, 2, 29), "Ngày 29/02/2024"),
    ("ngày 05 tháng 02 năm 2023", D, "I/2023", date(2023, 2, 5), "Ngày 05/02/2023"),
    ("Năm 2026", Y, "IV/2026", date(2026, 12, 31), "Năm 2026"),
    ("2026", Y, "IV/2026", date(2026, 12, 31), "Năm 2026"),
    ("năm 2026", Y, "IV/2026", date(2026, 12, 31), "Năm 2026"),
    ("2025", Y, "IV/2025", date(2025, 12, 31), "Năm 2025"),
    ("Trong năm 2026", Y, "IV/2026", date(2026, 12, 31), "Năm 2026"),
    ("Quý IV/2025 - Quý II/2026", R, "II/2026", date(2026, 6, 30), "Quý IV/2025 - Quý II/2026"),
    ("Quý IV/2025- Quý II/2026", R, "II/2026", date(2026, 6, 30), "Quý IV/2025 - Quý II/2026"),
    ("Quí IV-2025 - Quí I-2026", R, "I/2026", date(2026, 3, 31), "Quý IV/2025 - Quý I/2026"),
    ("2025-2030", R, "IV/2030", date(2030, 12, 31), "Năm 2025 - 2030"),
    ("2025 - 2026", R, "IV/2026", date(2026, 12, 31), "Năm 2025 - 2026"),
    ("Năm 2025-2030", R, "IV/2030", date(2030, 12, 31), "Năm 2025 - 2030"),
    ("2022–2025", R, "IV/2025", date(2025, 12, 31), "Năm 2022 - 2025"),
    ("2022 — 2025", R, "IV/2025", date(2025, 12, 31), "Năm 2022 - 2025"),
    ("Giai đoạn 2021-2025", R, "IV/2025", date(2025, 12, 31), "Năm 2021 - 2025"),
    (
        "Tháng 3/2025 - Tháng 6/2025",
        R,
        "II/2025",
        date(2025, 6, 30),
        "Tháng 3/2025 - Tháng 6/2025",
    ),
    (
        "Từ tháng 3/2025 đến tháng 6/2025",
        R,
        "II/2025",
        date(2025, 6, 30),
        "Tháng 3/2025 - Tháng 6/2025",
    ),
    ("Tháng 3-6/2025", R, "II/2025", date(2025, 6, 30), "Tháng 3/2025 - Tháng 6/2025"),
    ("Quý I - Quý II/2026", R, "II/2026", date(2026, 6, 30), "Quý I/2026 - Quý II/2026"),
    ("Năm 2025 - Quý II/2026", R, "II/2026", date(2026, 6, 30), "Năm 2025 - Quý II/2026"),
    (
        "2025-11-30 - 2026-01-31",
        R,
        "I/2026",
        date(2026, 1, 31),
        "Ngày 30/11/2025 - Ngày 31/01/2026",
    ),
    ("2025-2025", R, "IV/2025", date(2025, 12, 31), "Năm 2025 - 2025"),
]

RANGE_STARTS = [
    ("Quý IV/2025 - Quý II/2026", date(2025, 10, 1)),
    ("Quý IV/2025- Quý II/2026", date(2025, 10, 1)),
    ("2025-2030", date(2025, 1, 1)),
    ("2025 - 2026", date(2025, 1, 1)),
    ("Năm 2025-2030", date(2025, 1, 1)),
    ("Tháng 3/2025 - Tháng 6/2025", date(2025, 3, 1)),
    ("2022–2025", date(2022, 1, 1)),
    ("Quý I - Quý II/2026", date(2026, 1, 1)),
    ("2025-11-30 - 2026-01-31", date(2025, 11, 30)),
]

# (wording, month_of_year, first_year)
ANNUAL = [
    ("Hằng năm", 12, None),
    ("Hàng năm", 12, None),
    ("hằng năm.", 12, None),
    (unicodedata.normalize("NFD", "Hàng năm"), 12, None),
    ("HẰNG NĂM", 12, None),
    ("hang nam", 12, None),
    ("Định kỳ hằng năm", 12, None),
    ("Thường xuyên, hằng năm", 12, None),
    ("Thường xuyên hằng năm", 12, None),
    ("Tháng 12 hằng năm", 12, None),
    ("Tháng 6 hàng năm", 6, None),
    ("Tháng 06 hằng năm", 6, None),
    ("Quý IV hằng năm", 12, None),
    ("Quý I hằng năm", 3, None),
    ("Quý 2 hằng năm", 6, None),
    ("Quí III hàng năm", 9, None),
    ("2025 và những năm tiếp theo", 12, 2025),
    ("Năm 2025 và các năm tiếp theo", 12, 2025),
    ("Hằng năm, bắt đầu từ năm 2026", 12, 2026),
    ("Bắt đầu triển khai từ năm 2026", 12, 2026),
    ("Từ năm 2026 trở đi", 12, 2026),
]

CONTINUOUS = [
    "Thường xuyên",
    "Nhiệm vụ thường xuyên",
    "Liên tục",
    "thường xuyên.",
    "Thường xuyên, liên tục",
    unicodedata.normalize("NFD", "Nhiệm vụ thường xuyên"),
]

CONDITIONAL = [
    "Thực hiện theo lộ trình Đề án của Trung ương",
    "Sau khi có Quy chế của TW",
    "Theo Kế hoạch riêng",
    "Khi có phát sinh.",
    "Theo chỉ đạo của UBND tỉnh",
    "Theo yêu cầu của Bộ Nội vụ",
    "Nếu được phê duyệt",
    "Căn cứ hướng dẫn của Bộ",
    "THEO LO TRINH",
    "Hằng năm, theo kế hoạch của tỉnh",
    unicodedata.normalize("NFD", "Sau khi có hướng dẫn"),
]

ERRORS = [
    ("", "empty"),
    ("   ", "empty"),
    ("\t\n", "empty"),
    ("31/02/2023", "bad_date"),
    ("29/02/2023", "bad_date"),
    ("32/01/2023", "bad_date"),
    ("00/01/2023", "bad_date"),
    ("2023-02-30", "bad_date"),
    ("Trước ngày 31/04/2025", "bad_date"),
    ("Năm 1800", "bad_date"),
    ("3000", "bad_date"),
    ("Quý IV/1899", "bad_date"),
    ("30/13/2025", "bad_month"),
    ("2025-13-01", "bad_month"),
    ("Tháng 13/2025", "bad_month"),
    ("13/2025", "bad_month"),
    ("0/2025", "bad_month"),
    ("Tháng 13 hằng năm", "bad_month"),
    ("Quý V/2023", "bad_quarter"),
    ("Q5/2023", "bad_quarter"),
    ("Quý 0/2023", "bad_quarter"),
    ("2023-Q5", "bad_quarter"),
    ("Quý V hằng năm", "bad_quarter"),
    ("Quý V/2025 - Quý II/2026", "bad_quarter"),
    ("2030-2025", "range_order"),
    ("Quý II/2026 - Quý IV/2025", "range_order"),
    ("Tháng 6/2025 - Tháng 3/2025", "range_order"),
    ("blah", "unrecognised"),
    ("Quý IV", "unrecognised"),
    ("Tháng 6", "unrecognised"),
    ("2025-", "unrecognised"),
    ("-", "unrecognised"),
    ("Trước Quý IV/2025", "ambiguous"),
    ("Từ năm 2026", "ambiguous"),
]


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(("text", "kind", "quarter", "due", "label"), FIXED)
def test_fixed_forms(text: str, kind: DeadlineKind, quarter: str, due: date, label: str) -> None:
    for variant in (text, nfd(text), text.upper(), f"  {text}  ", f"{text}."):
        deadline = parse_deadline(variant)
        assert deadline.kind is kind, variant
        assert deadline.is_fixed
        assert deadline.wording == variant.strip()
        (point,) = deadline.points
        assert point == Occurrence(Quarter.parse(quarter), due, None, label)


@pytest.mark.parametrize(("text", "start"), RANGE_STARTS)
def test_range_start(text: str, start: date) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind is R
    assert deadline.start == start


@pytest.mark.parametrize(("text", "_kind", "_q", "_due", "_label"), FIXED)
def test_only_ranges_have_a_start(
    text: str, _kind: DeadlineKind, _q: str, _due: date, _label: str
) -> None:
    deadline = parse_deadline(text)
    assert (deadline.start is not None) == (deadline.kind is R)


@pytest.mark.parametrize(("text", "month", "first_year"), ANNUAL)
def test_annual_forms(text: str, month: int, first_year: int | None) -> None:
    for variant in (text, nfd(text), text.upper(), f" {text}. "):
        deadline = parse_deadline(variant)
        assert deadline.kind is DeadlineKind.ANNUAL, variant
        assert deadline.month_of_year == month
        assert deadline.first_year == first_year
        assert deadline.points == ()
        assert not deadline.is_fixed
        assert deadline.wording == variant.strip()


@pytest.mark.parametrize("text", CONTINUOUS)
def test_continuous_forms(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind is DeadlineKind.CONTINUOUS
    assert deadline.points == ()
    assert not deadline.is_fixed
    assert deadline.occurrences(Quarter(2022, 1), Quarter(2025, 4)) == ()


@pytest.mark.parametrize("text", CONDITIONAL)
def test_conditional_forms(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind is DeadlineKind.CONDITIONAL
    assert deadline.wording == text.strip()
    assert deadline.points == ()
    assert not deadline.is_fixed
    assert deadline.occurrences(Quarter(2022, 1), Quarter(2025, 4)) == ()


@pytest.mark.parametrize(("text", "reason"), ERRORS)
def test_errors(text: str, reason: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.reason == reason
    assert caught.value.text == text.strip()
    assert text.strip() in str(caught.value)


def test_error_is_a_value_error_with_an_explanation() -> None:
    with pytest.raises(ValueError, match="Quý IV/2023"):
        parse_deadline("sometime")


def test_wording_is_kept_exactly() -> None:
    text = "  Trước ngày  30/11/2025.  "
    assert parse_deadline(text).wording == "Trước ngày  30/11/2025."
    nfd_text = nfd("Quý IV/2023")
    assert parse_deadline(nfd_text).wording == nfd_text


def test_ambiguous_dashes_are_not_ranges() -> None:
    assert parse_deadline("2023-Q4").kind is Q
    assert parse_deadline("2025-11-30").kind is D
    assert parse_deadline("Quí IV-2025").kind is Q
    assert parse_deadline("6-2026").kind is M


# --- occurrences ---------------------------------------------------------------------------------

PERIOD = (Quarter(2022, 1), Quarter(2025, 4))


def test_fixed_occurrences_ignore_the_period() -> None:
    deadline = parse_deadline("Quý IV/2030")
    assert deadline.occurrences(*PERIOD) == deadline.points
    assert deadline.occurrences(Quarter(2022, 1), Quarter(2022, 1)) == deadline.points


def test_annual_occurrences_one_per_year() -> None:
    deadline = parse_deadline("Hằng năm")
    found = deadline.occurrences(*PERIOD)
    assert [o.due_date for o in found] == [date(y, 12, 31) for y in range(2022, 2026)]
    assert [o.quarter for o in found] == [Quarter(y, 4) for y in range(2022, 2026)]
    assert [o.label for o in found] == [f"Hằng năm ({y})" for y in range(2022, 2026)]
    assert all(o.target is None for o in found)


def test_annual_label_drops_the_trailing_full_stop() -> None:
    found = parse_deadline("hằng năm.").occurrences(Quarter(2024, 1), Quarter(2024, 4))
    assert [o.label for o in found] == ["hằng năm (2024)"]


def test_annual_occurrences_skip_years_whose_due_date_is_outside_the_period() -> None:
    june = parse_deadline("Tháng 6 hằng năm")
    found = june.occurrences(Quarter(2022, 3), Quarter(2025, 1))
    # June 2022 falls before Q3/2022 and June 2025 after Q1/2025
    assert [o.due_date for o in found] == [date(2023, 6, 30), date(2024, 6, 30)]
    assert [o.quarter for o in found] == [Quarter(2023, 2), Quarter(2024, 2)]
    december = parse_deadline("Hằng năm").occurrences(Quarter(2022, 1), Quarter(2025, 3))
    assert [o.due_date.year for o in december] == [2022, 2023, 2024]


def test_annual_occurrences_start_at_first_year() -> None:
    deadline = parse_deadline("Hằng năm, bắt đầu từ năm 2024")
    found = deadline.occurrences(*PERIOD)
    assert [o.due_date for o in found] == [date(2024, 12, 31), date(2025, 12, 31)]
    later = parse_deadline("2030 và những năm tiếp theo")
    assert later.occurrences(*PERIOD) == ()


def test_annual_february_due_date() -> None:
    found = parse_deadline("Tháng 2 hằng năm").occurrences(Quarter(2023, 1), Quarter(2024, 4))
    assert [o.due_date for o in found] == [date(2023, 2, 28), date(2024, 2, 29)]


def test_annual_quarter_wording() -> None:
    found = parse_deadline("Quý II hằng năm").occurrences(Quarter(2024, 1), Quarter(2024, 4))
    assert found == (
        Occurrence(Quarter(2024, 2), date(2024, 6, 30), None, "Quý II hằng năm (2024)"),
    )


def test_empty_period_has_no_annual_occurrences() -> None:
    assert parse_deadline("Hằng năm").occurrences(Quarter(2025, 1), Quarter(2024, 4)) == ()


# --- parse_due and milestones --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quarter", "due"),
    [
        ("Quý II/2024", Quarter(2024, 2), date(2024, 6, 30)),
        ("Tháng 8/2024", Quarter(2024, 3), date(2024, 8, 31)),
        ("15/11/2024", Quarter(2024, 4), date(2024, 11, 15)),
        ("Năm 2025", Quarter(2025, 4), date(2025, 12, 31)),
        (" 2025. ", Quarter(2025, 4), date(2025, 12, 31)),
    ],
)
def test_parse_due(text: str, quarter: Quarter, due: date) -> None:
    point = parse_due(text)
    assert point.quarter == quarter
    assert point.due_date == due
    assert point.target is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Hằng năm", "unrecognised"),
        ("Thường xuyên", "unrecognised"),
        ("Sau khi có Quy chế", "unrecognised"),
        ("2025-2026", "unrecognised"),
        ("Quý IV/2025 - Quý II/2026", "unrecognised"),
        ("", "empty"),
        ("Quý V/2024", "bad_quarter"),
        ("31/02/2024", "bad_date"),
        ("Tháng 13/2024", "bad_month"),
    ],
)
def test_parse_due_rejects(text: str, reason: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_due(text)
    assert caught.value.reason == reason


def test_milestones() -> None:
    deadline = milestones(
        [("Quý II/2024", "Dự thảo Đề án"), ("Tháng 10/2024", None), ("31/12/2024", "Ban hành")]
    )
    assert deadline.kind is DeadlineKind.MILESTONES
    assert deadline.is_fixed
    assert deadline.wording == "Quý II/2024: Dự thảo Đề án; Tháng 10/2024; 31/12/2024: Ban hành"
    assert deadline.points == (
        Occurrence(
            Quarter(2024, 2), date(2024, 6, 30), "Dự thảo Đề án", "Quý II/2024: Dự thảo Đề án"
        ),
        Occurrence(Quarter(2024, 4), date(2024, 10, 31), None, "Tháng 10/2024"),
        Occurrence(Quarter(2024, 4), date(2024, 12, 31), "Ban hành", "31/12/2024: Ban hành"),
    )
    assert deadline.occurrences(*PERIOD) == deadline.points


def test_milestones_keep_their_order() -> None:
    # ordering is the validator's to check, with positions; here it is only kept
    deadline = milestones([("Quý IV/2024", "b"), ("Quý I/2024", "a")])
    assert [o.quarter for o in deadline.points] == [Quarter(2024, 4), Quarter(2024, 1)]


def test_milestones_empty_target_is_none() -> None:
    deadline = milestones([("Quý IV/2024", ""), ("Quý I/2025", "  ")])
    assert [o.target for o in deadline.points] == [None, None]
    assert deadline.wording == "Quý IV/2024; Quý I/2025"


def test_milestones_reject_undated_due() -> None:
    with pytest.raises(DeadlineError) as caught:
        milestones([("Quý II/2024", "a"), ("Hằng năm", "b")])
    assert caught.value.reason == "unrecognised"
    assert caught.value.text == "Hằng năm"


def test_milestones_empty() -> None:
    with pytest.raises(DeadlineError) as caught:
        milestones([])
    assert caught.value.reason == "empty"


# --- properties ----------------------------------------------------------------------------------

quarters = st.builds(Quarter, st.integers(1900, 2999), st.integers(1, 4))
years = st.integers(1900, 2999)
ROMAN = ("I", "II", "III", "IV")


@st.composite
def single_wordings(draw: st.DrawFn) -> str:
    q = draw(quarters)
    year = draw(years)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    return draw(
        st.sampled_from(
            [
                q.long_label(),
                f"Q{q.number}/{q.year}",
                f"{q.year}-Q{q.number}",
                f"Quí {ROMAN[q.number - 1]}-{q.year}",
                f"Quý {ROMAN[q.number - 1]} năm {q.year}",
                f"Tháng {month}/{year}",
                f"{month:02d}/{year}",
                f"tháng {month} năm {year}",
                f"{day}/{month}/{year}",
                f"Trước ngày {day:02d}/{month:02d}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"Năm {year}",
                str(year),
            ]
        )
    )


@st.composite
def wordings(draw: st.DrawFn) -> str:
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return draw(single_wordings())
    if shape == 1:
        sep = draw(st.sampled_from([" - ", "-", "- ", " – ", " đến "]))
        return draw(single_wordings()) + sep + draw(single_wordings())
    if shape == 2:
        return draw(st.sampled_from([w for w, _, _ in ANNUAL] + CONTINUOUS + CONDITIONAL))
    return draw(st.text())


def _check(deadline: Deadline) -> None:
    for occurrence in deadline.occurrences(Quarter(1990, 1), Quarter(2100, 4)):
        assert occurrence.quarter.first_day <= occurrence.due_date <= occurrence.quarter.last_day
    if deadline.is_fixed:
        assert deadline.points
        for occurrence in deadline.points:
            assert occurrence.quarter == Quarter.of(occurrence.due_date)
    if deadline.kind is R:
        assert deadline.start is not None
        assert deadline.start <= deadline.points[0].due_date


@given(st.text())
def test_arbitrary_text_raises_only_deadline_error(text: str) -> None:
    try:
        deadline = parse_deadline(text)
    except DeadlineError as exc:
        assert exc.reason in {
            "empty",
            "unrecognised",
            "bad_date",
            "bad_quarter",
            "bad_month",
            "range_order",
            "ambiguous",
        }
        return
    _check(deadline)


@given(st.text(alphabet="0123456789/-–. QqIVivxXuýíyTháng năm"))
def test_deadline_like_noise_raises_only_deadline_error(text: str) -> None:
    with contextlib.suppress(DeadlineError):
        _check(parse_deadline(text))


@given(wordings(), st.sampled_from([str, str.upper, nfd]))
def test_generated_wordings_yield_occurrences_inside_their_quarter(
    text: str, case: Callable[[str], str]
) -> None:
    try:
        deadline = parse_deadline(case(text))
    except DeadlineError:
        return
    _check(deadline)


@given(single_wordings())
def test_single_points_always_parse(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.is_fixed
    (point,) = deadline.points
    assert parse_due(text) == point


@given(quarters, quarters)
def test_quarter_ranges(a: Quarter, b: Quarter) -> None:
    text = f"{a.long_label()} - {b.long_label()}"
    if b < a:
        with pytest.raises(DeadlineError) as caught:
            parse_deadline(text)
        assert caught.value.reason == "range_order"
        return
    deadline = parse_deadline(text)
    assert deadline.kind is R
    assert deadline.start == a.first_day
    assert deadline.points == (Occurrence(b, b.last_day, None, text),)


@given(quarters)
def test_every_quarter_spelling_is_a_quarter_deadline(q: Quarter) -> None:
    for text in (q.label(), q.long_label(), f"quý {q.number}/{q.year}", f"{q.year}-Q{q.number}"):
        deadline = parse_deadline(text)
        assert deadline.kind is Q
        assert deadline.points == (Occurrence(q, q.last_day, None, q.long_label()),)
