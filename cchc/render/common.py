"""Pieces every renderer shares: records, CSV, Markdown escaping, Vietnamese number style."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ..model import AgencyRef, ProgressEntry, Task

CSV_BOM = "\ufeff"  # so Excel opens UTF-8 Vietnamese text correctly


def agency_names(refs: Sequence[AgencyRef]) -> list[str]:
    return [r.agency for r in refs]


def agency_cell(refs: Sequence[AgencyRef]) -> str:
    """One cell: names joined by '; ', each with its scope in parentheses."""
    return "; ".join(f"{r.agency} ({r.scope})" if r.scope else r.agency for r in refs)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def progress_record(entry: ProgressEntry) -> dict[str, Any]:
    return {
        "due": entry.due.label() if entry.due else None,
        "status": entry.status.value,
        "date": iso(entry.day),
        "evidence": entry.evidence,
        "percent": entry.percent,
        "note": entry.note,
    }


def task_record(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "section": task.section,
        "title": task.title,
        "lead": agency_names(task.lead),
        "lead_detail": [
            {"agency": r.agency, "scope": r.scope, "written": r.written} for r in task.lead
        ],
        "partners": agency_names(task.partners),
        "partners_detail": [
            {"agency": r.agency, "scope": r.scope, "written": r.written} for r in task.partners
        ],
        "deadline": task.deadline.wording,
        "kind": task.deadline.kind.value,
        "occurrences": [
            {
                "quarter": o.quarter.label(),
                "due_date": o.due_date.isoformat(),
                "target": o.target,
            }
            for o in task.occurrences
        ],
        "note": task.note,
        "progress": [progress_record(p) for p in task.progress],
        "line": task.span.line,
    }


# Below this many records the standard library encodes as fast as orjson, and importing orjson
# (which imports json and dataclasses itself) costs 1.6 ms of a 60 ms start against 0.9 ms.
FAST_FROM = 500


def json_bytes(value: Any) -> bytes:
    """Every `--format json`, as UTF-8: indented, text as it is, a final newline. Bytes, because
    the commands write bytes: a 56 MB document (due at 100k tasks) costs 0.28 s to decode into
    a str and as much to encode again."""
    records = len(value) if isinstance(value, list) else 0
    if isinstance(value, dict):
        records = sum(len(v) for v in value.values() if isinstance(v, list))
    if records < FAST_FROM:
        return stdlib_json(value)
    try:
        return fast_json(value)
    except ImportError:  # pragma: no cover - orjson has wheels for the usual platforms
        return stdlib_json(value)


def fast_json(value: Any) -> bytes:
    """orjson: the same bytes as `stdlib_json` 20 times faster (0.006 s against 0.14 s for
    due's records of 10k tasks). Raises ImportError without it."""
    import orjson

    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def stdlib_json(value: Any) -> bytes:
    import json

    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_json(value: Any) -> str:
    """`json_bytes` as text, for the renderers that return text."""
    return json_bytes(value).decode("utf-8")


def cell(value: Any) -> str:
    """A JSON value as one spreadsheet cell: lists joined by '; ', None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    import csv  # only for --format csv

    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def md_cell(value: str) -> str:
    """Escape a table cell: pipes, newlines, and characters Markdown would read as markup."""
    value = " ".join(value.replace("\r", "").split("\n")).strip()
    for ch in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        value = value.replace(ch, "\\" + ch)
    return value


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        lines.append("| " + " | ".join(md_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def two_digits(n: int) -> str:
    """Counts as official reports write them: '07 nhiệm vụ', '23 nhiệm vụ'."""
    return f"{n:02d}"


def percent_vn(numerator: int, denominator: int) -> str:
    """85,7% — one decimal, decimal comma."""
    if denominator == 0:
        return "0%"
    value = round(100 * numerator / denominator, 1)
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"
