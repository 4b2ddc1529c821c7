"""Appendix tables built as Word files with python-docx, for the `cchc import` tests: the
seed's own table, and tables laid out otherwise (columns in another order, merged cells, a
"Sản phẩm" column, month and date deadlines). Built in the tests, so no binary is committed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .conftest import SHARED

SEED = SHARED / "seeds" / "000_a39914e25e1938d1.txt"
ROMAN = re.compile(r"[IVXLC]+")

# A cell: its text, paragraphs apart by "\n"; None for a cell merged into the one above it.
Spec = Sequence[Sequence[str | None]]


def seed_rows() -> tuple[list[str], list[list[str]]]:
    """(heading lines, rows of cells) of the seed's table, read independently of cchc: each
    tab-led line starts a cell, a line without a tab continues the cell before it, blank lines
    are ignored; after the six headings a Roman numeral starts a section row (number and title,
    then its empty cells), anything else a task row of six cells."""
    heading: list[str] = []
    cells: list[list[str]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif line.strip() and cells:
            cells[-1].append(line)
        elif line.strip():
            heading.append(line.strip())
    texts = ["\n".join(part.strip() for part in cell) for cell in cells]
    rows = [texts[:6]]
    i = 6
    while i < len(texts):
        if ROMAN.fullmatch(texts[i]):
            rows.append([texts[i], texts[i + 1]])
            i += 2
            while i < len(texts) and not texts[i]:
                i += 1
        else:
            rows.append(texts[i : i + 6])
            i += 6
    return heading, rows


def build(
    path: Path,
    heading: Sequence[str],
    rows: Spec,
    *,
    merge_across: Sequence[int] = (),
    spans: Sequence[tuple[int, int, int]] = (),
) -> Path:
    """A .docx with the heading paragraphs and one table. A row shorter than the table is a
    section row: its last cell is merged across the rest (and so is any row in merge_across).
    None in a cell merges it with the cell above (a lead carried over several rows)."""
    import docx

    document = docx.Document()
    for line in heading:
        document.add_paragraph(line)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, left, right in spans:  # (row, first column, last column) merged across
        table.cell(r, left).merge(table.cell(r, right))
    for r, row in enumerate(rows):
        if len(row) < width or r in merge_across:
            start = len(row) - 1
            table.cell(r, start).merge(table.cell(r, width - 1))
        for c, text in enumerate(row):
            if text is None:
                top = r - 1
                while rows[top][c] is None:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
                continue
            cell = table.cell(r, c)
            if c and cell._tc is table.cell(r, c - 1)._tc:
                continue  # the rest of a cell merged across: its text is the first column's
            first, *rest = text.split("\n")
            cell.paragraphs[0].text = first
            for paragraph in rest:
                cell.add_paragraph(paragraph)
    # merging moved the (empty) paragraphs of the lower cells into the top one: drop them
    for row_cells in table.rows:
        for cell in row_cells.cells:
            paragraphs = cell.paragraphs
            for paragraph in paragraphs[1:]:
                if not paragraph.text:
                    paragraph._element.getparent().remove(paragraph._element)
    document.save(str(path))
    return path


def seed_docx(path: Path) -> Path:
    heading, rows = seed_rows()
    return build(path, heading, rows)


def small_docx(path: Path) -> Path:
    heading = [
        "PHỤ LỤC 4",
        "CÁC ĐỀ ÁN, NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH ĐẾN NĂM 2025",
        "(Kèm theo Đề án cải cách hành chính tỉnh Hà Tĩnh đến năm 2025)",
    ]
    rows = [
        ["STT", "Tên Đề án, nhiệm vụ trọng tâm", "Cơ quan chủ trì", "Cơ quan phối hợp",
         "Thời gian hoàn thành (quý/năm)", "Ghi chú"],
        ["I", "Công tác chỉ đạo điều hành"],
        ["1", "Quy chế đào tạo, bồi dưỡng cán bộ, công chức, viên chức tỉnh Hà Tĩnh",
         "Sở Nội vụ", "Sở, ban, ngành; UBND cấp huyện", "Quý IV/2022", ""],
    ]  # fmt: skip
    return build(path, heading, rows)


# --- other layouts ----------------------------------------------------------------------------
# Columns in another order, a row of column numbers, a "Sản phẩm" column, sections written in a
# cell merged over the whole row ("I. CẢI CÁCH THỂ CHẾ") or in the STT column, a lead merged
# down over three rows, month and date deadlines, bulleted paragraphs of partners, milestones.
OTHER_ORDER_HEADING = [
    "Phụ lục II",
    "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA TỈNH QUẢNG BÌNH",
    "(Kèm theo Kế hoạch số 120/KH-UBND ngày 20/12/2024 của UBND tỉnh)",
]
OTHER_ORDER: list[list[str | None]] = [
    ["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Thời hạn hoàn thành", "Cơ quan chủ trì",
     "Cơ quan phối hợp", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    ["I. CẢI CÁCH THỂ CHẾ"],
    ["1", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
     "Quyết định công bố kết quả rà soát", "Tháng 6/2025", "Sở Tư pháp",
     "Các sở, ban, ngành; UBND cấp huyện", ""],
    ["2", "Kiểm tra công tác xây dựng, thi hành văn bản", "Báo cáo kết quả kiểm tra",
     "Trước ngày 15/12/2025", None, "Văn phòng UBND tỉnh", ""],
    ["3", "Theo dõi tình hình thi hành pháp luật", "Báo cáo", "Quý III/2025", None,
     "Sở Nội vụ; Công an tỉnh", "Lồng ghép với báo cáo công tác tư pháp"],
    ["II", "Cải cách thủ tục hành chính"],
    ["1", "Công bố danh mục thủ tục hành chính", "Quyết định của Chủ tịch UBND tỉnh",
     "Thường xuyên", "VP UBND tỉnh", "- Các sở, ban, ngành;\n- UBND cấp huyện, cấp xã", ""],
    ["2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Tỷ lệ hồ sơ được số hóa",
     "Quý II/2025: 50% hồ sơ\nQuý IV/2025: 100% hồ sơ", "Sở Thông tin và Truyền thông",
     "UBND các huyện, thị xã, thành phố; Điện lực tỉnh", ""],
    ["3", "Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính", "Hệ thống được nâng cấp",
     "Quý IV/2025", "Sở TTTT", "Văn phòng Ủy ban nhân dân tỉnh", ""],
]  # fmt: skip


def other_order_docx(path: Path) -> Path:
    return build(path, OTHER_ORDER_HEADING, OTHER_ORDER)


# Headings spelt otherwise (no diacritics, "Đơn vị", "Thời gian thực hiện"), a second
# "Nội dung" column beside the title, no partners column, and the deadline wordings of real
# 2022–2026 plans, one per task; the table is cut in two by a page break (the second part has
# no header row).
WORDINGS = [
    "Hằng năm",
    "Hàng quý",
    "Thường xuyên",
    "Năm 2025",
    "Tháng 6/2025",
    "Trước ngày 15/12/2025",
    "Quý I, II/2025",
    "Quý III-IV/2025",
    "2022-2025",
    "6 tháng đầu năm 2025",
    "Trước 30/6",
    "Định kỳ hằng tháng",
    "Theo lộ trình của Bộ Nội vụ",
    "Khi có văn bản của Trung ương",
]


def wordings_docx(path: Path) -> Path:
    import docx

    header = ["Stt", "Ten nhiem vu", "Noi dung", "Don vi chu tri", "Thoi gian thuc hien"]
    rows: list[list[str | None]] = [header, ["I", "Nhiệm vụ có thời hạn viết theo nhiều cách"]]
    for n, wording in enumerate(WORDINGS, 1):
        rows.append([str(n), f"Nhiệm vụ {n}", f"Nội dung nhiệm vụ {n}", "Sở Nội vụ", wording])
    build(path, ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"], rows[:8])
    # the rest of the rows in a second table, as a page break in Word leaves them
    document = docx.Document(str(path))
    document.add_paragraph("")
    rest = rows[8:]
    table = document.add_table(rows=len(rest), cols=len(header))
    for r, row in enumerate(rest):
        for c, text in enumerate(row):
            table.cell(r, c).text = text or ""
    document.save(str(path))
    return path
