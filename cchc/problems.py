"""Problems found in a plan file, and the catalogue of their codes.

A problem is a value: where (path and span), how bad, which code, and the arguments of its
message. Messages are rendered in the user's language only when printed, so every layer below the
CLI stays free of language choices.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Span(NamedTuple):
    """A 1-based region of the file: from (line, column) to (end_line, end_column).

    A NamedTuple rather than a frozen dataclass: the parser makes one for every value of the
    file, and a tuple takes a fifth of the time to make. Equality, hashing and ordering are the
    tuple's, which are what the dataclass had; unlike the dataclass it also equals a plain
    tuple of the same four numbers.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)


NOWHERE = Span(1, 1, 1, 1)


class Code(NamedTuple):
    code: str
    slug: str
    severity: Severity
    vi: str
    en: str


_E = Severity.ERROR
_W = Severity.WARNING

# The table is the single source of the README's code table (`python -m cchc.problems`).
# Message templates name what is wrong and then what would be right.
CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        # --- the file and its YAML -------------------------------------------------------------
        Code(
            "Y001",
            "yaml-syntax",
            _E,
            "cú pháp YAML sai: {detail}",
            "YAML syntax error: {detail_en}",
        ),
        Code(
            "Y002",
            "duplicate-key",
            _E,
            "khoá '{key}' lặp lại (đã có ở dòng {first_line}); mỗi khoá chỉ được viết một lần",
            "key '{key}' repeated (first at line {first_line}); write each key once",
        ),
        Code(
            "Y003",
            "tag",
            _E,
            "không chấp nhận thẻ YAML '{tag}'; hãy bỏ thẻ và viết giá trị dạng văn bản thường",
            "YAML tag '{tag}' is not allowed; remove it and write the value as plain text",
        ),
        Code(
            "Y004",
            "anchor-alias",
            _E,
            "không chấp nhận neo và bí danh YAML ({what}); hãy viết đầy đủ giá trị",
            "YAML anchors and aliases are not allowed ({what}); write the value out in full",
        ),
        Code(
            "Y005",
            "encoding",
            _E,
            "{detail}",
            "{detail_en}",
        ),
        Code(
            "Y006",
            "control-character",
            _E,
            "ký tự điều khiển {char} không được phép trong tệp YAML; hãy xoá ký tự này",
            "control character {char} is not allowed in a YAML file; delete it",
        ),
        Code(
            "Y007",
            "too-deep",
            _E,
            "cấu trúc lồng quá sâu (quá {limit} cấp); tệp kế hoạch chỉ cần vài cấp",
            "nesting deeper than {limit} levels; a plan file needs only a few",
        ),
        Code(
            "Y008",
            "multiple-documents",
            _E,
            "tệp có nhiều hơn một tài liệu YAML; hãy bỏ dòng '---' thứ hai và phần sau nó",
            "the file holds more than one YAML document; remove the second '---' and what follows",
        ),
        Code(
            "Y009",
            "empty-file",
            _E,
            "tệp trống; tệp kế hoạch cần ít nhất các khoá version, plan, agencies và sections",
            "the file is empty; a plan needs at least the keys version, plan, agencies, sections",
        ),
        Code(
            "Y010",
            "complex-key",
            _E,
            "khoá phải là một chuỗi văn bản, không phải danh sách hay ánh xạ",
            "a key must be plain text, not a list or a mapping",
        ),
        Code(
            "Y011",
            "too-large",
            _E,
            "tệp quá lớn: {detail}",
            "the file is too large: {detail_en}",
        ),
        # --- structure ----
        Code(
            "S001",
            "wrong-type",
            _E,
            "'{key}' phải là {expected}, không phải {found}",
            "'{key}' must be {expected}, not {found}",
        ),
        Code(
            "S002",
            "missing-key",
            _E,
            "thiếu khoá bắt buộc '{key}' trong {where}",
            "required key '{key}' missing in {where}",
        ),
        Code(
            "S003",
            "unknown-key",
            _E,
            "khoá lạ '{key}' trong {where}{hint}; các khoá hợp lệ: {allowed}",
            "unknown key '{key}' in {where}{hint}; valid keys: {allowed}",
        ),
        Code(
            "S004",
            "empty-value",
            _E,
            "'{key}' không được để trống",
            "'{key}' must not be empty",
        ),
        Code(
            "S005",
            "bad-version",
            _E,
            "phiên bản định dạng '{found}' không được hỗ trợ; hãy viết version: 1",
            "format version '{found}' is not supported; write version: 1",
        ),
        # --- deadlines ----
        Code(
            "D001",
            "deadline-unparsed",
            _E,
            "không hiểu thời hạn '{text}'{reason}{closest}; viết theo một trong các dạng: "
            "Quý IV/2023, Tháng 6/2026, 30/11/2025, Năm 2026, Quý IV/2025 - Quý II/2026, Hằng năm, "
            "Thường xuyên, Thực hiện theo lộ trình …",
            "cannot read deadline '{text}'{reason}{closest}; write one of: Quý IV/2023, "
            "Tháng 6/2026, 30/11/2025, Năm 2026, Quý IV/2025 - Quý II/2026, Hằng năm, "
            "Thường xuyên, Thực hiện theo lộ trình …",
        ),
        Code(
            "D002",
            "deadline-outside-period",
            _E,
            "thời hạn {quarter} nằm ngoài thời kỳ của kế hoạch ({first} – {last})",
            "deadline {quarter} lies outside the plan period ({first} – {last})",
        ),
        Code(
            "D003",
            "milestones-order",
            _E,
            "mốc {quarter} không muộn hơn mốc trước ({previous}); hãy xếp các mốc theo thời gian",
            "milestone {quarter} is not later than the one before ({previous}); "
            "list milestones in time order",
        ),
        Code(
            "D004",
            "bad-period",
            _E,
            "thời kỳ kế hoạch sai: {detail}; ví dụ đúng: from: Quý I/2022, to: Quý IV/2025",
            "bad plan period: {detail}; for example from: Quý I/2022, to: Quý IV/2025",
        ),
        # --- ids and sections ----
        Code(
            "I001",
            "bad-id",
            _E,
            "mã '{found}' sai dạng; mã nhiệm vụ viết là <mục>.<số>, ví dụ {expected}",
            "id '{found}' is malformed; a task id is <section>.<number>, e.g. {expected}",
        ),
        Code(
            "I002",
            "duplicate-id",
            _E,
            "mã '{found}' lặp lại (đã có ở dòng {first_line})",
            "id '{found}' repeated (first at line {first_line})",
        ),
        Code(
            "I003",
            "numbering",
            _E,
            "mã '{found}' không đúng thứ tự; nhiệm vụ này phải là {expected}",
            "id '{found}' is out of sequence; this task should be {expected}",
        ),
        Code(
            "I004",
            "section-id",
            _E,
            "mã mục '{found}' sai; mục viết bằng số La Mã I, II, III …, tiếp theo phải là "
            "{expected}",
            "section id '{found}' is wrong; sections are Roman numerals I, II, III …, "
            "the next one is {expected}",
        ),
        # --- agencies ----
        Code(
            "A001",
            "unknown-agency",
            _E,
            "cơ quan '{name}' không có trong danh mục agencies{hint}",
            "agency '{name}' is not in the agencies registry{hint}",
        ),
        Code(
            "A002",
            "repeated-agency",
            _E,
            "cơ quan '{name}' xuất hiện hai lần trong cùng danh sách (dòng {first_line}); "
            "hãy bỏ một lần",
            "agency '{name}' appears twice in the same list (line {first_line}); remove one",
        ),
        Code(
            "A003",
            "registry-clash",
            _E,
            "tên '{name}' đã dùng cho '{other}' (dòng {first_line}); mỗi tên hoặc tên gọi tắt chỉ "
            "được trỏ tới một cơ quan",
            "name '{name}' is already used for '{other}' (line {first_line}); each name or alias "
            "must point to one agency",
        ),
        Code(
            "A004",
            "not-a-group",
            _E,
            "'{name}' không phải là một nhóm (group: true){hint}",
            "'{name}' is not a group (group: true){hint}",
        ),
        # --- roll-up of several plans (cchc/rollup.py) ----
        Code(
            "R001",
            "rollup-registry-conflict",
            _E,
            "cơ quan '{name}' không gộp được với danh mục của các tệp khác: {detail}",
            "agency '{name}' cannot be merged with the registry of the other files: {detail_en}",
        ),
        # --- text ----
        Code(
            "T001",
            "not-nfc",
            _W,
            "văn bản chưa chuẩn hoá Unicode NFC (thường do macOS hoặc bộ gõ); hãy lưu lại ở "
            "dạng dựng sẵn (NFC)",
            "text is not in Unicode NFC (often from macOS or an input method); "
            "save it precomposed (NFC)",
        ),
        Code(
            "T002",
            "surrounding-space",
            _W,
            "'{key}' có khoảng trắng ở đầu hoặc cuối; hãy xoá",
            "'{key}' has leading or trailing spaces; remove them",
        ),
        # --- progress records ----
        Code(
            "P001",
            "progress-status",
            _E,
            "trạng thái '{found}' không hợp lệ; dùng: hoàn thành, đang thực hiện, chưa thực hiện",
            "status '{found}' is not valid; use: hoàn thành, đang thực hiện, chưa thực hiện "
            "(or done, in_progress, not_started)",
        ),
        Code(
            "P002",
            "progress-date",
            _E,
            "ngày '{found}' không hợp lệ; viết ngày/tháng/năm, ví dụ 20/12/2023",
            "date '{found}' is not valid; write day/month/year, e.g. 20/12/2023",
        ),
        Code(
            "P003",
            "done-without-date",
            _E,
            "trạng thái hoàn thành cần ngày hoàn thành (date)",
            "status 'hoàn thành' needs the completion date (date)",
        ),
        Code(
            "P004",
            "future-date",
            _E,
            "ngày {found} ở tương lai (hôm nay là {today}); chỉ ghi nhận tiến độ đã xảy ra",
            "date {found} lies in the future (today is {today}); record only what has happened",
        ),
        Code(
            "P005",
            "no-such-occurrence",
            _E,
            "nhiệm vụ không có kỳ hạn {found}; các kỳ hạn của nhiệm vụ: {expected}",
            "the task has no occurrence {found}; its occurrences are: {expected}",
        ),
        Code(
            "P006",
            "due-required",
            _E,
            "nhiệm vụ có nhiều kỳ hạn; hãy ghi 'due' là một trong: {expected}",
            "the task has several occurrences; set 'due' to one of: {expected}",
        ),
        Code(
            "P007",
            "progress-order",
            _E,
            "bản ghi tiến độ cho kỳ {found} không theo thứ tự ngày (ngày {date} sớm hơn bản ghi "
            "trước, dòng {first_line}); hãy xếp theo thời gian",
            "progress record for {found} is out of date order ({date} is earlier than the record "
            "at line {first_line}); list records in time order",
        ),
        Code(
            "P008",
            "progress-percent",
            _E,
            "tỷ lệ '{found}' không hợp lệ; viết số từ 0 đến 100",
            "percent '{found}' is not valid; write a number from 0 to 100",
        ),
        Code(
            "P009",
            "progress-no-occurrence",
            _E,
            "nhiệm vụ không có thời hạn cố định nên không có kỳ hạn để ghi tiến độ theo 'due'; "
            "hãy bỏ 'due'",
            "the task has no fixed deadline, so there is no occurrence for 'due'; remove 'due'",
        ),
        Code(
            "P010",
            "progress-after-done",
            _W,
            "kỳ {found} đã hoàn thành ở dòng {first_line}; không ghi thêm trạng thái sau khi "
            "hoàn thành",
            "occurrence {found} was already completed at line {first_line}; "
            "record nothing after completion",
        ),
        Code(
            "P011",
            "progress-stale",
            _W,
            "{id} ({found}) chưa cập nhật tiến độ từ {since} (báo cáo gần nhất: {last}); hãy "
            "ghi tiến độ, ví dụ: cchc record {id}{due} --status 'đang thực hiện'",
            "{id} ({found}) has no progress reported since {since} (last report: {last_en}); "
            "record it, e.g. cchc record {id}{due} --status in_progress",
        ),
    )
}


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# Arguments whose wording depends on the language: the value stored in a problem is an id.
_TYPE_NAMES = {
    "mapping": ("một ánh xạ (khoá: giá trị)", "a mapping (key: value)"),
    "list": ("một danh sách (- mục)", "a list (- item)"),
    "text": ("một chuỗi văn bản", "text"),
    "number": ("một số", "a number"),
    "boolean": ("true hoặc false", "true or false"),
    "null": ("giá trị rỗng", "an empty value"),
    "text or list": ("một chuỗi văn bản hoặc một danh sách mốc", "text or a list of milestones"),
    "text or mapping": (
        "tên cơ quan hoặc ánh xạ agency/scope",
        "an agency name or an agency/scope mapping",
    ),
}
_PLACES = {
    "file": ("tệp", "the file"),
    "plan": ("plan", "plan"),
    "period": ("plan.period", "plan.period"),
    "agency": ("cơ quan {0}", "agency {0}"),
    "section": ("mục {0}", "section {0}"),
    "task": ("nhiệm vụ {0}", "task {0}"),
    "party": ("cơ quan của nhiệm vụ {0}", "an agency entry of task {0}"),
    "milestone": ("mốc của nhiệm vụ {0}", "a milestone of task {0}"),
    "progress": ("tiến độ của nhiệm vụ {0}", "a progress record of task {0}"),
    "successor": ("successor của {0}", "successor of {0}"),
}
_REASONS = {
    "empty": (" (để trống)", " (empty)"),
    "unrecognised": ("", ""),
    "bad_date": (" (ngày không tồn tại)", " (no such date)"),
    "bad_month": (" (tháng phải từ 1 đến 12)", " (the month must be 1 to 12)"),
    "bad_quarter": (" (quý phải từ I đến IV)", " (the quarter must be I to IV)"),
    "range_order": (" (điểm cuối sớm hơn điểm đầu)", " (the end comes before the start)"),
    "ambiguous": (
        " (có nhiều thời hạn, hoặc một mốc không phải hạn hoàn thành: 'trước Quý …', 'từ năm …')",
        " (it names several deadlines, or a point that is not the due date: 'trước Quý …', "
        "'từ năm …')",
    ),
    "not_a_point": (
        " (mốc phải là một quý, tháng, ngày hoặc năm)",
        " (a milestone must be a quarter, month, date or year)",
    ),
}


def _localise(args: dict[str, str], lang: str) -> dict[str, str]:
    en = lang == "en"
    out = _Missing(args)
    for key in ("expected", "found"):
        if key in args and args[key] in _TYPE_NAMES:
            out[key] = _TYPE_NAMES[args[key]][en]
    if "where" in args:
        kind, _, ident = args["where"].partition(":")
        if kind in _PLACES:
            out["where"] = _PLACES[kind][en].format(ident)
    if "reason" in args:
        out["reason"] = _REASONS.get(args["reason"], ("", ""))[en]
    closest = [c for c in args.get("closest", "").split("\n") if c]
    if closest:  # never a guess: the forms nearest to what was written, for the writer to pick
        quoted = ", ".join(f"'{c}'" for c in closest)
        out["closest"] = f"; closest understood: {quoted}" if en else f"; gần nhất: {quoted}"
    else:
        out["closest"] = ""
    suggestion = args.get("suggestion")
    if suggestion:
        out["hint"] = f"; did you mean '{suggestion}'?" if en else f"; có phải là '{suggestion}'?"
    elif "hint" not in args:
        out["hint"] = ""
    return out


class Problem(NamedTuple):
    path: str
    span: Span
    code: str
    args: tuple[tuple[str, str], ...] = ()
    severity: Severity | None = None  # None: the catalogue's default

    @property
    def level(self) -> Severity:
        return self.severity or CATALOGUE[self.code].severity

    @property
    def slug(self) -> str:
        return CATALOGUE[self.code].slug

    def message(self, lang: str = "vi") -> str:
        entry = CATALOGUE[self.code]
        template = entry.en if lang == "en" else entry.vi
        return template.format_map(_localise(dict(self.args), lang))

    def sort_key(self) -> tuple[str, Span, str]:
        return (self.path, self.span, self.code)


def problem(path: str, span: Span, code: str, **args: object) -> Problem:
    if code not in CATALOGUE:
        raise KeyError(code)
    return Problem(path, span, code, tuple((k, str(v)) for k, v in args.items()))


def has_errors(problems: list[Problem], strict: bool = False) -> bool:
    return any(strict or p.level is Severity.ERROR for p in problems)


def catalogue_markdown() -> str:
    """The README's table of problem codes."""
    rows = ["| code | name | severity | message (English) |", "| --- | --- | --- | --- |"]
    for c in CATALOGUE.values():
        message = c.en.replace("|", "\\|")
        rows.append(f"| {c.code} | {c.slug} | {c.severity.value} | {message} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(catalogue_markdown())
