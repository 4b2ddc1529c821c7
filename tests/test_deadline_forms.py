"""Every deadline wording of real 2022–2026 plans (issue 13), alone and as documents write it:
inside a sentence, with leading and trailing words, times of day, any case, with or without
diacritics. Expected dates were worked out by hand from the wordings."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.deadline import DeadlineError, DeadlineKind, parse_deadline
from cchc.deadline_forms import closest_forms
from cchc.quarter import Quarter

K = DeadlineKind
PERIOD = (Quarter(2022, 1), Quarter(2025, 4))
YEARS = range(2022, 2026)
QUARTERS = [Quarter(y, n) for y in YEARS for n in range(1, 5)]


def ends(*days: date) -> list[tuple[str, date]]:
    return [(Quarter.of(d).label(), d) for d in days]


# (wording, kind, occurrences over I/2022..IV/2025 as (quarter, due date), range start)
WORDINGS: list[tuple[str, DeadlineKind, list[tuple[str, date]], date | None]] = [
    ("Tháng 6/2025", K.MONTH, ends(date(2025, 6, 30)), None),
    ("Tháng 5/2025", K.MONTH, ends(date(2025, 5, 31)), None),
    ("Trước ngày 15/12/2025", K.DATE, ends(date(2025, 12, 15)), None),
    # Without its year: the day comes back every year of the plan (one year for a plan of one).
    ("Trước 30/6", K.ANNUAL, ends(*(date(y, 6, 30) for y in YEARS)), None),
    ("Trước ngày 15/12", K.ANNUAL, ends(*(date(y, 12, 15) for y in YEARS)), None),
    ("30/6 hằng năm", K.ANNUAL, ends(*(date(y, 6, 30) for y in YEARS)), None),
    ("ngày 20 tháng 11", K.ANNUAL, ends(*(date(y, 11, 20) for y in YEARS)), None),
    ("Năm 2025", K.YEAR, ends(date(2025, 12, 31)), None),
    ("6 tháng đầu năm 2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("6 tháng cuối năm 2024", K.RANGE, ends(date(2024, 12, 31)), date(2024, 7, 1)),
    ("Sáu tháng đầu năm 2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("Nửa đầu năm 2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    # A list of quarters is one piece of work over them, reported done once: due at the end
    # of the last, as "Quý I - Quý II/2025".
    ("Quý I, II/2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("Quý I và II năm 2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("Quý II, III, IV/2024", K.RANGE, ends(date(2024, 12, 31)), date(2024, 4, 1)),
    ("Quý III-IV/2025", K.RANGE, ends(date(2025, 12, 31)), date(2025, 7, 1)),
    ("Quý III - IV/2025", K.RANGE, ends(date(2025, 12, 31)), date(2025, 7, 1)),
    ("Quý 3-4/2025", K.RANGE, ends(date(2025, 12, 31)), date(2025, 7, 1)),  # not April
    ("Quý 1, 2/2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("Quý I, Quý II/2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    ("Quý I và Quý II năm 2025", K.RANGE, ends(date(2025, 6, 30)), date(2025, 1, 1)),
    # A span of years is a window for one piece of work: due at its end.
    ("2022-2025", K.RANGE, ends(date(2025, 12, 31)), date(2022, 1, 1)),
    ("Giai đoạn 2022 - 2025", K.RANGE, ends(date(2025, 12, 31)), date(2022, 1, 1)),
    ("Hằng năm", K.ANNUAL, ends(*(date(y, 12, 31) for y in YEARS)), None),
    ("Hàng quý", K.QUARTERLY, [(q.label(), q.last_day) for q in QUARTERS], None),
    ("Hằng quý", K.QUARTERLY, [(q.label(), q.last_day) for q in QUARTERS], None),
    ("Định kỳ hằng quý", K.QUARTERLY, [(q.label(), q.last_day) for q in QUARTERS], None),
    # Monthly work is followed per quarter: progress is recorded and counted per quarter.
    ("Định kỳ hằng tháng", K.MONTHLY, [(q.label(), q.last_day) for q in QUARTERS], None),
    ("Hằng tháng", K.MONTHLY, [(q.label(), q.last_day) for q in QUARTERS], None),
    ("Thường xuyên", K.CONTINUOUS, [], None),
    ("Theo lộ trình của Trung ương", K.CONDITIONAL, [], None),
    ("Thực hiện theo lộ trình Đề án của Trung ương", K.CONDITIONAL, [], None),
    ("Khi có văn bản của Trung ương", K.CONDITIONAL, [], None),
]


def occurrences(text: str) -> list[tuple[str, date]]:
    deadline = parse_deadline(text)
    return [(o.quarter.label(), o.due_date) for o in deadline.occurrences(*PERIOD)]


@pytest.mark.parametrize(("text", "kind", "expected", "start"), WORDINGS)
def test_each_wording_resolves_to_its_kind_and_dates(
    text: str, kind: DeadlineKind, expected: list[tuple[str, date]], start: date | None
) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind is kind
    assert deadline.wording == text
    assert deadline.start == start
    assert occurrences(text) == expected


def test_labels_of_recurring_occurrences() -> None:
    quarterly = parse_deadline("Hàng quý").occurrences(Quarter(2025, 3), Quarter(2025, 4))
    assert [o.label for o in quarterly] == ["Hàng quý (Quý III/2025)", "Hàng quý (Quý IV/2025)"]
    monthly = parse_deadline("Định kỳ hằng tháng").occurrences(Quarter(2025, 4), Quarter(2025, 4))
    assert [o.label for o in monthly] == ["Định kỳ hằng tháng (Quý IV/2025)"]
    yearless = parse_deadline("Trước 30/6").occurrences(Quarter(2025, 1), Quarter(2025, 4))
    assert [(o.label, o.due_date) for o in yearless] == [("Trước 30/6 (2025)", date(2025, 6, 30))]
    # In a sentence the form, not the whole sentence, names each occurrence.
    sentence = parse_deadline("Báo cáo định kỳ hằng quý về Sở Nội vụ")
    assert sentence.wording == "Báo cáo định kỳ hằng quý về Sở Nội vụ"
    found = sentence.occurrences(Quarter(2025, 4), Quarter(2025, 4))
    assert [o.label for o in found] == ["Hằng quý (Quý IV/2025)"]
    dated = parse_deadline("Gửi báo cáo trước ngày 30/6 hằng năm")
    assert [o.label for o in dated.occurrences(Quarter(2025, 1), Quarter(2025, 4))] == [
        "Ngày 30/06 hằng năm (2025)"
    ]


def test_a_yearless_date_in_a_one_year_plan_is_that_year() -> None:
    found = parse_deadline("Trước 30/6").occurrences(Quarter(2026, 1), Quarter(2026, 4))
    assert [o.due_date for o in found] == [date(2026, 6, 30)]


def test_29_february_without_a_year_falls_on_the_28th_in_a_common_year() -> None:
    found = parse_deadline("Trước 29/2").occurrences(Quarter(2024, 1), Quarter(2025, 4))
    assert [o.due_date for o in found] == [date(2024, 2, 29), date(2025, 2, 28)]


def test_recurring_by_quarter_follows_the_period() -> None:
    found = parse_deadline("Hàng quý").occurrences(Quarter(2024, 3), Quarter(2025, 1))
    assert [o.quarter for o in found] == [Quarter(2024, 3), Quarter(2024, 4), Quarter(2025, 1)]
    assert parse_deadline("Hàng quý").occurrences(Quarter(2025, 1), Quarter(2024, 4)) == ()


# --- as real documents write them ----------------------------------------------------------------

# (sentence, the wording it holds)
SENTENCES = [
    ("Hoàn thành trước ngày 15/12/2025 để tổng hợp báo cáo", "Trước ngày 15/12/2025"),
    ("Trước 17 giờ ngày 15/12/2025", "Trước ngày 15/12/2025"),
    ("trước 17 giờ 00 ngày 15/12/2025", "Trước ngày 15/12/2025"),
    ("Trước 16h30 ngày 15/12/2025", "Trước ngày 15/12/2025"),
    ("Trước 8 giờ 30 phút sáng ngày 15/12/2025", "Trước ngày 15/12/2025"),
    ("Trước ngày 15/12/2025 (17:00)", "Trước ngày 15/12/2025"),
    ("TRƯỚC NGÀY 15/12/2025 (17H00)", "Trước ngày 15/12/2025"),
    ("Báo cáo UBND tỉnh trong tháng 6/2025", "Tháng 6/2025"),
    ("Hoàn thành trong năm 2025.", "Năm 2025"),
    ("Tổ chức thực hiện trong 6 tháng đầu năm 2025", "6 tháng đầu năm 2025"),
    ("Triển khai trong Quý I, II/2025 và báo cáo kết quả", "Quý I, II/2025"),
    ("- Quý III-IV/2025;", "Quý III-IV/2025"),
    ("Quý IV/2023 (điều chỉnh)", "Quý IV/2023"),
    ("Thực hiện trong giai đoạn 2022-2025", "2022-2025"),
    ("Báo cáo định kỳ hằng tháng", "Định kỳ hằng tháng"),
    ("Tổng hợp, báo cáo hàng quý", "Hàng quý"),
    ("Gửi báo cáo trước 30/6", "Trước 30/6"),
    (
        "Hoàn thành trong Quý IV/2025 theo Kế hoạch số 12/KH-UBND ngày 15/3/2024",
        "Quý IV/2025",
    ),
    ("Đạt 1/2 số xã trong năm 2025", "Năm 2025"),
]


@pytest.mark.parametrize(("sentence", "form"), SENTENCES)
def test_sentences_resolve_like_the_wording_they_hold(sentence: str, form: str) -> None:
    found = parse_deadline(sentence)
    alone = parse_deadline(form)
    assert found.kind is alone.kind
    assert found.wording == sentence
    assert occurrences(sentence) == occurrences(form)


# A sentence with a condition and a recurring form is conditional: the condition says when.
@pytest.mark.parametrize(
    "text",
    [
        "Hằng năm, theo kế hoạch của tỉnh",
        "Hàng quý, theo yêu cầu của Bộ Nội vụ",
        "Khi có văn bản của Trung ương",
        "Sau khi Trung ương ban hành hướng dẫn",
        # an event decides, whatever date is expected beside it
        "Sau khi Đề án được phê duyệt năm 2024",
        "Khi có văn bản của Trung ương (dự kiến Quý IV/2025)",
        "Nếu được phê duyệt, hoàn thành trước 30/11/2025",
    ],
)
def test_conditions(text: str) -> None:
    assert parse_deadline(text).kind is K.CONDITIONAL


def test_a_condition_with_a_date_is_the_date() -> None:
    found = parse_deadline("Trước ngày 30/11/2025 theo chỉ đạo của UBND tỉnh")
    assert found.kind is K.DATE
    assert occurrences("Trước ngày 30/11/2025 theo chỉ đạo của UBND tỉnh") == ends(
        date(2025, 11, 30)
    )


# --- never a guess -------------------------------------------------------------------------------

AMBIGUOUS = [
    "Trước Quý IV/2025",  # before the quarter: which day is the writer's to say
    "Trước tháng 6/2025",
    "Từ năm 2026",  # open-ended
    "Sau Quý II/2025",
    "Quý II/2025 hoặc Quý III/2025",  # two deadlines
    "Trước 30/6 và 15/12",
    "Tháng 6/2025, Tháng 12/2025",
    "Quý I, III/2025",  # two separate quarters: milestones say that
    "Quý I-II-III/2025",
    "Quý I/2025, Quý II/2025",  # one span, or two deliveries? the writer says
    "Đầu năm 2026",  # early in the year: which day?
    "Giữa năm 2025",
    "Quý II năm nay (2025)",  # a quarter without its year beside a year: which is meant?
    "Tháng 6 hoặc năm 2025",
]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_wordings_are_errors(text: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.reason == "ambiguous"
    assert caught.value.text == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # the sentence also holds another form: "ambiguous" says as much as the form's own
        ("Quý V/2023 hoặc Quý IV/2025", "bad_quarter"),
        ("Hoàn thành trong giai đoạn Quý IV/2025 - Quý II/2024", "range_order"),
    ],
)
def test_a_form_that_cannot_be_inside_a_sentence_is_its_error(text: str, reason: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.reason in (reason, "ambiguous")


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo trước ngày 31/02/2025",
        "Trước 17 giờ ngày 31/11/2025, gửi Sở Nội vụ",
        "Hoàn thành trong Quý IV/2025, báo cáo trước ngày 30/02/2025",
    ],
)
def test_a_date_that_does_not_exist_inside_a_sentence_is_bad_date(text: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.reason == "bad_date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tháng 6", "Tháng 6 hằng năm"),
        ("Quý IV", "Quý IV hằng năm"),
        ("Trước Quý IV/2025", "Quý III/2025"),
        ("Trước Quý IV/2025", "Quý IV/2025"),
        ("Từ năm 2026", "Năm 2026"),
        ("Quý tư/2025", "Quý IV/2025"),
        ("Qúy IV năm hai nghìn 2025 ạ", "Quý IV/2025"),
        ("Trước 30/6 và 15/12", "Trước ngày 30/06"),
        ("Hằng kỳ", "Hằng năm"),
        ("Quý I/2025, Quý II/2025", "Quý I - Quý II/2025"),
    ],
)
def test_errors_name_the_closest_understood_forms(text: str, expected: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    closest = caught.value.closest
    assert expected in closest
    assert 1 <= len(closest) <= 3
    for form in closest:
        parse_deadline(form)  # only forms that are understood are offered


@given(st.text(max_size=60))
def test_closest_forms_always_parse(text: str) -> None:
    for form in closest_forms(text):
        parse_deadline(form)


# --- properties: the same wordings inside any sentence -------------------------------------------

LEADING = [
    "",
    "Hoàn thành",
    "Hoàn thành và báo cáo UBND tỉnh",
    "Chậm nhất",
    "-",
    "Tổ chức thực hiện",
    "Xây dựng, ban hành",
    "Sở Nội vụ tổng hợp, báo cáo",
]
TRAILING = [
    "",
    ".",
    ";",
    "để tổng hợp",
    "(có báo cáo kết quả)",
    "và báo cáo kết quả về Sở Nội vụ",
    "gửi Văn phòng UBND tỉnh",
]
TIMES = ["17 giờ", "17 giờ 00", "16h30", "8 giờ 30 phút sáng", "10h", "14 giờ chiều"]
# Wordings that keep their meaning whatever surrounds them (conditions excepted: a trailing
# "theo …" would make them conditional, which test_conditions covers).
EMBEDDABLE = [(w, k, e) for w, k, e, _s in WORDINGS if k not in (K.CONDITIONAL, K.CONTINUOUS)]


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


CASES = [
    str,
    str.upper,
    str.lower,
    str.title,
    lambda s: unicodedata.normalize("NFD", s),
    strip_marks,
    lambda s: strip_marks(s).upper(),
]


@given(
    st.sampled_from(EMBEDDABLE),
    st.sampled_from(LEADING),
    st.sampled_from(TRAILING),
    st.sampled_from(CASES),
)
def test_a_wording_inside_a_sentence_means_what_it_means_alone(
    form: tuple[str, DeadlineKind, list[tuple[str, date]]],
    leading: str,
    trailing: str,
    case: object,
) -> None:
    text, kind, expected = form
    sentence = " ".join(part for part in (leading, text, trailing) if part)
    written = case(sentence)  # type: ignore[operator]
    found = parse_deadline(written)
    assert found.kind is kind, written
    assert found.wording == written.strip()
    assert occurrences(written) == expected


@given(
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(2022, 2025),
    st.sampled_from(TIMES),
    st.sampled_from(LEADING),
    st.sampled_from(TRAILING),
    st.sampled_from(CASES),
    st.booleans(),
)
def test_times_of_day_change_nothing(
    day: int,
    month: int,
    year: int,
    time: str,
    leading: str,
    trailing: str,
    case: object,
    before: bool,
) -> None:
    core = f"{'trước ' if before else ''}{time} ngày {day}/{month}/{year}"
    written = case(" ".join(p for p in (leading, core, trailing) if p))  # type: ignore[operator]
    found = parse_deadline(written)
    assert found.kind is K.DATE, written
    assert occurrences(written) == ends(date(year, month, day))


@given(st.sampled_from(EMBEDDABLE), st.sampled_from(EMBEDDABLE), st.sampled_from(LEADING))
def test_two_different_deadlines_in_one_sentence_are_an_error(
    first: tuple[str, DeadlineKind, list[tuple[str, date]]],
    second: tuple[str, DeadlineKind, list[tuple[str, date]]],
    leading: str,
) -> None:
    a, b = parse_deadline(first[0]), parse_deadline(second[0])
    same = (a.kind, a.points, a.start, a.month_of_year, a.day_of_month) == (
        b.kind,
        b.points,
        b.start,
        b.month_of_year,
        b.day_of_month,
    )
    sentence = f"{leading} {first[0]}; sau đó báo cáo {second[0]}".strip()
    if same:
        return
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(sentence)
    assert caught.value.reason == "ambiguous"
