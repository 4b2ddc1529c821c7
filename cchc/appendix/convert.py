"""Rows of an appendix table → sections and tasks, with a located note for every cell or row
whose meaning had to be guessed or could not be read. Nothing is corrected silently: a task
numbered 99 where 9 was meant becomes VII.9 (its place), and the note says the table prints 99.
"""

from __future__ import annotations

import re
from collections import Counter

from ..deadline import DeadlineError, parse_deadline, parse_due
from ..quarter import fold
from ..text import roman
from . import agencies, headers
from .model import (
    Cell,
    ImportedPlan,
    ImportedSection,
    ImportedTask,
    Milestone,
    Note,
    Party,
    Row,
    Source,
)

_ROMAN = re.compile(r"[IVXLC]+", re.ASCII)
_NUMBERED = re.compile(r"^\s*([IVXLC]+)\s*[.:)–-]\s*(.+)$", re.I)
_ARABIC = re.compile(r"[0-9]{1,4}", re.ASCII)
# Word-to-text artefacts: "[bookmark: _GoBack]" (the last-edit mark), "[footnoteRef:1]".
_ARTEFACT = re.compile(r"\[(?:bookmark|footnoteRef|endnoteRef|comment)[^\]]*\]\s*", re.I)
_BULLET = re.compile(r"^\s*[-–—+•*]\s*")
_MILESTONE = re.compile(r"^(?P<due>[^:]{3,60}?)\s*:\s*(?P<target>.+)$")
_YEAR = re.compile(r"\b(20[0-9]{2})\b")
_PROVINCE = re.compile(r"\btỉnh\s+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,2})")
# A heading in capitals: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "KẾ HOẠCH … CỦA TỈNH QUẢNG BÌNH".
_PROVINCE_CAPS = re.compile(r"(?<!CẤP )(?<!CẤP  )\bTỈNH ((?:\S+[ \t]?){1,5})")
# Words after "TỈNH" that are not a province's name: "TỈNH ỦY" (the party committee), "TỈNH
# ĐOÀN", "… TỈNH NĂM 2025".
_NOT_NAMES = frozenset(
    ["NĂM", "GIAI", "ĐẾN", "VỀ", "CỦA", "TRONG", "VÀ", "THEO", "ỦY", "UỶ", "ĐOÀN", "ĐỘI"]
)


def _clean(cell: Cell, where: str, notes: list[Note]) -> list[str]:
    lines = []
    for line in cell.lines:
        if not line.isprintable():  # the plan file refuses control characters
            notes.append(Note.of(where, "control", text=line.encode("unicode_escape").decode()))
            line = "".join(ch for ch in line if ch.isprintable()).strip()
        found = _ARTEFACT.search(line)
        if found:
            notes.append(Note.of(where, "artefact", text=found.group(0).strip()))
            line = _ARTEFACT.sub("", line).strip()
        if line:
            lines.append(line)
    return lines


def _number(text: str) -> tuple[str, int | None]:
    """("section"|"task"|"other"|"", value) for the STT cell."""
    value = text.strip().rstrip(".)").strip()
    if not value:
        return "", None
    if _ARABIC.fullmatch(value):
        return "task", int(value)
    if _ROMAN.fullmatch(value.upper()):
        return "section", roman_value(value.upper())
    return "other", None


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral as tables print them (I … XXX)."""
    digits = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for here, after in zip(numeral, [*numeral[1:], ""], strict=True):
        value = digits[here]
        total += -value if after and digits[after] > value else value
    return total


def deadline_of(lines: list[str]) -> tuple[str | list[Milestone] | None, bool]:
    """The deadline cell as a wording or milestones ("Quý IV/2022: Hoàn thành 100% …" per
    paragraph); the flag says the paragraphs were joined because they are not milestones."""
    items = [_BULLET.sub("", p).strip().rstrip(";").strip() for p in lines]
    items = [p for p in items if p]
    if len(items) == 1 and ";" in items[0]:
        parts = [p.strip() for p in items[0].split(";") if p.strip()]
        if len(parts) > 1 and all(_milestone(p) for p in parts):
            items = parts
    if not items:
        return None, False
    found = [_milestone(p) for p in items]
    if all(found) and (len(items) > 1 or (found[0] and found[0].target)):
        return [m for m in found if m], False
    if len(items) == 1:
        return items[0], False
    return " ".join(items), True


def _milestone(text: str) -> Milestone | None:
    m = _MILESTONE.match(text)
    if m:
        try:
            parse_due(m.group("due"))
            return Milestone(m.group("due").strip(), m.group("target").strip() or None)
        except DeadlineError:
            pass
    try:
        parse_due(text)
        return Milestone(text)
    except DeadlineError:
        return None


def _parties(lines: list[str], where: str, column: str, notes: list[Note]) -> list[Party]:
    split = agencies.split_agencies(lines)
    for name in split.unknown:
        notes.append(Note.of(where, "agency_unknown", column=column, name=name))
    for name in split.shared_scope:
        notes.append(Note.of(where, "scope_shared", column=column, name=name))
    return split.parties


class Converter:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.notes: list[Note] = list(source.notes)
        self.sections: list[ImportedSection] = []
        self.header: headers.Header | None = None
        self.heading: tuple[str, ...] = source.heading  # the lines above the header's table
        self.skipped: list[str] = []  # the text of tables without a header (a letterhead)

    def note(self, where: str, key: str, **args: object) -> None:
        self.notes.append(Note.of(where, key, **args))

    def run(self) -> bool:
        """False when no table has a header row: nothing to import."""
        width = 0
        for table in self.source.tables:
            found = headers.detect(table.rows)
            if found is None:
                if self.header is not None and len(table.rows[0].cells) == width:
                    # a table cut in two by a page break, without its header repeated
                    self.note(table.where, "table_continues")
                    self.rows(table.rows)
                else:
                    self.note(table.where, "table_skipped", headings=headers.USUAL)
                    self.skipped += [c.text for row in table.rows for c in row.cells]
                continue
            if self.header is None and table.before:
                self.heading = table.before  # after a letterhead table
            if self.header is not None:
                self.note(table.where, "table_more")
            self.header = found
            if found.column(headers.NUMBER) is None:
                self.note(table.where, "no_number_column")
            width = len(table.rows[found.row].cells)
            self.rows(table.rows[found.row + 1 :])
        return self.header is not None

    def rows(self, rows: tuple[Row, ...]) -> None:
        assert self.header is not None
        for row in rows:
            if headers.is_column_numbers(row):
                self.note(row.where, "column_numbers")
                continue
            if all(not c.text for c in row.cells):
                continue
            self.row(row)

    def row(self, row: Row) -> None:
        header = self.header
        assert header is not None
        number_cell = row.cell(header.column(headers.NUMBER))
        title_cell = row.cell(header.column(headers.TITLE))
        kind, value = _number(number_cell.text)
        title_lines = _clean(title_cell, row.where, self.notes)
        if number_cell is title_cell or header.column(headers.NUMBER) is None:
            # "I. CẢI CÁCH THỂ CHẾ" in one cell merged over the whole row
            found = _NUMBERED.match(title_cell.text)
            if found and _ROMAN.fullmatch(found.group(1).upper()):
                self.section(
                    row, found.group(1), roman_value(found.group(1).upper()), [found.group(2)]
                )
                return
        filled = {id(c) for c in row.cells if c.text and not c.carried} - {id(number_cell)}
        if kind == "section" or (kind == "" and len(filled) == 1 and not self._has_task_cells(row)):
            if kind == "":  # one text alone on its row: read as a section's title
                self.note(row.where, "section_guessed")
            self.section(row, number_cell.text, value, title_lines or self._only_text(row))
            return
        if kind == "other":
            self.note(row.where, "number_odd", number=number_cell.text)
        elif kind == "" and header.column(headers.NUMBER) is not None:
            self.note(row.where, "number_missing")
        self.task(row, number_cell.text.strip(), value, title_lines)

    def _has_task_cells(self, row: Row) -> bool:
        """Whether the row gives a lead or a deadline of its own: not the section's title merged
        over those columns, nor a cell merged down from the task above."""
        header = self.header
        assert header is not None
        title = row.cell(header.column(headers.TITLE))
        for role in (headers.LEAD, headers.DEADLINE):
            cell = row.cell(header.column(role))
            if cell.text and not cell.carried and cell is not title:
                return True
        return False

    @staticmethod
    def _only_text(row: Row) -> list[str]:
        return next((c.lines for c in row.cells if c.text), [])

    def section(self, row: Row, printed: str, value: int | None, lines: list[str]) -> None:
        ordinal = len(self.sections) + 1
        section_id = roman(ordinal)
        if value is not None and value != ordinal:
            self.note(row.where, "section_number", printed=printed.strip(), id=section_id)
        if self._has_task_cells(row):
            self.note(row.where, "section_cells")
        self.sections.append(
            ImportedSection(section_id, printed.strip(), row.where, " ".join(lines))
        )

    def task(self, row: Row, printed: str, value: int | None, title_lines: list[str]) -> None:
        header = self.header
        assert header is not None
        if not self.sections:
            self.note(row.where, "no_section")
            self.sections.append(ImportedSection("I", "", row.where, ""))
        section = self.sections[-1]
        ordinal = len(section.tasks) + 1
        task_id = f"{section.id}.{ordinal}"
        if value is not None and value != ordinal:
            self.note(row.where, "task_number", printed=printed, id=task_id)
        if not title_lines:
            self.note(row.where, "title_empty", id=task_id)
        lead_lines = _clean(row.cell(header.column(headers.LEAD)), row.where, self.notes)
        partner_lines = _clean(row.cell(header.column(headers.PARTNERS)), row.where, self.notes)
        deadline_lines = _clean(row.cell(header.column(headers.DEADLINE)), row.where, self.notes)
        lead = _parties(lead_lines, row.where, self._label(headers.LEAD), self.notes)
        partners = _parties(partner_lines, row.where, self._label(headers.PARTNERS), self.notes)
        if not lead:
            self.note(row.where, "lead_empty", id=task_id)
        deadline, joined = deadline_of(deadline_lines)
        if deadline is None:
            self.note(row.where, "deadline_empty", id=task_id)
        elif joined:
            self.note(row.where, "deadline_joined", id=task_id, example="Quý IV/2025: …")
        elif isinstance(deadline, str):
            try:
                parse_deadline(deadline)
            except DeadlineError:
                self.note(row.where, "deadline_unread", id=task_id, text=deadline)
        section.tasks.append(
            ImportedTask(
                task_id,
                printed,
                row.where,
                " ".join(title_lines),
                lead,
                "\n".join(lead_lines),
                partners,
                "\n".join(partner_lines),
                deadline,
                "\n".join(deadline_lines),
                self._note(row),
            )
        )

    def _label(self, role: str) -> str:
        assert self.header is not None
        return self.header.labels.get(self.header.roles.get(role, -1), role)

    def _note(self, row: Row) -> str | None:
        header = self.header
        assert header is not None
        parts = []
        seen: set[int] = set()
        for column in header.others:
            cell = row.cell(column)
            if cell.text and id(cell) not in seen:
                seen.add(id(cell))
                text = "\n".join(_clean(cell, row.where, self.notes))
                parts.append(f"{header.labels[column]}: {text}")
        note_cell = row.cell(header.column(headers.NOTE))
        if header.column(headers.NOTE) is not None and note_cell.text:
            parts.append("\n".join(_clean(note_cell, row.where, self.notes)))
        return "\n".join(parts) or None


def _sentence_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        lowered = text.lower()
        return lowered[:1].upper() + lowered[1:]
    return text


def _heading(source: Source, lines: tuple[str, ...], notes: list[Note]) -> tuple[str, str]:
    """(title, source) from the lines above the table. The title stays as written, capitals
    included: re-casing would lower proper names too ("TỈNH QUẢNG BÌNH"). Only the short
    "PHỤ LỤC 4" line is re-cased, for the source."""
    appendix, title, attached = None, None, None
    for line in (" ".join(p.split()) for p in lines):
        key = fold(line)
        if not line:
            continue
        if key.startswith(("phu luc", "bieu", "mau")) and appendix is None and len(line) < 40:
            appendix = _sentence_case(line)
        elif line.startswith("(") and line.endswith(")") and attached is None:
            attached = line[1:-1].strip()
        elif title is None and len(line) > 10:
            title = line
    if title is None:
        notes.append(Note.of(source.name, "no_title"))
        title = appendix or source.name
    parts = [p for p in (appendix, attached) if p]
    if attached and appendix:
        text = f"{appendix} {attached[0].lower()}{attached[1:]}"
    else:
        text = " ".join(parts)
    if not text:
        notes.append(Note.of(source.name, "no_source", line="Phụ lục"))
        text = source.name
    return title, text


def _caps(words: str) -> str:
    """The capitalised words a letterhead names the province in, as a name: "HÀ TĨNH" → "Hà
    Tĩnh" (Vietnamese place names capitalise every syllable)."""
    kept = []
    for word in words.split():
        if not (word == "-" or (word.isalpha() and word.isupper())) or word in _NOT_NAMES:
            break
        kept.append(word)
    return " ".join(kept).title().strip(" -")


def legacy_note(source: Source) -> Note | None:
    """Text typed in a pre-Unicode font (TCVN3, VNI) reads as garbage, its headings included:
    said even when no header row is found, since converting the file is the user's step."""
    from ..text import detect_legacy_encoding

    cells = " ".join(c.text for table in source.tables for row in table.rows for c in row.cells)
    legacy = detect_legacy_encoding(" ".join([*source.heading, cells]))
    return Note.of(source.name, "legacy", encoding=legacy) if legacy else None


def convert(source: Source) -> ImportedPlan | None:
    """The plan the source's tables hold, or None when no table has a recognisable header."""
    converter = Converter(source)
    if not converter.run():
        return None
    notes = converter.notes
    legacy = legacy_note(source)
    if legacy:
        notes.insert(0, legacy)
    title, origin = _heading(source, converter.heading, notes)
    names = [p.name for s in converter.sections for t in s.tasks for p in (*t.lead, *t.partners)]
    tasks = [t for s in converter.sections for t in s.tasks]
    # The plan period: the years its deadlines name, else the years of its heading (which may
    # also hold the date the plan was issued, hence only as a fallback).
    years = [int(y) for t in tasks for y in _YEAR.findall(t.deadline_cell)]
    years = years or [int(y) for y in _YEAR.findall(" ".join(converter.heading))]
    if not years:
        notes.append(Note.of(source.name, "no_period"))
    first, last = (min(years), max(years)) if years else (2000, 2999)
    above = (*source.heading, *converter.heading, *converter.skipped)
    provinces = Counter(
        name for text in above for m in _PROVINCE_CAPS.finditer(text) if (name := _caps(m.group(1)))
    ) or Counter(
        m.group(1) for text in (*above, *(t.title for t in tasks)) for m in _PROVINCE.finditer(text)
    )
    province = provinces.most_common(1)[0][0] if provinces else None
    return ImportedPlan(
        title,
        origin,
        province,
        (f"Quý I/{first}", f"Quý IV/{last}"),
        agencies.registry(names),
        converter.sections,
        notes,
    )
