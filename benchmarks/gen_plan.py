"""Synthetic plan files of realistic shape for the benchmarks (issue 7).

The ministry's roll-up of every province and every year is the large case: sections of about a
hundred tasks (one per province, year and area of the reform), Vietnamese titles of the usual
length, agencies written by their official names, their aliases and with the old tone placement
("Uỷ ban"), groups, scoped parties, every deadline wording the parser reads, milestones and
progress records. Generation is deterministic (one seed), and every file is a valid plan:
`cchc validate --strict` finds nothing in it, so the benchmarks time the normal path.

Files are written to a cache folder outside the repository (default: $CCHC_BENCH_CACHE, else
<tmp>/cchc-bench) under a name that carries a hash of this script, so a changed generator never
reuses a stale file.

    python benchmarks/gen_plan.py 10000            # prints the path of the cached file
    python benchmarks/gen_plan.py 1000 -o plan.yaml
    python benchmarks/gen_plan.py 100 --files 100  # a folder of 100 plans of 100 tasks
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cchc.deadline import Deadline, Occurrence, milestones, parse_deadline  # noqa: E402
from cchc.quarter import Quarter  # noqa: E402

SEED = 7
FIRST = Quarter(2022, 1)
LAST = Quarter(2027, 4)
# Progress is never dated after this day, so the files stay valid (no date in the future)
# whenever the benchmarks run.
CUTOFF = date(2025, 12, 31)
EARLIEST = date(2022, 1, 15)
TASKS_PER_SECTION = 100

# --- agencies ------------------------------------------------------------------------------------
GROUP_DEPARTMENTS = "Sở, ban, ngành"
GROUP_DISTRICTS = "Ủy ban nhân dân cấp huyện"
GROUP_COMMUNES = "Ủy ban nhân dân cấp xã"
GROUP_OTHERS = "Các cơ quan liên quan"

GROUPS: dict[str, tuple[str, ...]] = {
    GROUP_DEPARTMENTS: ("Các sở, ban, ngành", "Sở, ngành"),
    GROUP_DISTRICTS: ("UBND cấp huyện", "UBND các huyện, thành phố, thị xã"),
    GROUP_COMMUNES: ("UBND cấp xã", "Uỷ ban nhân dân cấp xã"),
    GROUP_OTHERS: ("các cơ quan, đơn vị liên quan",),
    "Các đơn vị sự nghiệp công lập": ("Các đơn vị sự nghiệp",),
}

# Official name → aliases. Department names of the 2022 to 2025 structure; the merged ones carry
# a successor, as the shipped plan does.
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Văn phòng UBND tỉnh": ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VPUBND tỉnh"),
    "Sở Nội vụ": ("SNV",),
    "Sở Tư pháp": ("STP",),
    "Sở Tài chính": ("STC",),
    "Sở Kế hoạch và Đầu tư": ("Sở KH&ĐT", "Sở KHĐT"),
    "Sở Y tế": (),
    "Sở Giáo dục và Đào tạo": ("Sở GD&ĐT", "Sở GDĐT"),
    "Sở Khoa học và Công nghệ": ("Sở KH&CN", "Sở KHCN"),
    "Sở Thông tin và Truyền thông": ("Sở TTTT", "Sở TT&TT"),
    "Sở Công Thương": ("Sở Công thương",),
    "Sở Xây dựng": (),
    "Sở Giao thông vận tải": ("Sở GTVT",),
    "Sở Tài nguyên và Môi trường": ("Sở TN&MT", "Sở TNMT"),
    "Sở Nông nghiệp và Phát triển nông thôn": ("Sở NN&PTNT",),
    "Sở Lao động - Thương binh và Xã hội": ("Sở LĐ-TB&XH", "Sở Lao động – Thương binh và Xã hội"),
    "Sở Văn hóa, Thể thao và Du lịch": ("Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch"),
    "Thanh tra tỉnh": (),
    "Ban Quản lý Khu kinh tế tỉnh": ("BQL KKT tỉnh",),
}
SUCCESSORS = {
    "Sở Thông tin và Truyền thông": ("Sở Khoa học và Công nghệ", "01/03/2025"),
    "Sở Kế hoạch và Đầu tư": ("Sở Tài chính", "01/03/2025"),
    "Sở Lao động - Thương binh và Xã hội": ("Sở Nội vụ", "01/03/2025"),
}
CENTRAL = {
    "Công an tỉnh": (),
    "Cục Thuế tỉnh": (),
    "Bảo hiểm xã hội tỉnh": ("BHXH tỉnh", "Bảo hiểm Xã hội tỉnh"),
    "Kho bạc Nhà nước tỉnh": ("KBNN tỉnh",),
}
DISTRICTS = (
    ("thành phố", "Hà Tĩnh", "TP"),
    ("thị xã", "Kỳ Anh", "TX"),
    ("thị xã", "Hồng Lĩnh", "TX"),
    ("huyện", "Cẩm Xuyên", "H."),
    ("huyện", "Thạch Hà", "H."),
    ("huyện", "Can Lộc", "H."),
    ("huyện", "Nghi Xuân", "H."),
    ("huyện", "Đức Thọ", "H."),
    ("huyện", "Hương Sơn", "H."),
    ("huyện", "Hương Khê", "H."),
    ("huyện", "Vũ Quang", "H."),
    ("huyện", "Lộc Hà", "H."),
    ("huyện", "Kỳ Anh", "H."),
)
ASSOCIATIONS = ("Hiệp hội Doanh nghiệp tỉnh", "Liên minh Hợp tác xã tỉnh")


def district_name(kind: str, place: str) -> str:
    return f"Ủy ban nhân dân {kind} {place}"


def district_aliases(kind: str, place: str, short: str) -> tuple[str, ...]:
    # Old tone placement ("Uỷ") next to the new one: the registry must treat them as one name.
    return (f"UBND {kind} {place}", f"UBND {short} {place}", f"Uỷ ban nhân dân {kind} {place}")


# --- words of titles -----------------------------------------------------------------------------
PROVINCES = (
    "Hà Tĩnh",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Lâm Đồng",
    "Đắk Lắk",
    "Gia Lai",
    "Kon Tum",
    "Lào Cai",
    "Yên Bái",
    "Tuyên Quang",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Bắc Giang",
    "Bắc Ninh",
    "Hải Dương",
    "Hưng Yên",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
    "Sóc Trăng",
)
AREAS = (
    "Công tác chỉ đạo điều hành",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính, dịch vụ công",
    "Cải cách tổ chức bộ máy",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng, phát triển chính quyền điện tử, chính quyền số",
    "Triển khai và áp dụng Hệ thống quản lý chất lượng TCVN ISO 9001:2015",
)
VERBS = (
    "Triển khai",
    "Xây dựng",
    "Rà soát, sửa đổi, bổ sung",
    "Nâng cấp",
    "Hoàn thiện",
    "Tổ chức thực hiện",
    "Đẩy mạnh",
    "Tăng cường",
    "Nghiên cứu, đề xuất",
    "Kiện toàn",
    "Đánh giá kết quả thực hiện",
    "Thí điểm",
    "Số hóa",
    "Chuẩn hóa",
    "Tham mưu ban hành",
    "Rà soát, đơn giản hóa",
)
OBJECTS = (
    "Đề án “Đo lường sự hài lòng của người dân đối với dịch vụ {field} công”",
    "hệ thống cơ sở dữ liệu chuyên ngành {field}",
    "quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực {field}",
    "Cổng dịch vụ công trực tuyến và Hệ thống thông tin giải quyết thủ tục hành chính",
    "mô hình bộ phận một cửa liên thông hiện đại cấp huyện, cấp xã",
    "bộ chỉ số đánh giá, xác định chỉ số cải cách hành chính của các đơn vị, địa phương",
    "cơ chế tự chủ về tài chính của đơn vị sự nghiệp công lập ngành {field}",
    "vị trí việc làm và cơ cấu ngạch công chức, viên chức",
    "việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực {field}",
    "kho dữ liệu dùng chung và cơ sở dữ liệu mở của tỉnh",
    "nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
    "hệ thống quản lý văn bản và điều hành, chữ ký số chuyên dùng",
    "hạ tầng công nghệ thông tin, mạng truyền số liệu chuyên dùng cấp II",
    "văn bản quy phạm pháp luật của địa phương về {field}",
    "danh mục thủ tục hành chính thực hiện tiếp nhận không phụ thuộc địa giới hành chính",
    "quy chế đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 tại các cơ quan hành chính",
)
SHORT_OBJECTS = (
    "Đề án sắp xếp thôn, tổ dân phố",
    "Quy chế đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "Số hóa hồ sơ thủ tục hành chính lĩnh vực {field}",
    "Đo lường sự hài lòng về dịch vụ {field} công",
    "Kiểm tra công tác cải cách hành chính",
    "Xác định chỉ số cải cách hành chính",
    "Phân cấp giải quyết thủ tục hành chính lĩnh vực {field}",
    "Cơ sở dữ liệu {field} dùng chung",
    "Nâng cấp Cổng thông tin điện tử tỉnh",
    "Tự chủ tài chính đơn vị sự nghiệp ngành {field}",
)
FIELDS = (
    "đất đai",
    "hộ tịch",
    "đầu tư",
    "xây dựng",
    "giáo dục",
    "y tế",
    "lao động, việc làm",
    "bảo hiểm xã hội",
    "thuế",
    "tư pháp",
    "nông nghiệp",
    "giao thông vận tải",
    "tài nguyên và môi trường",
    "văn hóa, thể thao và du lịch",
    "công thương",
)
QUALIFIERS = (
    " trên địa bàn tỉnh {province}",
    " giai đoạn 2022 - 2025, định hướng đến năm 2030",
    " của các sở, ban, ngành và UBND cấp huyện, cấp xã",
    " bảo đảm liên thông với Cổng dịch vụ công quốc gia",
    "; kết nối, chia sẻ dữ liệu với các hệ thống thông tin của Trung ương",
    " (thí điểm tại {district})",
    ", nâng cao chất lượng phục vụ người dân, doanh nghiệp",
)
TARGETS = (
    "{p}% hồ sơ được số hóa",
    "{p}% dịch vụ công trực tuyến toàn trình",
    "{p}% đơn vị tự bảo đảm chi thường xuyên",
    "{p}% cơ quan áp dụng ISO 9001",
    "Mức độ hài lòng đạt trên {p}%",
)
SCOPES = (
    "phần cơ sở dữ liệu",
    "đối với các trường trung học phổ thông",
    "đối với các bệnh viện tuyến tỉnh",
    "phần hạ tầng kỹ thuật",
    "tại cấp xã",
)
NOTES = (
    "Nếu Trung ương chỉ đạo sớm hơn thì thực hiện theo lộ trình của Trung ương",
    "Lồng ghép với Kế hoạch chuyển đổi số của tỉnh",
    "Kinh phí từ nguồn ngân sách tỉnh",
    "Phối hợp với các Bộ, ngành Trung ương",
)
STATUS_OPEN = ("đang thực hiện", "Đang thực hiện", "in_progress")
STATUS_DONE = ("hoàn thành", "Hoàn thành", "đã hoàn thành", "done")
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
ROMAN += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    letters = []
    for value, numeral in ROMAN:
        count, n = divmod(n, value)
        letters.append(numeral * count)
    return "".join(letters)


# --- YAML text -----------------------------------------------------------------------------------
# Plain when YAML reads it back as the same string; else double-quoted (JSON is valid YAML).
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_NEEDS_QUOTES = re.compile(r": |:$| #|^(?:true|false|yes|no|null|~|on|off)$", re.IGNORECASE)


def scalar(text: str) -> str:
    if _PLAIN.fullmatch(text) and not _NEEDS_QUOTES.search(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def day_text(rng: random.Random, day: date) -> str:
    roll = rng.random()
    if roll < 0.55:
        return f'"{day:%d/%m/%Y}"'
    if roll < 0.8:
        return f"{day:%d/%m/%Y}"
    return day.isoformat()


# --- deadlines -----------------------------------------------------------------------------------
def quarter_wording(rng: random.Random, q: Quarter) -> str:
    forms = (
        f"Quý {q.roman}/{q.year}",
        f"Quý {q.roman}/{q.year}",
        f"Quý {q.roman}/{q.year}",
        f"{q.roman}/{q.year}",
        f"quý {q.number}/{q.year}",
        f"Q{q.number}/{q.year}",
        f"{q.year}-Q{q.number}",
        f"Quí {q.roman}-{q.year}",
        f"Quý {q.roman} năm {q.year}",
        f"Chậm nhất Quý {q.roman}/{q.year}",
        f"Quý {q.roman}/{q.year}.",
    )
    return rng.choice(forms)


def random_quarter(rng: random.Random, first: Quarter = FIRST, last: Quarter = LAST) -> Quarter:
    return Quarter.from_index(rng.randint(first.index, last.index))


def month_wording(rng: random.Random, year: int, month: int) -> str:
    forms = (
        f"Tháng {month}/{year}",
        f"Tháng {month:02d}/{year}",
        f"{month:02d}/{year}",
        f"tháng {month} năm {year}",
        f"Trong tháng {month}/{year}",
    )
    return rng.choice(forms)


def date_wording(rng: random.Random, day: date) -> str:
    forms = (
        f"{day:%d/%m/%Y}",
        f"Trước ngày {day:%d/%m/%Y}",
        f"ngày {day:%d/%m/%Y}",
        day.isoformat(),
        f"ngày {day:%d} tháng {day:%m} năm {day.year}",
    )
    return rng.choice(forms)


def year_wording(rng: random.Random, year: int) -> str:
    return rng.choice((f"Năm {year}", str(year), f"Trong năm {year}"))


def range_wording(rng: random.Random) -> str:
    start = rng.randint(FIRST.index, LAST.index - 2)
    a, b = Quarter.from_index(start), Quarter.from_index(rng.randint(start + 1, LAST.index))
    y1 = rng.randint(FIRST.year, LAST.year - 1)
    y2 = rng.randint(y1 + 1, LAST.year)
    m1 = rng.randint(1, 9)
    m2 = rng.randint(m1 + 1, 12)
    forms = (
        f"Quý {a.roman}/{a.year} - Quý {b.roman}/{b.year}",
        f"Quý {a.roman}/{a.year}- Quý {b.roman}/{b.year}",
        f"{y1}-{y2}",
        f"{y1} - {y2}",
        f"Giai đoạn {y1}-{y2}",
        f"Năm {y1}-{y2}",
        f"{y1}–{y2}",
        f"Từ tháng {m1}/{y2} đến tháng {m2}/{y2}",
        f"Tháng {m1}-{m2}/{y2}",
    )
    if a.year == b.year:
        forms += (f"Quý {a.roman} - Quý {b.roman}/{b.year}",)
    return rng.choice(forms)


ANNUAL = (
    "Hằng năm",
    "Hàng năm",
    "Định kỳ hằng năm",
    "Thường xuyên, hằng năm",
    "Tháng 12 hằng năm",
    "Tháng 6 hàng năm",
    "Quý IV hằng năm",
    "Quý II hằng năm",
    "Hằng năm, bắt đầu từ năm 2024",
    "2025 và những năm tiếp theo",
    "Từ năm 2023 trở đi",
)
CONTINUOUS = ("Thường xuyên", "Nhiệm vụ thường xuyên", "Thường xuyên, liên tục", "Liên tục")
CONDITIONAL = (
    "Thực hiện theo lộ trình Đề án của Trung ương",
    "Sau khi có Quy chế của Trung ương",
    "Theo Kế hoạch riêng",
    "Theo chỉ đạo của UBND tỉnh",
    "Theo yêu cầu của Bộ Nội vụ",
    "Khi có hướng dẫn của Bộ, ngành Trung ương",
)
# Kind → weight: quarters dominate real appendices; every wording the parser reads appears.
KINDS = (
    ("quarter", 44),
    ("annual", 14),
    ("month", 7),
    ("date", 5),
    ("year", 5),
    ("range", 6),
    ("continuous", 5),
    ("conditional", 8),
    ("milestones", 6),
)


def deadline_text(rng: random.Random, kind: str) -> str:
    if kind == "quarter":
        return quarter_wording(rng, random_quarter(rng))
    if kind == "month":
        return month_wording(rng, rng.randint(FIRST.year, LAST.year), rng.randint(1, 12))
    if kind == "date":
        span = (LAST.last_day - FIRST.first_day).days
        day = FIRST.first_day + timedelta(days=rng.randint(0, span))
        return date_wording(rng, day)
    if kind == "year":
        return year_wording(rng, rng.randint(FIRST.year, LAST.year))
    if kind == "range":
        return range_wording(rng)
    if kind == "annual":
        return rng.choice(ANNUAL)
    if kind == "continuous":
        return rng.choice(CONTINUOUS)
    return rng.choice(CONDITIONAL)


def milestone_items(rng: random.Random) -> list[tuple[str, str]]:
    count = rng.randint(2, 4)
    start = rng.randint(FIRST.index, LAST.index - count)
    quarters = sorted(rng.sample(range(start, LAST.index + 1), count))
    target = rng.choice(TARGETS)
    percents = sorted(rng.sample(range(30, 101, 5), count))
    items = []
    for index, percent in zip(quarters, percents, strict=True):
        q = Quarter.from_index(index)
        roll = rng.random()
        if roll < 0.7:
            due = f"Quý {q.roman}/{q.year}"
        elif roll < 0.85:
            due = f"Tháng {q.number * 3}/{q.year}"
        else:
            due = f"{q.last_day:%d/%m/%Y}"
        items.append((due, target.format(p=percent)))
    return items


# --- progress ------------------------------------------------------------------------------------
def _day_between(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def progress_for(
    rng: random.Random, occurrence: Occurrence | None, labelled: bool, milestone: bool
) -> list[str]:
    """YAML lines (relative indent) of the records on one occurrence, or on an undated task."""
    lines: list[str] = []
    due = occurrence.due_date if occurrence else CUTOFF
    opened = max(EARLIEST, due - timedelta(days=rng.randint(90, 500)))
    if opened > CUTOFF:
        return lines
    key = f"    due: {occurrence.quarter.label()}" if occurrence and labelled else None
    reported = _day_between(rng, opened, min(CUTOFF, opened + timedelta(days=200)))
    lines += [f"  - status: {rng.choice(STATUS_OPEN)}"]
    lines += [key] if key else []
    lines += [f"    date: {day_text(rng, reported)}"]
    if milestone:
        lines += [f'    percent: "{rng.randint(10, 60)}%"']
    if occurrence is None or rng.random() < 0.25:
        return lines
    finished = due + timedelta(days=rng.randint(-120, 150))
    if finished <= reported or finished > CUTOFF:
        return lines
    number = rng.randint(100, 4999)
    lines += [f"  - status: {rng.choice(STATUS_DONE)}"]
    lines += [key] if key else []
    lines += [f"    date: {day_text(rng, finished)}"]
    if rng.random() < 0.5:
        lines += [f"    evidence: Quyết định số {number}/QĐ-UBND ngày {finished:%d/%m/%Y}"]
    if milestone:
        lines += [f"    percent: {rng.choice(('100', '100%', '97,5', '95'))}"]
    return lines


def progress_lines(rng: random.Random, deadline: Deadline) -> list[str]:
    occurrences = deadline.occurrences(FIRST, LAST)
    milestone = deadline.kind.value == "milestones"
    if not occurrences:
        return progress_for(rng, None, False, False) if rng.random() < 0.15 else []
    if len(occurrences) == 1:
        if rng.random() < 0.8:
            return []
        return progress_for(rng, occurrences[0], rng.random() < 0.3, False)
    lines: list[str] = []
    for occurrence in occurrences:
        if rng.random() < 0.15:
            lines += progress_for(rng, occurrence, True, milestone)
    return lines


# --- the plan ------------------------------------------------------------------------------------
def registry_lines() -> list[str]:
    lines = ["agencies:"]

    def agency(name: str, aliases: tuple[str, ...], extra: list[str]) -> None:
        lines.append(f"  - name: {scalar(name)}")
        if aliases:
            lines.append("    aliases:")
            lines.extend(f"      - {scalar(a)}" for a in aliases)
        lines.extend(extra)

    for name, aliases in GROUPS.items():
        agency(name, aliases, ["    group: true"])
    member = ["    member_of:", f"      - {scalar(GROUP_DEPARTMENTS)}"]
    for name, aliases in DEPARTMENTS.items():
        extra = list(member)
        if name in SUCCESSORS:
            successor, since = SUCCESSORS[name]
            extra += ["    successor:", f"      agency: {successor}", f'      since: "{since}"']
        agency(name, aliases, extra)
    for name, aliases in CENTRAL.items():
        agency(name, aliases, [])
    for kind, place, short in DISTRICTS:
        extra = ["    member_of:", f"      - {GROUP_DISTRICTS}"]
        agency(district_name(kind, place), district_aliases(kind, place, short), extra)
    for name in ASSOCIATIONS:
        agency(name, (), [])
    return lines


def spellings() -> tuple[list[list[str]], list[list[str]]]:
    """(lead candidates, partner candidates): each a list of the spellings of one agency."""
    departments = [[name, *aliases] for name, aliases in DEPARTMENTS.items()]
    central = [[name, *aliases] for name, aliases in CENTRAL.items()]
    districts = [[district_name(k, p), *district_aliases(k, p, s)] for k, p, s in DISTRICTS]
    groups = [[name, *aliases] for name, aliases in GROUPS.items()]
    leads = departments * 3 + central + districts + groups
    partners = departments + groups * 3 + [[a] for a in ASSOCIATIONS] + districts[:3]
    return leads, partners


def title(rng: random.Random, province: str) -> str:
    """Mostly one-line titles, some with a qualifier or two, as appendices mix them."""
    field = rng.choice(FIELDS)
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS).format(field=field)}"
    if rng.random() < 0.75:
        text = f"{rng.choice(SHORT_OBJECTS).format(field=field)}"
    qualifiers = rng.choices((0, 1, 2), (85, 13, 2))[0]
    for _ in range(qualifiers):
        kind, place, _short = rng.choice(DISTRICTS)
        text += rng.choice(QUALIFIERS).format(province=province, district=f"{kind} {place}")
    return text


def party_lines(rng: random.Random, key: str, pool: list[list[str]], count: int) -> Iterator[str]:
    chosen = rng.sample(range(len(pool)), count)
    names = {pool[i][0] for i in chosen}
    if len(names) < count:  # the same agency twice would be A002
        chosen = list({pool[i][0]: i for i in chosen}.values())
    yield f"        {key}:"
    for i in chosen:
        spelling = rng.choice(pool[i]) if rng.random() < 0.4 else pool[i][0]
        if key == "lead" and rng.random() < 0.04:
            yield f"          - agency: {scalar(spelling)}"
            yield f"            scope: {rng.choice(SCOPES)}"
        else:
            yield f"          - {scalar(spelling)}"


def task_lines(
    rng: random.Random, task_id: str, province: str, pools: tuple[list[list[str]], ...]
) -> list[str]:
    leads, partners = pools
    lines = [f"      - id: {task_id}", f"        title: {scalar(title(rng, province))}"]
    lines += party_lines(rng, "lead", leads, rng.choice((1, 1, 1, 1, 1, 2, 3)))
    partner_count = rng.choice((0, 0, 0, 0, 0, 1, 2))
    if partner_count:
        lines += party_lines(rng, "partners", partners, partner_count)
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    if kind == "milestones":
        items = milestone_items(rng)
        deadline = milestones(items)
        lines.append("        deadline:")
        for due, target in items:
            lines += [f"          - due: {scalar(due)}", f"            target: {scalar(target)}"]
    else:
        wording = deadline_text(rng, kind)
        deadline = parse_deadline(wording)
        lines.append(f"        deadline: {scalar(wording)}")
    if rng.random() < 0.06:
        lines.append(f"        note: {scalar(rng.choice(NOTES))}")
    records = progress_lines(rng, deadline)
    if records:
        lines.append("        progress:")
        lines.extend("        " + line for line in records)
    return lines


def section_sizes(rng: random.Random, total: int) -> list[int]:
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, rng.randint(TASKS_PER_SECTION * 4 // 5, TASKS_PER_SECTION * 6 // 5))
        sizes.append(size)
        left -= size
    return sizes


def generate(tasks: int, seed: int = SEED) -> str:
    """The YAML text of a valid plan with exactly `tasks` tasks."""
    rng = random.Random(seed)
    pools = spellings()
    lines = [
        "# Synthetic plan for the cchc benchmarks (benchmarks/gen_plan.py): not real data.",
        "version: 1",
        "",
        "plan:",
        "  title: Tổng hợp các đề án, nhiệm vụ trọng tâm cải cách hành chính của các tỉnh",
        "  source: Dữ liệu tổng hợp để đo hiệu năng (không phải văn bản thật)",
        "  province: Nhiều tỉnh",
        '  issued: "15/01/2022"',
        "  period:",
        f"    from: {FIRST.long_label()}",
        f"    to: {LAST.long_label()}",
        "",
        *registry_lines(),
        "",
        "sections:",
    ]
    for index, size in enumerate(section_sizes(rng, tasks), 1):
        section_id = roman(index)
        province = PROVINCES[(index - 1) // len(AREAS) % len(PROVINCES)]
        area = AREAS[(index - 1) % len(AREAS)]
        year = 2022 + (index - 1) // (len(AREAS) * len(PROVINCES)) % 6
        lines += [
            f"  - id: {section_id}",
            f"    title: {scalar(f'{area} (tỉnh {province}, năm {year})')}",
            "    tasks:",
        ]
        for number in range(1, size + 1):
            lines += task_lines(rng, f"{section_id}.{number}", province, pools)
    lines.append("")
    return "\n".join(lines)


# --- cache ---------------------------------------------------------------------------------------
def cache_folder() -> Path:
    env = os.environ.get("CCHC_BENCH_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "cchc-bench"


def generator_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]


def cached_plan(tasks: int, folder: Path | None = None) -> Path:
    """The path of the plan with `tasks` tasks, generating it on first use."""
    folder = folder or cache_folder()
    path = folder / f"plan-{tasks}-{generator_hash()}.yaml"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(generate(tasks), encoding="utf-8")
        partial.replace(path)
    return path


def cached_rollup(files: int, tasks: int, folder: Path | None = None) -> Path:
    """A folder of `files` plans of `tasks` tasks each (seeds SEED, SEED + 1, …: different tasks,
    the same registry, as the provinces of a ministry's roll-up), generated on first use."""
    folder = folder or cache_folder()
    path = folder / f"rollup-{files}x{tasks}-{generator_hash()}"
    if not path.is_dir():
        partial = folder / f"{path.name}.{os.getpid()}.part"
        partial.mkdir(parents=True, exist_ok=True)
        for index in range(files):
            plan = partial / f"plan-{index + 1:03d}.yaml"
            plan.write_text(generate(tasks, SEED + index), encoding="utf-8")
        partial.replace(path)
    return path


def parse_count(text: str) -> int:
    text = text.strip().lower()
    if text.endswith("k"):
        return int(text[:-1]) * 1000
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tasks", type=parse_count, help="number of tasks: 1000, 10k, 100k")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of the cache")
    parser.add_argument(
        "--files", type=int, default=0, help="a roll-up: a folder of this many plans of TASKS each"
    )
    args = parser.parse_args(argv)
    if args.files:
        print(cached_rollup(args.files, args.tasks))
    elif args.output:
        args.output.write_text(generate(args.tasks), encoding="utf-8")
        print(args.output)
    else:
        print(cached_plan(args.tasks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
