"""`cchc export --format ics`: read back with the icalendar library, plus the RFC 5545 details
(folding, escaping) checked on the bytes themselves."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from cchc.render.ics import escape_text, fold

from .conftest import DATA, invoke

# One task, every part of an event: a scope, a single partner written without a list, a note,
# a progress entry (its date is the event's DTSTAMP), commas and a semicolon in the title.
TINY = """\
version: 1
plan:
  title: Kế hoạch thử
  source: Phụ lục thử
  province: Hà Tĩnh
  period:
    from: Quý I/2022
    to: Quý IV/2025
agencies:
  - name: Sở Nội vụ
  - name: Sở Tư pháp
sections:
  - id: I
    title: Công tác chỉ đạo điều hành
    tasks:
      - id: I.1
        title: Rà soát, đơn giản hoá thủ tục hành chính; công bố danh mục thủ tục
        lead:
          - agency: Sở Nội vụ
            scope: cấp tỉnh
        partners: Sở Tư pháp
        deadline: Quý IV/2023
        note: Báo cáo UBND tỉnh
        progress:
          - status: hoàn thành
            date: 20/12/2023
            evidence: Báo cáo số 12/BC-SNV
"""

# Read and checked line by line against RFC 5545: CRLF ends, folds at <= 75 octets (the
# continuation's leading space counts), "\," "\;" "\n" escapes, all-day DATE values, DTEND the
# day after, DTSTAMP the progress date. The UID domain is the province and a digest of the title.
TINY_ICS = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//cchc//NONSGML cchc deadlines//VI\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "X-WR-CALNAME:Thời hạn CCHC: Kế hoạch thử – Hà Tĩnh\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:I.1-1@ha-tinh.71c74b19.cchc\r\n"
    "DTSTAMP:20231220T000000Z\r\n"
    "DTSTART;VALUE=DATE:20231231\r\n"
    "DTEND;VALUE=DATE:20240101\r\n"
    "SUMMARY:I.1 Rà soát\\, đơn giản hoá thủ tục hành chính\\; công \r\n"
    " bố danh mục thủ tục\r\n"
    "DESCRIPTION:I.1. Rà soát\\, đơn giản hoá thủ tục hành chính\\; c\r\n"
    " ông bố danh mục thủ tục\\nMục: I. Công tác chỉ đạo điề\r\n"
    " u hành\\nCơ quan chủ trì: Sở Nội vụ (cấp tỉnh)\\nCơ quan ph\r\n"
    " ối hợp: Sở Tư pháp\\nThời hạn: Quý IV/2023\\nKỳ hạn: Quý I\r\n"
    " V/2023\\, hạn cuối 31/12/2023\\nGhi chú: Báo cáo UBND tỉnh\\nKế ho\r\n"
    " ạch: Kế hoạch thử (Phụ lục thử)\r\n"
    "CATEGORIES:CCHC\r\n"
    "TRANSP:TRANSPARENT\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)

# Three tasks: a quarter deadline, an annual one (2022–2025: four events) led by a department
# merged into another on 01/03/2025, and two milestones with targets and a multi-line note.
PLAN = """\
version: 1
plan:
  title: Kế hoạch thử
  source: Phụ lục thử
  province: Hà Tĩnh
  period:
    from: Quý I/2022
    to: Quý IV/2025
agencies:
  - name: "Sở, ban, ngành"
    group: true
  - name: Sở Nội vụ
    member_of:
      - "Sở, ban, ngành"
  - name: Sở Thông tin và Truyền thông
    aliases:
      - Sở TTTT
    member_of:
      - "Sở, ban, ngành"
    successor:
      agency: Sở Khoa học và Công nghệ
      since: 01/03/2025
  - name: Sở Khoa học và Công nghệ
    member_of:
      - "Sở, ban, ngành"
sections:
  - id: I
    title: Công tác chỉ đạo điều hành
    tasks:
      - id: I.1
        title: Đề án thử thứ nhất
        lead:
          - Sở Nội vụ
        partners:
          - "Sở, ban, ngành"
        deadline: Quý IV/2023
      - id: I.2
        title: Nhiệm vụ hằng năm
        lead:
          - Sở TTTT
        deadline: Hàng năm
      - id: I.3
        title: "Số hoá hồ sơ; kết nối, chia sẻ dữ liệu"
        lead:
          - agency: Sở Nội vụ
            scope: cấp tỉnh
        deadline:
          - due: Quý II/2024
            target: "50% hồ sơ, tài liệu"
          - due: 30/11/2025
            target: 100%
        note: |
          Dòng một, có dấu phẩy, chấm phẩy; và \\ gạch chéo
          Dòng hai
"""

UID = re.compile(r"^([IVXLC]+\.[0-9]+)-([0-9]+)@ha-tinh\.[0-9a-f]{8}\.cchc$")


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def export(args: list[str], lang: str = "vi") -> tuple[int, bytes, str]:
    result = invoke(["export", *args], lang=lang)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout_bytes, result.stderr


def events(data: bytes) -> dict[str, dict[str, object]]:
    """UID → the event's fields as icalendar decodes them."""
    calendar = Calendar.from_ical(data)
    found: dict[str, dict[str, object]] = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"UID {uid} repeated"
        found[uid] = {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "stamp": event.decoded("DTSTAMP"),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
        }
    return found


def by_key(found: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """'I.2-2024' → event, dropping the plan's domain part of the UID."""
    keyed = {}
    for uid, event in found.items():
        m = UID.match(uid)
        assert m, uid
        keyed[f"{m.group(1)}-{m.group(2)}"] = event
    return keyed


def assert_rfc5545_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no piece ends inside a UTF-8 sequence


# --- the exact bytes --------------------------------------------------------------------------
def test_one_task_exact_bytes(tmp_path: Path) -> None:
    code, data, _ = export(["--file", str(write(tmp_path, TINY))])
    assert code == 0
    assert data.decode("utf-8") == TINY_ICS


def test_export_is_byte_identical_every_time(tmp_path: Path) -> None:
    path = str(write(tmp_path, PLAN))
    first = export(["--file", path])[1]
    assert export(["--file", path])[1] == first
    assert export(["--file", str(DATA)])[1] == export(["--file", str(DATA)])[1]


# --- what the events say ----------------------------------------------------------------------
def test_one_all_day_event_per_occurrence(tmp_path: Path) -> None:
    code, data, _ = export(["--file", str(write(tmp_path, PLAN))])
    assert code == 0
    assert_rfc5545_lines(data)
    found = by_key(events(data))
    # I.1: Quý IV/2023; I.2: each year of 2022–2025 by 31/12; I.3: end of Quý II/2024, 30/11/2025
    assert {k: v["start"] for k, v in found.items()} == {
        "I.1-1": date(2023, 12, 31),
        "I.2-2022": date(2022, 12, 31),
        "I.2-2023": date(2023, 12, 31),
        "I.2-2024": date(2024, 12, 31),
        "I.2-2025": date(2025, 12, 31),
        "I.3-1": date(2024, 6, 30),
        "I.3-2": date(2025, 11, 30),
    }
    for event in found.values():
        start = event["start"]
        assert isinstance(start, date)
        assert (event["end"] - start).days == 1  # type: ignore[operator]
        # no progress in this plan: the stamp is the first day of the plan period
        assert str(event["stamp"]).startswith("2022-01-01 00:00:00")
    one = found["I.1-1"]
    assert one["summary"] == "I.1 Đề án thử thứ nhất"
    assert one["description"] == (
        "I.1. Đề án thử thứ nhất\n"
        "Mục: I. Công tác chỉ đạo điều hành\n"
        "Cơ quan chủ trì: Sở Nội vụ\n"
        "Cơ quan phối hợp: Sở, ban, ngành\n"
        "Thời hạn: Quý IV/2023\n"
        "Kỳ hạn: Quý IV/2023, hạn cuối 31/12/2023\n"
        "Kế hoạch: Kế hoạch thử (Phụ lục thử)"
    )
    assert found["I.2-2024"]["summary"] == "I.2 Nhiệm vụ hằng năm – Hàng năm (2024)"


def test_milestone_targets_and_special_characters_survive(tmp_path: Path) -> None:
    found = by_key(events(export(["--file", str(write(tmp_path, PLAN))])[1]))
    first = found["I.3-1"]["description"]
    assert isinstance(first, str)
    assert first.startswith("I.3. Số hoá hồ sơ; kết nối, chia sẻ dữ liệu\n")
    assert "Cơ quan chủ trì: Sở Nội vụ (cấp tỉnh)\n" in first
    assert "Kỳ hạn: Quý II/2024: 50% hồ sơ, tài liệu, hạn cuối 30/06/2024\n" in first
    assert "Ghi chú: Dòng một, có dấu phẩy, chấm phẩy; và \\ gạch chéo\nDòng hai\n" in first
    assert found["I.3-2"]["summary"] == (
        "I.3 Số hoá hồ sơ; kết nối, chia sẻ dữ liệu – 30/11/2025: 100%"
    )


def test_english_labels(tmp_path: Path) -> None:
    code, data, _ = export(["--file", str(write(tmp_path, PLAN)), "--lang", "en"], lang="en")
    assert code == 0
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "CCHC deadlines: Kế hoạch thử – Hà Tĩnh"
    description = by_key(events(data))["I.1-1"]["description"]
    assert description == (
        "I.1. Đề án thử thứ nhất\n"
        "Section: I. Công tác chỉ đạo điều hành\n"
        "Lead: Sở Nội vụ\n"
        "Partners: Sở, ban, ngành\n"
        "Deadline: Quý IV/2023\n"
        "Occurrence: Quý IV/2023, due by 31/12/2023\n"
        "Plan: Kế hoạch thử (Phụ lục thử)"
    )


# --- stable UIDs: importing again updates instead of duplicating ----------------------------------
def test_uids_survive_edits_that_do_not_change_what_the_event_is(tmp_path: Path) -> None:
    before = events(export(["--file", str(write(tmp_path, PLAN, "a.yaml"))])[1])
    edited = (
        PLAN.replace("deadline: Quý IV/2023", "deadline: Quý II/2024")  # the deadline moved
        .replace("title: Kế hoạch thử", "title: Kế  hoạch THỬ")  # spacing and case of the title
        .replace("period:\n    from: Quý I/2022", "period:\n    from: Quý I/2021")  # longer
    )
    after = events(export(["--file", str(write(tmp_path, edited, "b.yaml"))])[1])
    domain = next(iter(before)).split("@")[1]
    # the same events, plus one for the year the longer period adds to the annual task
    assert set(after) == set(before) | {f"I.2-2021@{domain}"}
    assert after[f"I.1-1@{domain}"]["start"] == date(2024, 6, 30)


def test_another_plan_gets_other_uids(tmp_path: Path) -> None:
    one = set(events(export(["--file", str(write(tmp_path, PLAN, "a.yaml"))])[1]))
    other_plan = PLAN.replace("title: Kế hoạch thử", "title: Kế hoạch khác")
    two = set(events(export(["--file", str(write(tmp_path, other_plan, "b.yaml"))])[1]))
    assert one.isdisjoint(two)


# --- choosing events ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--agency", "so noi vu"], {"I.1-1", "I.3-1", "I.3-2"}),
        (["--agency", "Sở Nội vụ", "--role", "partner"], {"I.1-1"}),  # via the group
        (["--agency", "Sở Nội vụ", "--role", "partner", "--direct"], set()),
        (["--agency", "Sở TTTT"], {"I.2-2022", "I.2-2023", "I.2-2024", "I.2-2025"}),
        # the successor answers for the predecessor's occurrences due after 01/03/2025 only
        (["--agency", "Sở Khoa học và Công nghệ"], {"I.2-2025"}),
        (["--agency", "so khoa hoc va cong nghe", "--role", "any"], {"I.1-1", "I.2-2025"}),
        (["--section", "I", "--agency", "Sở TTTT", "--role", "partner"], {"I.1-1"}),
    ],
)
def test_agency_selection(tmp_path: Path, args: list[str], expected: set[str]) -> None:
    code, data, _ = export(["--file", str(write(tmp_path, PLAN)), *args])
    assert code == 0
    assert set(by_key(events(data))) == expected


def test_unknown_agency_and_bad_options_exit_2(tmp_path: Path) -> None:
    path = str(write(tmp_path, PLAN))
    code, data, err = export(["--file", path, "--agency", "Sở Ngoại vụ"])
    assert (code, data) == (2, b"")
    assert "không có cơ quan 'Sở Ngoại vụ'" in err
    code, _, err = export(["--file", path, "--format", "csv"])
    assert code == 2 and "định dạng 'csv' không hỗ trợ" in err
    code, _, err = export(["--file", path, "--role", "boss"])
    assert code == 2 and "vai trò 'boss'" in err
    code, _, err = export(["--file", path, "--section", "IX"])
    assert code == 2 and "không có mục 'IX'" in err


def test_broken_plan_exports_nothing_and_exits_1(tmp_path: Path) -> None:
    code, data, err = export(["--file", str(write(tmp_path, PLAN.replace("Quý IV/2023", "Quý V")))])
    assert (code, data) == (1, b"")
    assert "D001" in err


# --- --output ------------------------------------------------------------------------------------
def test_output_writes_the_same_bytes_and_replaces_old_file(tmp_path: Path) -> None:
    path = str(write(tmp_path, PLAN))
    target = tmp_path / "lich.ics"
    target.write_bytes(b"old content that is much longer than nothing" * 1000)
    code, data, err = export(["--file", path, "--output", str(target)])
    assert (code, data) == (0, b"")
    assert err == f"{target}: đã ghi 7 sự kiện (thời hạn) vào lịch.\n"
    assert target.read_bytes() == export(["--file", path])[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lich.ics", "plan.yaml"]  # no temp left


def test_output_gives_a_new_file_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.ics"
    assert export(["--file", str(write(tmp_path, PLAN)), "-o", str(target)])[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_output_into_a_missing_folder_or_onto_a_folder_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "lich.ics"
    code, _, err = export(["--file", str(write(tmp_path, PLAN)), "--output", str(target)])
    assert code == 2
    assert err == f"cchc: lỗi: {target}: không ghi được tệp (thư mục không tồn tại)\n"
    code, _, err = export(["-f", str(tmp_path / "plan.yaml"), "-o", str(tmp_path), "--lang", "en"])
    assert code == 2
    assert err == f"cchc: error: {tmp_path}: this is a folder; give --output a file name\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


# --- the shipped plan ----------------------------------------------------------------------------
def test_shipped_plan_calendar() -> None:
    code, data, _ = export(["--file", str(DATA)])
    assert code == 0
    assert_rfc5545_lines(data)
    found = by_key(events(data))
    # From Phụ lục 4: I.1 "Quý I/2022"; VI.1 "Hàng năm" over 2022–2025; III.1 has no fixed date.
    assert found["I.1-1"]["start"] == date(2022, 3, 31)
    assert [k for k in found if k.startswith("VI.1-")] == [f"VI.1-{y}" for y in range(2022, 2026)]
    assert not any(k.startswith("III.1-") for k in found)


# --- folding and escaping, for any text ----------------------------------------------------------
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(text)
def test_escape_and_fold_round_trip_through_icalendar(value: str) -> None:
    expected = value.replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub("[\x00-\x08\x0a-\x1f\x7f]", lambda m: "\n" if m[0] == "\n" else " ", expected)
    event = Event.from_ical(
        "BEGIN:VEVENT\r\n" + fold("DESCRIPTION:" + escape_text(value)) + "END:VEVENT\r\n"
    )
    assert str(event["DESCRIPTION"]) == expected


@given(text)
def test_fold_keeps_lines_short_and_unfolds_to_the_original(value: str) -> None:
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line).encode("utf-8")
    pieces = folded.split(b"\r\n")
    assert pieces[-1] == b""
    for i, piece in enumerate(pieces[:-1]):
        assert len(piece) <= 75
        assert i == 0 or piece.startswith(b" ")
        piece.decode("utf-8")
        # an escape is never cut in two
        body = piece.rstrip(b"\\")
        assert (len(piece) - len(body)) % 2 == 0
    assert folded.replace(b"\r\n ", b"")[:-2].decode("utf-8") == line


def test_output_never_overwrites_the_plan(tmp_path: Path) -> None:
    plan = write(tmp_path, PLAN)
    code, data, err = export(["--file", str(plan), "--output", str(plan)])
    assert (code, data) == (2, b"")
    assert "cchc không ghi đè lên tệp kế hoạch" in err
    assert plan.read_text(encoding="utf-8") == PLAN
