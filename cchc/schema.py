"""Every key the plan file may hold, once.

The builder checks required and unknown keys against these tables, and `cchc schema` turns the
same tables into a JSON Schema, so the editor's check and `cchc validate` cannot drift apart.
"""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):  # read on every run: cheaper to define than a dataclass
    name: str
    type: str  # text | integer | number | boolean | list | mapping | "text or list" | ...
    required: bool
    vi: str
    en: str
    items: str | None = None  # for lists: the object (or "text") each item is
    # The rest mirrors what the builder accepts, so `cchc schema` can say it too.
    single: bool = False  # a list that may be written as one plain value (lead: Sở Nội vụ)
    min_items: int = 0  # a list that must not be empty (null counts as empty)
    values: tuple[str, ...] = ()  # the only values accepted, as written in the file


OBJECTS: dict[str, tuple[Key, ...]] = {
    "root": (
        Key(
            "version",
            "integer",
            True,
            "Phiên bản định dạng tệp, hiện là 1.",
            "Format version: 1.",
            values=("1",),
        ),
        Key("plan", "mapping", True, "Thông tin chung của kế hoạch.", "About the plan."),
        Key(
            "agencies",
            "list",
            True,
            "Danh mục cơ quan và nhóm cơ quan, kèm tên gọi khác.",
            "Registry of agencies and groups with their other names.",
            items="agency",
        ),
        Key(
            "sections",
            "list",
            True,
            "Các mục (I, II, …) của phụ lục, mỗi mục gồm các nhiệm vụ.",
            "The appendix's sections (I, II, …), each with its tasks.",
            items="section",
        ),
    ),
    "plan": (
        Key("title", "text", True, "Tên kế hoạch hoặc phụ lục.", "Title of the plan or appendix."),
        Key(
            "source",
            "text",
            True,
            "Văn bản gốc (số, ký hiệu, phụ lục).",
            "Source document (number, appendix).",
        ),
        Key("province", "text", False, "Tỉnh, thành phố.", "Province."),
        Key(
            "period",
            "mapping",
            True,
            "Thời kỳ kế hoạch, từ quý đến quý.",
            "Plan period, from quarter to quarter.",
        ),
        Key("issued", "text", False, "Ngày ban hành (dd/mm/yyyy).", "Date issued (dd/mm/yyyy)."),
    ),
    "period": (
        Key(
            "from",
            "text",
            True,
            "Quý bắt đầu, ví dụ Quý I/2022.",
            "First quarter, e.g. Quý I/2022.",
        ),
        Key(
            "to",
            "text",
            True,
            "Quý kết thúc, ví dụ Quý IV/2025.",
            "Last quarter, e.g. Quý IV/2025.",
        ),
    ),
    "agency": (
        Key(
            "name",
            "text",
            True,
            "Tên chính thức, hiển thị ở mọi đầu ra.",
            "Official name, shown in all output.",
        ),
        Key(
            "aliases",
            "list",
            False,
            "Tên gọi tắt hoặc cách viết khác (Sở TTTT, VP UBND tỉnh …).",
            "Abbreviations and other spellings (Sở TTTT, VP UBND tỉnh …).",
            items="text",
        ),
        Key(
            "group",
            "boolean",
            False,
            "true nếu đây là nhóm nhiều cơ quan (Sở, ban, ngành; UBND cấp huyện …).",
            "true for a group standing for many bodies (Sở, ban, ngành; UBND cấp huyện …).",
        ),
        Key(
            "member_of",
            "list",
            False,
            "Các nhóm mà cơ quan này thuộc về.",
            "Groups this agency belongs to.",
            items="text",
            single=True,
        ),
        Key(
            "successor",
            "mapping",
            False,
            "Cơ quan tiếp nhận chức năng sau sắp xếp bộ máy.",
            "The body that took over its duties after a reorganisation.",
        ),
        Key("note", "text", False, "Ghi chú.", "Note."),
    ),
    "successor": (
        Key("agency", "text", True, "Cơ quan tiếp nhận.", "The successor agency."),
        Key("since", "text", False, "Từ ngày (dd/mm/yyyy).", "Since (dd/mm/yyyy)."),
    ),
    "section": (
        Key("id", "text", True, "Số La Mã của mục: I, II, III …", "Roman numeral: I, II, III …"),
        Key("title", "text", True, "Tên mục.", "Section title."),
        Key("tasks", "list", True, "Các nhiệm vụ của mục.", "The section's tasks.", items="task"),
    ),
    "task": (
        Key(
            "id",
            "text",
            True,
            "Mã nhiệm vụ <mục>.<số>, ví dụ VII.9.",
            "Task id <section>.<n>, e.g. VII.9.",
        ),
        Key("title", "text", True, "Tên đề án, nhiệm vụ.", "Task title."),
        Key(
            "lead",
            "list",
            True,
            "Cơ quan chủ trì: tên cơ quan, hoặc agency và scope.",
            "Lead agencies: a name, or agency and scope.",
            items="party",
            single=True,
            min_items=1,
        ),
        Key(
            "partners",
            "list",
            False,
            "Cơ quan phối hợp: tên cơ quan, hoặc agency và scope.",
            "Partner agencies: a name, or agency and scope.",
            items="party",
            single=True,
        ),
        Key(
            "deadline",
            "text or list",
            True,
            "Thời gian hoàn thành như văn bản ghi (Quý IV/2023, Hàng năm, …) hoặc danh sách mốc.",
            "Deadline as the document words it (Quý IV/2023, Hàng năm, …) or a list of milestones.",
            items="milestone",
            min_items=1,
        ),
        Key("note", "text", False, "Ghi chú.", "Note."),
        Key(
            "progress",
            "list",
            False,
            "Các bản ghi tiến độ, theo thứ tự thời gian.",
            "Progress records, in time order.",
            items="progress",
        ),
    ),
    "party": (
        Key("agency", "text", True, "Tên cơ quan.", "Agency name."),
        Key("scope", "text", False, "Phạm vi phụ trách.", "The part of the task it answers for."),
    ),
    "milestone": (
        Key(
            "due",
            "text",
            True,
            "Mốc thời gian: quý, tháng, ngày hoặc năm.",
            "When: quarter, month, date or year.",
        ),
        Key("target", "text", False, "Chỉ tiêu phải đạt ở mốc này.", "Target to reach by then."),
    ),
    "progress": (
        Key(
            "due",
            "text",
            False,
            "Kỳ hạn được báo cáo (quý), bỏ trống nếu nhiệm vụ chỉ có một kỳ hạn.",
            "The occurrence reported on (quarter); omit when the task has only one.",
        ),
        Key(
            "status",
            "text",
            True,
            "hoàn thành, đang thực hiện hoặc chưa thực hiện.",
            "hoàn thành, đang thực hiện or chưa thực hiện (done, in_progress, not_started).",
        ),
        Key(
            "date",
            "text",
            False,
            "Ngày hoàn thành hoặc ngày báo cáo (dd/mm/yyyy).",
            "Completion or report date (dd/mm/yyyy).",
        ),
        Key(
            "evidence", "text", False, "Văn bản chứng minh.", "Evidence (document number and date)."
        ),
        Key(
            "percent",
            "number",
            False,
            "Tỷ lệ đạt được so với chỉ tiêu (0–100).",
            "Percent of the target reached (0–100).",
        ),
        Key("note", "text", False, "Ghi chú.", "Note."),
    ),
}

# Objects a list may also hold as one plain value: a party written as just the agency's name.
PLAIN_ITEMS = frozenset({"party"})

STATUS_VALUES = (
    "hoàn thành",
    "đang thực hiện",
    "chưa thực hiện",
    "done",
    "in_progress",
    "not_started",
)


def keys_of(obj: str) -> dict[str, Key]:
    return {k.name: k for k in OBJECTS[obj]}
