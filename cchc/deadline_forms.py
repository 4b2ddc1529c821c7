"""Deadline wordings beyond the plain forms of deadline.py.

Half-years ("6 tháng đầu năm 2025"), lists of quarters ("Quý I, II/2025"), recurring by quarter
or month ("Hàng quý", "Định kỳ hằng tháng"), dates without their year ("Trước 30/6"), and any
understood form inside a sentence, as real documents write them: "Hoàn thành trước 17 giờ 00
ngày 15/12/2025 để tổng hợp báo cáo". Imported only when the plain forms do not match, so the
start-up of a plan written in plain forms does not pay for it.

A sentence is read by finding the understood forms inside it; when it names none, several, or
one it is not due on ("trước Quý IV/2025" is before the quarter, "từ năm 2026" is open-ended),
it is an error with the closest understood forms, never a guess.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .deadline import (
    _CONDITIONAL,
    _CONTINUOUS,
    Deadline,
    DeadlineError,
    DeadlineKind,
    Occurrence,
    _check_month,
    _check_quarter,
    _check_year,
    _plain,
    parse_deadline,
)
from .quarter import Quarter, fold, numeral_value

_HALF = re.compile(
    r"(?:trong\s+)?(?:(?:6|sau)\s+thang|nua)\s+(?P<which>dau|cuoi)\s+(?:nam\s*)?(?P<year>[0-9]{4})",
    re.ASCII,
)
_NUMERAL = r"(?:[ivx]{1,4}|[0-9])"
_LIST_SEPARATOR = r"\s*(?:,|\bva\b|-)\s*"
_QUARTER_LIST = re.compile(
    rf"(?:trong\s+)?(?:cac\s+)?qu[yi]\s+"
    rf"(?P<nums>{_NUMERAL}(?:{_LIST_SEPARATOR}(?:qu[yi]\s+)?{_NUMERAL})+)"
    r"\s*(?:[/-]\s*|\s+nam\s+)(?P<year>[0-9]{4})",
    re.ASCII,
)
_RECURRING = re.compile(
    r"(?:(?:dinh ky|thuong xuyen)\s*,?\s*)?(?:vao\s+)?(?:hang|moi)\s+(?P<unit>quy|thang)"
    r"(?:\s*,?\s*(?:dinh ky|thuong xuyen))?",
    re.ASCII,
)
# A date without its year: "Trước 30/6", "ngày 15 tháng 12", "Trước ngày 30/6 hằng năm". No
# dash: "3-6" is more often a count than a day.
_DAY_MONTH = re.compile(
    r"(?:truoc\s+)?(?:ngay\s+)?"
    r"(?:(?P<day>[0-9]{1,2})\s*[/.]\s*(?P<month>[0-9]{1,2})"
    r"|(?P<vday>[0-9]{1,2})\s+thang\s+(?P<vmonth>[0-9]{1,2}))"
    r"(?:\s*,?\s*hang nam)?",
    re.ASCII,
)
# Inside a sentence "1/2 số xã" is a half, not 1 February: a yearless date there needs a word
# that makes it a date ("ngày", "trước", "hằng năm").
_BARE_DAY_MONTH = re.compile(r"[0-9]{1,2}\s*[/.]\s*[0-9]{1,2}", re.ASCII)


def each_quarter(name: str, first: Quarter, last: Quarter) -> tuple[Occurrence, ...]:
    """Occurrences of "Hàng quý" and "Định kỳ hằng tháng": monthly work is followed per
    quarter too, as progress is recorded and reports count per quarter. Due at its end."""
    found: list[Occurrence] = []
    quarter = first
    while quarter <= last:
        found.append(
            Occurrence(quarter, quarter.last_day, None, f"{name} ({quarter.long_label()})")
        )
        quarter = quarter + 1
    return tuple(found)


def whole(key: str, wording: str) -> Deadline | None:
    """The deadline the whole folded `key` spells, or None; raises DeadlineError for a form
    that cannot exist ("31/02/2023")."""
    return _plain(key, wording) or other_forms(key, wording)


def _span(start: date, due: date, label: str, wording: str) -> Deadline:
    point = Occurrence(Quarter.of(due), due, None, label)
    return Deadline(DeadlineKind.RANGE, wording, (point,), start=start)


def _quarters(nums: str, year: int, wording: str) -> Deadline:
    """'Quý I, II/2025', 'Quý III-IV/2025', 'Quý I, II và III năm 2025': one span of
    consecutive quarters, due at the end of the last (the work is reported done once)."""
    parts = [re.sub(r"^qu[yi]\s+", "", n) for n in re.split(_LIST_SEPARATOR, nums)]
    numbers = [_check_quarter(numeral_value(n), wording) for n in parts]
    dashed = "-" in nums
    if dashed and len(numbers) != 2:
        raise DeadlineError("ambiguous", wording)
    if dashed and numbers[1] < numbers[0]:
        raise DeadlineError("range_order", wording)
    if not dashed and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        # "Quý I, III/2025" is two separate quarters, not a span: milestones say that.
        raise DeadlineError("ambiguous", wording)
    begin, end = Quarter(year, numbers[0]), Quarter(year, numbers[-1])
    return _span(
        begin.first_day, end.last_day, f"{begin.long_label()} - {end.long_label()}", wording
    )


def other_forms(key: str, wording: str) -> Deadline | None:
    """The deadline the whole folded `key` spells in one of the forms above, or None."""
    if match := _HALF.fullmatch(key):
        year = _check_year(int(match["year"]), wording)
        first = match["which"] == "dau"
        start = date(year, 1, 1) if first else date(year, 7, 1)
        due = date(year, 6, 30) if first else date(year, 12, 31)
        return _span(start, due, f"6 tháng {'đầu' if first else 'cuối'} năm {year}", wording)
    if match := _QUARTER_LIST.fullmatch(key):
        return _quarters(match["nums"], _check_year(int(match["year"]), wording), wording)
    if match := _RECURRING.fullmatch(key):
        if match["unit"] == "quy":
            return Deadline(DeadlineKind.QUARTERLY, wording, ())
        return Deadline(DeadlineKind.MONTHLY, wording, ())
    if match := _DAY_MONTH.fullmatch(key):
        day = int(match["day"] or match["vday"])
        month = _check_month(int(match["month"] or match["vmonth"]), wording)
        try:
            date(2024, month, day)  # a leap year: 29/2 exists in some years
        except ValueError:
            raise DeadlineError("bad_date", wording) from None
        # Without its year the date comes back every year of the plan (one year for the plan
        # of one year), as "Tháng 6 hằng năm" does.
        return Deadline(DeadlineKind.ANNUAL, wording, (), month_of_year=month, day_of_month=day)
    return None


# --- inside a sentence ---------------------------------------------------------------------------

# Times of day change nothing about the date: "17 giờ 00", "16h30", "8 giờ 30 phút sáng", "17:00".
_TIME = re.compile(
    r"\b[0-9]{1,2}\s*(?:h|gio)(?:\s*[0-9]{1,2}(?:\s*(?:phut|p)\b)?)?"
    r"(?:\s+(?:sang|chieu|toi|trua))?(?![0-9a-z])|\b[0-9]{1,2}:[0-9]{2}\b",
    re.ASCII,
)
# Dates of documents are not deadlines: "Kế hoạch số 12/KH-UBND ngày 15/3/2024".
_DOCUMENT = re.compile(
    r"\b(?:so\s+)?[0-9]+(?:/[0-9]{4})?/[a-z][^\s,;]*"
    r"(?:\s+ngay\s+[0-9]{1,2}(?:\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4}"
    r"|\s+thang\s+[0-9]{1,2}\s+nam\s+[0-9]{4}))?",
    re.ASCII,
)
_WORD = re.compile(r"\S+")
_EDGES = " ,;:()[]\"'.!?"
_LONGEST = 12  # words in one form ("Quý IV năm 2025 - Quý II năm 2026" is 9)
_MAX_WORDS = 80  # real deadline cells are a sentence or two
# Conditions on an event ("after", "when", "if"), unlike references to a plan or an instruction
# ("theo kế hoạch", "theo chỉ đạo"), which a date beside them makes precise.
_WHEN = re.compile(r"\b(?:sau khi|khi co|neu)\b", re.ASCII)
# A form right after these words is not the date the task is due on: "từ năm 2026" (from),
# "sau Quý II" (after), "đầu năm 2026", "giữa năm 2025" (early, mid: which day?).
_NOT_DUE_AFTER = {"tu", "sau", "ke", "dau", "giua"}
_PARTIAL = re.compile(r"\bqu[yi]\s*(?:[ivx]{1,4}|[0-9]{1,2})\b|\bthang\s*[0-9]{1,2}\b", re.ASCII)


def _sentence_hits(cleaned: str, wording: str) -> tuple[list[Deadline], DeadlineError | None]:
    """Every understood form in the sentence, longest first from each word, left to right."""
    words = list(_WORD.finditer(cleaned))
    if len(words) > _MAX_WORDS:
        # Prose, not a deadline cell: reading it would cost words x _LONGEST parses.
        return [], None
    found: list[Deadline] = []
    error: DeadlineError | None = None
    bare = False  # a "15/12" seen: not a date alone, but one more in "trước 30/6 và 15/12"
    rest: list[str] = []  # the words outside every form found
    i = 0
    while i < len(words):
        hit: Deadline | None = None
        j = i
        for j in range(min(len(words), i + _LONGEST) - 1, i - 1, -1):
            piece = cleaned[words[i].start() : words[j].end()].strip(_EDGES)
            if not piece:
                continue
            if _BARE_DAY_MONTH.fullmatch(piece):
                bare = True
                continue
            try:
                hit = whole(piece, wording)
            except DeadlineError as exc:
                # Without its traceback the kept error makes no frame cycle (see deadline._range).
                error = error or exc.with_traceback(None)
                continue
            if hit is not None and hit.kind is not DeadlineKind.CONTINUOUS:
                break
            hit = None
        if hit is None:
            rest.append(words[i].group())
            i += 1
            continue
        before = words[i - 1].group().strip(_EDGES) if i else ""
        dated = hit.kind is DeadlineKind.DATE or hit.day_of_month is not None
        # "trước Quý IV/2025", "trước tháng 6/2025": before the period, so some day in the one
        # before it. Which day is the writer's to say.
        if before in _NOT_DUE_AFTER or (before == "truoc" and not dated):
            raise DeadlineError("ambiguous", wording)
        found.append(hit)
        i = j + 1
    if bare and any(d.day_of_month is not None for d in found):
        raise DeadlineError("ambiguous", wording)
    if found and _PARTIAL.search(" ".join(rest)):
        # "Quý II năm nay 2025": a quarter or month left over would change the date found.
        raise DeadlineError("ambiguous", wording)
    return found, error


def _recurring_name(found: Deadline) -> str:
    if found.kind is DeadlineKind.QUARTERLY:
        return "Hằng quý"
    if found.kind is DeadlineKind.MONTHLY:
        return "Hằng tháng"
    if found.day_of_month is not None:
        return f"Ngày {found.day_of_month:02d}/{found.month_of_year or 12:02d} hằng năm"
    if found.first_year is not None:
        return f"Hằng năm từ năm {found.first_year}"
    if found.month_of_year not in (None, 12):
        return f"Tháng {found.month_of_year} hằng năm"
    return "Hằng năm"


def in_sentence(key: str, wording: str) -> Deadline:
    """The one understood form inside a sentence; raises DeadlineError otherwise."""
    if _WHEN.search(key):
        # "Sau khi Đề án được phê duyệt (dự kiến năm 2024)": the event decides; a date beside
        # it is an expectation, and a conditional task is never overdue.
        return Deadline(DeadlineKind.CONDITIONAL, wording, ())
    cleaned = _DOCUMENT.sub(" ", _TIME.sub(" ", key))
    found, error = _sentence_hits(cleaned, wording)
    distinct = {(d.kind, d.points, d.start, d.month_of_year, d.day_of_month) for d in found}
    conditional = _CONDITIONAL.search(key) is not None
    if len(distinct) > 1:
        raise DeadlineError("ambiguous", wording)
    if found and error is not None:
        # "Quý V/2023 hoặc Quý IV/2025", "Quý IV/2025 - Quý II/2024": a form that cannot be
        # beside one that can; taking the one that can would be a guess.
        raise error
    # "Hằng năm, theo kế hoạch của tỉnh": the condition decides when, not the year.
    if found and not (conditional and found[0].is_recurring):
        hit = found[0]
        # Occurrences of a recurring form are labelled by the form, not by the whole sentence.
        name = _recurring_name(hit) if hit.is_recurring else None
        return hit._replace(wording=wording, name=name)
    if conditional:
        return Deadline(DeadlineKind.CONDITIONAL, wording, ())
    if _CONTINUOUS.search(key):
        return Deadline(DeadlineKind.CONTINUOUS, wording, ())
    raise error or DeadlineError("unrecognised", wording)


# --- the closest understood forms ----------------------------------------------------------------

_GENERAL = (
    "Hằng năm",
    "Hàng quý",
    "Định kỳ hằng tháng",
    "Thường xuyên",
    "Thực hiện theo lộ trình của Trung ương",
    "Khi có văn bản của Trung ương",
)
_ROMANS = ("I", "II", "III", "IV")
_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,4}(?![0-9])", re.ASCII)


def _candidates(key: str) -> list[str]:
    """Understood wordings built from the numbers the text holds."""
    # A few of each: a cell full of numbers must not make thousands of candidates.
    numbers = list(dict.fromkeys(int(n) for n in _NUMBER.findall(key)))[:8]
    years = sorted({n for n in numbers if 1900 <= n <= 2999})[:3]
    small = [n for n in numbers if n < 100]
    romans = [numeral_value(r) for r in re.findall(r"\b[ivx]{1,4}\b", key, re.ASCII)][:4]
    months = [n for n in small if 1 <= n <= 12][:4] or [6, 12]
    quarters = sorted({n for n in small + romans if 1 <= n <= 4}) or [4]
    # "trước Quý IV": by the end of the quarter before, if that is what was meant.
    quarters += [n - 1 for n in quarters if n > 1 and "truoc" in key]
    pairs = re.findall(r"([0-9]{1,2})\s*[/.]\s*([0-9]{1,2})", key)[:4]
    out: list[str] = []
    for year in years or [0]:  # 0: no year written
        suffix = f"/{year}" if year else " hằng năm"
        out += [f"Quý {_ROMANS[q - 1]}{suffix}" for q in quarters]
        out += [f"Tháng {m}{suffix}" for m in months]
        tail = f"/{year}" if year else ""
        out += [f"Trước ngày {int(d):02d}/{int(m):02d}{tail}" for d, m in pairs]
        if year:
            out += [f"Năm {year}", f"6 tháng đầu năm {year}", f"6 tháng cuối năm {year}"]
        if year and len(quarters) >= 2:  # "Quý I/2025, Quý II/2025": one span?
            out.append(f"Quý {_ROMANS[quarters[0] - 1]} - Quý {_ROMANS[quarters[-1] - 1]}/{year}")
    if len(years) >= 2:
        out.append(f"{years[0]}-{years[-1]}")
    return out + list(_GENERAL)


@lru_cache(maxsize=256)
def closest_forms(text: str, limit: int = 3) -> tuple[str, ...]:
    """Understood wordings nearest to `text`, best first: those keeping more of its numbers,
    then by likeness of the folded letters."""
    import difflib  # only when a wording is wrong

    key = fold(text)[:200]  # likeness of a long text is slow to measure and says little
    own = set(_NUMBER.findall(key))
    scored: list[tuple[int, float, str]] = []
    for candidate in dict.fromkeys(_candidates(key)):
        try:
            parse_deadline(candidate)
        except DeadlineError:  # e.g. "Trước ngày 31/02": never offer what cannot be read
            continue
        folded = fold(candidate)
        kept = len(own & set(_NUMBER.findall(folded)))
        ratio = difflib.SequenceMatcher(None, key, folded).ratio()
        scored.append((-kept, -ratio, candidate))
    scored.sort()
    return tuple(c for _k, _r, c in scored[:limit])
