"""An imported plan → the text of a plan file, in the layout of data/tasks.yaml.

Stable (the same table gives the same bytes), Vietnamese kept as is, every value quoted only
when YAML would read it otherwise (textedit.yaml_quote). A cell whose text was split, joined or
re-cased is kept, as written, in a `# source:` comment on the line it became.
"""

from __future__ import annotations

import re

from ..textedit import yaml_quote
from .model import ImportedPlan, ImportedTask, Party

# First characters a plain scalar may start with: not YAML syntax, nor "=" (PyYAML reads a
# lone "=" as the value tag) or "<" ("<<" is the merge key).
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`=<]")
_RESERVED = re.compile(
    r"(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?[0-9][0-9_.:eE+-]*|\.inf|\.nan))",
    re.IGNORECASE,
)


def scalar(value: str) -> str:
    """value as a plain YAML scalar when both parsers read it back unchanged, else quoted."""
    plain = (
        value
        and value == value.strip()
        and value.isprintable()
        and _PLAIN.match(value)
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and "," not in value  # the plan file quotes "Sở, ban, ngành": one style for lists
        and not _RESERVED.fullmatch(value)
        and "\ufeff" not in value
    )
    return value if plain else yaml_quote(value)


# The file's comments follow --lang like every other text cchc writes for people.
_WORDS = {
    "vi": {
        "source": "văn bản gốc",
        "prints": "văn bản ghi số",
        "empty": "ô trống: hãy điền",
        "head": (
            "# Tạo bằng `cchc import` từ {shown}.",
            "# Mọi ô giữ nguyên như văn bản ghi; chú thích `# văn bản gốc:` cho nội dung ô khi ô",
            "# được tách thành nhiều cơ quan hoặc nhiều mốc. Hãy xem các cảnh báo lệnh đã in,",
            "# rồi chạy `cchc validate` với tệp này.",
        ),
    },
    "en": {
        "source": "source",
        "prints": "source prints",
        "empty": "the cell is empty: fill it in",
        "head": (
            "# Imported by `cchc import` from {shown}.",
            "# Every cell is kept as written; a `# source:` comment gives the cell's text where",
            "# it was split into several agencies or milestones. Check the warnings the import",
            "# printed, then run `cchc validate` on this file.",
        ),
    },
}


class _Writer:
    def __init__(self, lang: str) -> None:
        self.words = _WORDS["en" if lang == "en" else "vi"]

    def comment(self, text: str) -> str:
        return f"  # {self.words['source']}: " + yaml_quote(text)

    def parties(self, key: str, parties: list[Party], cell: str, pad: str) -> list[str]:
        if not parties:
            return [f"{pad}{key}: []" + ("" if cell else f"  # {self.words['empty']}")]
        rewritten = "; ".join(p.name for p in parties) != cell or any(p.scope for p in parties)
        lines = [f"{pad}{key}:" + (self.comment(cell) if rewritten and cell else "")]
        for party in parties:
            if party.scope:
                lines.append(f"{pad}  - agency: {scalar(party.name)}")
                lines.append(f"{pad}    scope: {scalar(party.scope)}")
            else:
                lines.append(f"{pad}  - {scalar(party.name)}")
        return lines

    def deadline(self, task: ImportedTask, pad: str) -> list[str]:
        value = task.deadline
        if value is None:
            return [f'{pad}deadline: ""  # {self.words["empty"]}']
        if isinstance(value, str):
            changed = value != task.deadline_cell
            source = self.comment(task.deadline_cell) if changed else ""
            return [f"{pad}deadline: {scalar(value)}{source}"]
        joined = "\n".join(f"{m.due}: {m.target}" if m.target else m.due for m in value)
        lines = [
            f"{pad}deadline:"
            + (self.comment(task.deadline_cell) if joined != task.deadline_cell else "")
        ]
        for milestone in value:
            lines.append(f"{pad}  - due: {scalar(milestone.due)}")
            if milestone.target:
                lines.append(f"{pad}    target: {scalar(milestone.target)}")
        return lines

    def printed(self, printed: str, place: str) -> str:
        if not printed or printed.rstrip(".) ") == place:
            return ""
        return f"  # {self.words['prints']} {yaml_quote(printed)}"

    def task(self, task: ImportedTask) -> list[str]:
        pad = "        "
        number = self.printed(task.printed, task.id.split(".")[1])
        lines = [f"      - id: {task.id}{number}", f"{pad}title: {scalar(task.title)}"]
        lines += self.parties("lead", task.lead, task.lead_cell, pad)
        if task.partners or task.partners_cell:
            lines += self.parties("partners", task.partners, task.partners_cell, pad)
        lines += self.deadline(task, pad)
        if task.note:
            lines.append(f"{pad}note: {scalar(task.note)}")
        return lines

    def plan(self, plan: ImportedPlan, shown: str) -> list[str]:
        out = [
            *(line.format(shown=shown) for line in self.words["head"]),
            "",
            "version: 1",
            "",
            "plan:",
            f"  title: {scalar(plan.title)}",
            f"  source: {scalar(plan.source)}",
        ]
        if plan.province:
            out.append(f"  province: {scalar(plan.province)}")
        out += [
            "  period:",
            f"    from: {scalar(plan.period[0])}",
            f"    to: {scalar(plan.period[1])}",
        ]
        return out


def _agencies(plan: ImportedPlan) -> list[str]:
    out = ["agencies:" if plan.agencies else "agencies: []"]
    for entry in plan.agencies:
        out.append(f"  - name: {scalar(entry.name)}")
        if entry.group:
            out.append("    group: true")
        if entry.aliases:
            out.append("    aliases:")
            out += [f"      - {scalar(alias)}" for alias in entry.aliases]
        if entry.member_of:
            out.append("    member_of:")
            out += [f"      - {scalar(group)}" for group in entry.member_of]
    return out


def render(plan: ImportedPlan, shown: str, lang: str = "vi") -> str:
    writer = _Writer(lang)
    out = [*writer.plan(plan, shown), "", *_agencies(plan), "", "sections:"]
    for section in plan.sections:
        out += [
            f"  - id: {section.id}{writer.printed(section.printed, section.id)}",
            f"    title: {scalar(section.title)}" if section.title else '    title: ""',
            "    tasks:" if section.tasks else "    tasks: []",
        ]
        for index, task in enumerate(section.tasks):
            if index:
                out.append("")
            out += writer.task(task)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
