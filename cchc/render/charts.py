"""The report's and the due list's charts as `Figure` blocks: SVG, caption, and the numbers as a
table (the text equivalent the HTML page shows under each chart). Pure: no I/O.

The counts come from `report.Tally` (the same one the memo's tables and `--format json` use), so
a chart cannot disagree with the numbers beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..document import Block, Figure, Table
from ..model import Plan
from ..quarter import Quarter
from ..report import Report, Tally, percent, tally
from ..schedule import Bucket, Item, Schedule, State
from . import svg

_WORDS = {
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "overdue": ("Quá hạn", "Overdue"),
    "not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "total": ("Tổng số", "Total"),
    "quarter": ("Quý", "Quarter"),
    "section": ("Lĩnh vực", "Section"),
    "agency": ("Cơ quan chủ trì", "Lead agency"),
    "what": ("Chỉ số", "Measure"),
    "value": ("Giá trị", "Value"),
    "reference": ("Quý tham chiếu {q}", "Reference quarter {q}"),
    "gauge.title": ("Tỷ lệ hoàn thành", "Completion rate"),
    "gauge.small": ("{done}/{come_due} kỳ hạn đã đến hạn", "{done} of {come_due} come due"),
    "gauge.desc": (
        "Đã hoàn thành {done} trên {come_due} kỳ hạn đã đến hạn (kể cả kỳ hạn trong quý): {rate}.",
        "{done} of the {come_due} occurrences that have come due (this quarter included) are "
        "done: {rate}.",
    ),
    "gauge.done": ("Kỳ hạn đã đến hạn đã hoàn thành", "Come due and done"),
    "gauge.come_due": ("Kỳ hạn đã đến hạn", "Come due"),
    "gauge.rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "bars.sections": ("Kỳ hạn theo lĩnh vực", "Occurrences by section"),
    "bars.agencies": ("Kỳ hạn theo cơ quan chủ trì", "Occurrences by lead agency"),
    "bars.desc": (
        "Mỗi thanh là một {what}, chia theo tình trạng: hoàn thành đúng hạn, hoàn thành quá "
        "hạn, đang thực hiện, quá hạn, chưa đến hạn; số ghi trên từng đoạn. Nhiệm vụ không có "
        "thời hạn cố định không được vẽ. Số liệu ở bảng kèm theo.",
        "One bar per {what}, split by state: done on time, done late, in progress, overdue, not "
        "yet due; each segment carries its count. Tasks without a fixed deadline are not drawn. "
        "The numbers are in the table that follows.",
    ),
    "what.section": ("lĩnh vực", "section"),
    "what.agency": ("cơ quan chủ trì", "lead agency"),
    "timeline.title": ("Các kỳ hạn theo quý của kế hoạch", "Occurrences by quarter of the plan"),
    "timeline.desc": (
        "Mỗi ô vuông là một kỳ hạn, đặt ở quý đến hạn và tô theo tình trạng; quý tham chiếu "
        "{q} được đóng khung. Số liệu theo từng quý ở bảng kèm theo.",
        "Each square is one occurrence, on the quarter it is due, coloured by state; the "
        "reference quarter {q} is framed. The counts per quarter are in the table that follows.",
    ),
    "data": ("Số liệu của biểu đồ", "The chart's numbers"),
}


def word(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**args)


def series_of(item: Item) -> str | None:
    """The chart series of an item, as `Tally.add` counts it; None for no fixed deadline."""
    if item.state is State.DONE:
        return "done_on_time"
    if item.state is State.DONE_LATE:
        return "done_late"
    if item.bucket is Bucket.NO_FIXED_DEADLINE:
        return None
    if item.bucket is Bucket.OVERDUE:
        return "overdue"
    if item.state is State.IN_PROGRESS:
        return "in_progress"
    return "not_yet_due"


def _counts(t: Tally) -> tuple[int, ...]:
    return (t.done_on_time, t.done_late, t.in_progress, t.overdue, t.not_due)


def _legend(lang: str) -> list[tuple[str, str]]:
    return [(s, word(s, lang)) for s in svg.SERIES]


def _header(first: str, lang: str) -> tuple[str, ...]:
    return (first, *(word(s, lang) for s in svg.SERIES), word("total", lang))


def bars_figure(name: str, what: str, rows: Sequence[tuple[str, Tally]], lang: str) -> Figure:
    title = word(f"bars.{name}", lang)
    desc = word("bars.desc", lang, what=word(f"what.{what}", lang))
    counted = [(label, _counts(t)) for label, t in rows]
    image = svg.stacked_bars(f"cchc-{name}", title, desc, _legend(lang), counted)
    data = Table(
        _header(word(what, lang), lang),
        tuple((label, *map(str, c), str(sum(c))) for label, c in counted),
        numeric=(1, 2, 3, 4, 5, 6),
        row_header=0,
    )
    return Figure(name, image, f"{title}. {desc}", data)


def gauge_figure(report: Report, lang: str) -> Figure:
    done, come_due = report.done_come_due, report.come_due
    rate = percent(done, come_due, lang)
    title = word("gauge.title", lang)
    desc = word("gauge.desc", lang, done=done, come_due=come_due, rate=rate)
    image = svg.gauge(
        "cchc-gauge",
        title,
        desc,
        done / come_due if come_due else None,
        rate,
        word("gauge.small", lang, done=done, come_due=come_due),
    )
    data = Table(
        (word("what", lang), word("value", lang)),
        (
            (word("gauge.done", lang), str(done)),
            (word("gauge.come_due", lang), str(come_due)),
            (word("gauge.rate", lang), rate),
        ),
        numeric=(1,),
        row_header=0,
    )
    return Figure("gauge", image, desc, data)


def timeline_figure(plan: Plan, sched: Schedule, items: Iterable[Item], lang: str) -> Figure:
    first, last = plan.info.first, plan.info.last
    quarters = [first + n for n in range(last - first + 1)]
    marks: list[tuple[int, str, str]] = []
    per_quarter: dict[int, list[int]] = {}
    for item in items:
        series = series_of(item)
        quarter = item.quarter
        if series is None or quarter is None:
            continue
        position = quarter - first
        tip = f"{item.task.id} · {quarter.long_label()} · {word(series, lang)}"
        marks.append((position, series, tip))
        counts = per_quarter.setdefault(position, [0] * len(svg.SERIES))
        counts[svg.SERIES.index(series)] += 1
    reference = sched.reference.quarter
    q = reference.label()
    title = word("timeline.title", lang)
    desc = word("timeline.desc", lang, q=q)
    image = svg.timeline(
        "cchc-timeline",
        title,
        desc,
        _legend(lang),
        [(quarter.roman, quarter.year) for quarter in quarters],
        marks,
        reference - first,
        word("reference", lang, q=q),
    )
    rows = []
    for position, quarter in enumerate(quarters):
        counts = per_quarter.get(position, [0] * len(svg.SERIES))
        rows.append((_quarter_label(quarter, reference), *map(str, counts), str(sum(counts))))
    data = Table(
        _header(word("quarter", lang), lang), tuple(rows), numeric=(1, 2, 3, 4, 5, 6), row_header=0
    )
    return Figure("timeline", image, f"{title}. {desc}", data)


def _quarter_label(quarter: Quarter, reference: Quarter) -> str:
    return quarter.label() + (" ◀" if quarter == reference else "")


def report_figures(report: Report, lang: str) -> dict[str, list[Block]]:
    """Where `report.document` puts them: after the summary, the section and agency tables."""
    sections = [(f"{sid}. {title}", t) for sid, title, t in report.by_section]
    return {
        "summary": [
            gauge_figure(report, lang),
            timeline_figure(report.plan, report.schedule, report.schedule.items, lang),
        ],
        "sections": [bars_figure("sections", "section", sections, lang)],
        "agencies": [bars_figure("agencies", "agency", list(report.by_agency), lang)],
    }


def due_figures(plan: Plan, sched: Schedule, lang: str, shown: Sequence[Bucket]) -> list[Block]:
    """For `cchc due --format html`: the timeline and the bars by section of what the page
    lists (the `shown` buckets), so the charts count the rows below them."""
    items = [i for i in sched.items if i.bucket in shown]
    by_section: dict[str, list[Item]] = {}
    for item in items:
        by_section.setdefault(item.task.section, []).append(item)
    sections = [
        (f"{s.id}. {s.title}", tally(by_section[s.id])) for s in plan.sections if s.id in by_section
    ]
    return [
        timeline_figure(plan, sched, items, lang),
        bars_figure("sections", "section", sections, lang),
    ]
