"""Period on period: the report at the reference against the report at an earlier quarter
(`cchc report --compare-to Q`, by default the quarter before).

Pure: two `Report`s in; out, the change in every count and in the completion rate, worded as
Vietnamese reports word it ("tăng 03 kỳ hạn so với Quý III/2023", "giảm …", "không đổi"), added
to the memo built by report.document and to the JSON record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .document import Block, Document, Paragraph, Table
from .memo import TALLY_COLUMNS, summary_text
from .report import Report, Tally, as_record, official_count, percent, word

# the columns of the section and agency tables, in their order, as Tally attributes
COLUMNS = ("total", "done", "in_progress", "overdue", "not_due", "no_fixed")
# JSON keys of Tally.as_dict whose change is reported
COUNT_KEYS = (
    "tasks",
    "items",
    "done",
    "done_on_time",
    "done_late",
    "in_progress",
    "overdue",
    "overdue_in_progress",
    "overdue_not_started",
    "not_yet_due",
    "no_fixed_deadline",
)

_WORDS = {
    "up": ("tăng {n} {unit}", "up {n} {unit}"),
    "down": ("giảm {n} {unit}", "down {n} {unit}"),
    "same": ("không đổi", "unchanged"),
    "unit.occ": ("kỳ hạn", "occurrences"),
    "unit.task": ("nhiệm vụ", "tasks"),
    "unit.point": ("điểm phần trăm", "percentage points"),
    "sentence": (
        "Hoàn thành {done} so với {quarter} (số liệu đến ngày {date}); đang thực hiện trong hạn "
        "{in_progress}; quá hạn chưa hoàn thành {overdue}; chưa đến hạn {not_due}; nhiệm vụ "
        "thường xuyên hoặc theo lộ trình đang theo dõi {no_fixed}; tỷ lệ hoàn thành {rate}.",
        "Compared with {quarter} (data as of {date}): done {done}; in progress within their "
        "deadline {in_progress}; overdue and not done {overdue}; not yet due {not_due}; "
        "continuous or conditional tasks being followed {no_fixed}; completion rate {rate}.",
    ),
    "rate.up": ("(từ {old} lên {new})", "(from {old} to {new})"),
    "rate.down": ("(từ {old} xuống {new})", "(from {old} to {new})"),
    "rate.same": ("(giữ ở {new})", "(at {new})"),
    "h.table": ("So sánh với {quarter}", "Compared with {quarter}"),
    "col.measure": ("Chỉ tiêu", "Measure"),
    "col.change": ("Tăng (+), giảm (-)", "Change"),
    "row.rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "legend": (
        "Số trong ngoặc: tăng (+), giảm (-) so với {quarter}.",
        "In brackets: the change since {quarter}.",
    ),
}


def _w(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**args)


@dataclass(frozen=True)
class Comparison:
    now: Report
    before: Report

    def quarter(self, lang: str) -> str:
        return label(self.before, lang)


def label(report: Report, lang: str) -> str:
    """'Quý III/2023'; 'quarter III/2023' in English."""
    quarter = report.schedule.reference.quarter
    return f"quarter {quarter.label()}" if lang == "en" else quarter.long_label()


def rate(report: Report) -> float | None:
    return report.done_come_due / report.come_due if report.come_due else None


def change_words(delta: int, lang: str, unit: str = "occ") -> str:
    """'tăng 03 kỳ hạn', 'giảm 01 kỳ hạn', 'không đổi'."""
    if delta == 0:
        return _w("same", lang)
    unit_word = _w(f"unit.{unit}", lang)
    return _w(
        "up" if delta > 0 else "down", lang, n=official_count(abs(delta), lang), unit=unit_word
    )


def rate_points(report: Report) -> float:
    value = rate(report)
    return 0.0 if value is None else 100 * value


def rate_words(comparison: Comparison, lang: str) -> str:
    """'tăng 16,7 điểm phần trăm (từ 50% lên 66,7%)', 'không đổi (giữ ở 50%)'."""
    points = round(rate_points(comparison.now) - rate_points(comparison.before), 1)
    rates = {"old": _rate_text(comparison.before, lang), "new": _rate_text(comparison.now, lang)}
    if points == 0:
        return f"{_w('same', lang)} {_w('rate.same', lang, **rates)}"
    text = f"{abs(points):.1f}".removesuffix(".0")
    text = text if lang == "en" else text.replace(".", ",")
    unit = _w("unit.point", lang)
    moved = _w("up" if points > 0 else "down", lang, n=text, unit=unit)
    return f"{moved} {_w('rate.up' if points > 0 else 'rate.down', lang, **rates)}"


def _rate_text(report: Report, lang: str) -> str:
    return percent(report.done_come_due, report.come_due, lang)


def sentence(comparison: Comparison, lang: str) -> str:
    now, before = comparison.now.summary, comparison.before.summary

    def moved(attr: str, unit: str = "occ") -> str:
        return change_words(getattr(now, attr) - getattr(before, attr), lang, unit)

    return _w(
        "sentence",
        lang,
        quarter=comparison.quarter(lang),
        date=comparison.before.schedule.reference.as_of.strftime("%d/%m/%Y"),
        done=moved("done"),
        in_progress=moved("in_progress"),
        overdue=moved("overdue"),
        not_due=moved("not_due"),
        no_fixed=moved("no_fixed", "task"),
        rate=rate_words(comparison, lang),
    )


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _with_changes(row: tuple[str, ...], now: Tally, before: Tally, first: int) -> tuple[str, ...]:
    """Count cells from `first` on get their change in brackets: '4 (+3)'; unchanged stay."""
    cells = list(row)
    for offset, attr in enumerate(COLUMNS):
        delta = getattr(now, attr) - getattr(before, attr)
        if delta:
            cells[first + offset] = f"{cells[first + offset]} ({_signed(delta)})"
    return tuple(cells)


def _heading(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measure_table(comparison: Comparison, lang: str) -> Table:
    now, before = comparison.now.summary, comparison.before.summary
    rows = [
        (
            word(label, lang),
            str(getattr(before, attr)),
            str(getattr(now, attr)),
            _signed(getattr(now, attr) - getattr(before, attr)),
        )
        for label, attr in zip(TALLY_COLUMNS, COLUMNS, strict=True)
    ]
    points = round(rate_points(comparison.now) - rate_points(comparison.before), 1)
    shown = f"{points:+.1f}".removesuffix(".0") if points else "0"
    rows.append(
        (
            _w("row.rate", lang),
            _rate_text(comparison.before, lang),
            _rate_text(comparison.now, lang),
            shown if lang == "en" else shown.replace(".", ","),
        )
    )
    header = (
        _w("col.measure", lang),
        _heading(label(comparison.before, lang)),
        _heading(label(comparison.now, lang)),
        _w("col.change", lang),
    )
    return Table(header, tuple(rows), (10, 5, 5, 5), (1, 2, 3), row_header=0)


def with_changes(doc: Document, comparison: Comparison, lang: str) -> Document:
    """The memo of the reference report (`memo.document` of `comparison.now`), with the
    comparison sentence after the summary, a table of the changes, and the changes in brackets
    in the section and agency tables."""
    report, before = comparison.now, comparison.before
    summary = summary_text(report, lang)
    sections_before = {sid: t for sid, _title, t in before.by_section}
    agencies_before = dict(before.by_agency)
    tables_seen = 0
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.text == summary:
            blocks.append(replace(block, text=f"{summary} {sentence(comparison, lang)}"))
            blocks.append(_measure_table(comparison, lang))
            continue
        if isinstance(block, Table) and tables_seen < 2:
            tables_seen += 1
            if tables_seen == 1:  # by section, then its total row
                olds = [sections_before.get(sid, Tally()) for sid, _t, _s in report.by_section]
                nows = [t for _sid, _title, t in report.by_section]
                olds.append(before.summary)
                nows.append(report.summary)
                first = 1
            else:  # by lead agency
                olds = [agencies_before.get(name, Tally()) for name, _t in report.by_agency]
                nows = [t for _name, t in report.by_agency]
                first = 2
            rows = tuple(
                _with_changes(row, now, old, first)
                for row, now, old in zip(block.rows, nows, olds, strict=True)
            )
            blocks.append(replace(block, rows=rows))
            if tables_seen == 2:
                blocks.append(
                    Paragraph(_w("legend", lang, quarter=comparison.quarter(lang)), italic=True)
                )
            continue
        blocks.append(block)
    doc.blocks = blocks
    return doc


def _delta(now: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {key: now[key] - before[key] for key in COUNT_KEYS}


def record(comparison: Comparison) -> dict[str, object]:
    """The JSON record of the report, with `compared_to` (the earlier numbers and the changes)
    and a `change` in each section and agency row; the existing keys keep their values."""
    report, before = comparison.now, comparison.before
    value = as_record(report)
    reference = before.schedule.reference
    now_rate, old_rate = rate(report), rate(before)
    zero = Tally().as_dict()
    old_sections = {sid: t.as_dict() for sid, _title, t in before.by_section}
    old_agencies = {name: t.as_dict() for name, t in before.by_agency}
    for row in value["by_section"]:  # type: ignore[attr-defined]
        row["change"] = _delta(row, old_sections.get(row["section"], zero))
    for row in value["by_agency"]:  # type: ignore[attr-defined]
        row["change"] = _delta(row, old_agencies.get(row["agency"], zero))
    value["compared_to"] = {
        "quarter": reference.quarter.label(),
        "as_of": reference.as_of.isoformat(),
        "summary": {
            **before.summary.as_dict(),
            "come_due": before.come_due,
            "completion_rate": None if old_rate is None else round(old_rate, 4),
        },
        "change": {
            **_delta(report.summary.as_dict(), before.summary.as_dict()),
            "come_due": report.come_due - before.come_due,
            "completion_rate": round((now_rate or 0.0) - (old_rate or 0.0), 4),
        },
    }
    return value
