"""What a reader hands over (a table of cells with their places) and what the import found."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One grid cell: its paragraphs as written. A cell merged over several columns appears
    once per column (same object); a cell merged down from the row above has carried=True and
    the paragraphs of the cell it continues."""

    paragraphs: tuple[str, ...] = ()
    carried: bool = False

    @property
    def lines(self) -> list[str]:
        return [p for p in (" ".join(p.split()) for p in self.paragraphs) if p]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Row:
    where: str  # "table 1 row 27" or "line 123": what a warning names
    cells: tuple[Cell, ...]

    def cell(self, column: int | None) -> Cell:
        if column is None or column >= len(self.cells):
            return Cell()
        return self.cells[column]


@dataclass(frozen=True)
class Table:
    where: str  # "table 1"
    rows: tuple[Row, ...]
    before: tuple[str, ...] = ()  # the paragraphs between the table before and this one


@dataclass(frozen=True)
class Note:
    """A located warning: `key` names an i18n message "import.<key>", args fill it in."""

    where: str
    key: str
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, where: str, key: str, **args: object) -> Note:
        return cls(where, key, tuple((k, str(v)) for k, v in args.items()))


@dataclass(frozen=True)
class Source:
    name: str  # the path as shown in messages
    heading: tuple[str, ...]  # paragraphs before the first table (title, "Phụ lục 4", …)
    tables: tuple[Table, ...]
    notes: tuple[Note, ...] = ()  # what the reader had to warn about


@dataclass
class Party:
    """One agency named in a lead or partners cell, as written; scope when the cell says which
    part of the task it answers for ("… chủ trì triển khai đối với các trường THCS")."""

    name: str
    scope: str | None = None


@dataclass
class Milestone:
    due: str
    target: str | None = None


@dataclass
class ImportedTask:
    id: str
    printed: str  # the number as the table prints it ("99")
    where: str
    title: str
    lead: list[Party]
    lead_cell: str
    partners: list[Party]
    partners_cell: str
    deadline: str | list[Milestone] | None
    deadline_cell: str
    note: str | None = None


@dataclass
class ImportedSection:
    id: str
    printed: str
    where: str
    title: str
    tasks: list[ImportedTask] = field(default_factory=list)


@dataclass
class RegistryEntry:
    name: str  # official name (abbreviations written out)
    aliases: list[str] = field(default_factory=list)
    group: bool = False
    member_of: list[str] = field(default_factory=list)


@dataclass
class ImportedPlan:
    title: str
    source: str
    province: str | None
    period: tuple[str, str]
    agencies: list[RegistryEntry]
    sections: list[ImportedSection]
    notes: list[Note]
