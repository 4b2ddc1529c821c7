"""`cchc agencies`: every registry entry with its names, groups and task counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Plan
from ..schedule import Bucket, Reference, Schedule
from ..text import sort_key
from .common import md_table, to_csv, to_json, vn_date

_WORDS = {
    "title": ("Danh mục cơ quan", "Agencies"),
    "as_of": ("Số liệu tính đến ngày {date}", "Data as of {date}"),
    "name": ("Cơ quan", "Agency"),
    "aliases": ("Tên gọi khác", "Other names"),
    "groups": ("Thuộc nhóm", "Groups"),
    "kind": ("Loại", "Kind"),
    "group": ("nhóm", "group"),
    "agency": ("cơ quan", "agency"),
    "lead": ("Chủ trì", "Leads"),
    "partner": ("Phối hợp", "Partners"),
    "lead_overdue": ("Chủ trì quá hạn", "Leads overdue"),
    "partner_overdue": ("Phối hợp quá hạn", "Partners overdue"),
    "via_groups": ("Chủ trì qua nhóm", "Leads via groups"),
    "successor": ("Cơ quan kế thừa", "Successor"),
    "count": ("{count} cơ quan và nhóm", "{count} agencies and groups"),
}


def word(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (en if lang == "en" else vi).format(**args)


@dataclass(frozen=True, slots=True)
class AgencyRow:
    name: str
    aliases: tuple[str, ...]
    is_group: bool
    groups: tuple[str, ...]
    successor: str | None
    lead: int  # tasks naming it as lead
    partner: int  # tasks naming it as partner
    lead_overdue: int  # of those, tasks with an overdue occurrence at the reference
    partner_overdue: int
    lead_via_groups: int  # tasks led by a group it belongs to

    def record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "group": self.is_group,
            "groups": list(self.groups),
            "successor": self.successor,
            "lead": self.lead,
            "partner": self.partner,
            "lead_overdue": self.lead_overdue,
            "partner_overdue": self.partner_overdue,
            "lead_via_groups": self.lead_via_groups,
        }


def agency_rows(plan: Plan, schedule: Schedule) -> list[AgencyRow]:
    """Counts of tasks that name each agency themselves; groups count for their own rows."""
    overdue = {i.task.id for i in schedule.items if i.bucket is Bucket.OVERDUE}
    lead: dict[str, set[str]] = {}
    partner: dict[str, set[str]] = {}
    for task in plan.tasks:
        for ref in task.lead:
            lead.setdefault(ref.agency, set()).add(task.id)
        for ref in task.partners:
            partner.setdefault(ref.agency, set()).add(task.id)
    rows = []
    for agency in sorted(plan.registry, key=lambda a: (a.is_group, sort_key(a.name))):
        groups = plan.registry.groups_of(agency.name)
        via = set().union(*(lead.get(g, set()) for g in groups)) if groups else set()
        led, partnered = lead.get(agency.name, set()), partner.get(agency.name, set())
        rows.append(
            AgencyRow(
                agency.name,
                agency.aliases,
                agency.is_group,
                groups,
                agency.successor,
                len(led),
                len(partnered),
                len(led & overdue),
                len(partnered & overdue),
                len(via - led),
            )
        )
    return rows


COLUMNS = (
    "name",
    "aliases",
    "group",
    "groups",
    "successor",
    "lead",
    "partner",
    "lead_overdue",
    "partner_overdue",
    "lead_via_groups",
)


def as_json(plan: Plan, reference: Reference, rows: list[AgencyRow], lang: str) -> str:
    return to_json(
        {
            "quarter": reference.quarter.label(),
            "as_of": reference.as_of.isoformat(),
            "agencies": [r.record() for r in rows],
        }
    )


def as_csv(plan: Plan, reference: Reference, rows: list[AgencyRow], lang: str) -> str:
    return to_csv((r.record() for r in rows), COLUMNS)


def _cells(row: AgencyRow, lang: str) -> list[str]:
    name = row.name + (f" → {row.successor}" if row.successor else "")
    return [
        name,
        "; ".join(row.aliases),
        "; ".join(row.groups),
        word("group" if row.is_group else "agency", lang),
        str(row.lead),
        str(row.partner),
        str(row.lead_overdue),
        str(row.partner_overdue),
        str(row.lead_via_groups),
    ]


def _header(lang: str) -> list[str]:
    keys = (
        "name",
        "aliases",
        "groups",
        "kind",
        "lead",
        "partner",
        "lead_overdue",
        "partner_overdue",
        "via_groups",
    )
    return [word(k, lang) for k in keys]


def as_markdown(plan: Plan, reference: Reference, rows: list[AgencyRow], lang: str) -> str:
    head = f"# {word('title', lang)}\n\n{word('as_of', lang, date=vn_date(reference.as_of))}.\n\n"
    return head + md_table(_header(lang), (_cells(r, lang) for r in rows))


def table(plan: Plan, reference: Reference, rows: list[AgencyRow], lang: str, color: bool) -> str:
    from rich.table import Table
    from rich.text import Text

    from .table import console, render

    grid = Table(title=word("title", lang), header_style="bold", show_lines=False)
    for i, header in enumerate(_header(lang)):
        grid.add_column(header, justify="right" if i >= 4 else "left", overflow="fold")
    for row in rows:
        cells = [Text(c) for c in _cells(row, lang)]
        if row.lead_overdue:
            cells[6].stylize("red")
        grid.add_row(*cells)
    as_of = word("as_of", lang, date=vn_date(reference.as_of))
    caption = Text(f"{as_of}. {word('count', lang, count=len(rows))}")
    return render(console(None, color), grid, caption)
