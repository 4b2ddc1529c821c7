"""User-facing words outside the problem catalogue, in Vietnamese (default) and English."""

from __future__ import annotations

import os
from collections.abc import Sequence

LANGS = ("vi", "en")
ENV_LANG = "CCHC_LANG"

MESSAGES: dict[str, tuple[str, str]] = {
    # validate
    "summary.ok": (
        "{path}: không có lỗi ({tasks} nhiệm vụ).",
        "{path}: no problems ({tasks} tasks).",
    ),
    "summary.problems": (
        "{path}: {errors} lỗi, {warnings} cảnh báo.",
        "{path}: {errors} errors, {warnings} warnings.",
    ),
    "data.invalid": (
        "{path}: tệp kế hoạch có {errors} lỗi; chạy 'cchc validate' để xem chi tiết.",
        "{path}: the plan file has {errors} errors; run 'cchc validate' for details.",
    ),
    "error.prefix": ("lỗi", "error"),
    "error.internal": (
        "lỗi nội bộ của cchc {version}: {error}. Hãy báo lỗi kèm lệnh đã chạy và tệp dữ liệu; "
        "chạy lại với --debug để xem chi tiết.",
        "internal error in cchc {version}: {error}. Please report it with the command and the "
        "data file; run again with --debug for the traceback.",
    ),
    "error.no_task": (
        "không có nhiệm vụ '{id}'{hint}",
        "no task '{id}'{hint}",
    ),
    "error.no_section": (
        "không có mục '{id}'; các mục: {known}",
        "no section '{id}'; sections: {known}",
    ),
    "error.bad_format": (
        "định dạng '{value}' không hỗ trợ; chọn một trong: {choices}",
        "format '{value}' is not supported; choose one of: {choices}",
    ),
    "error.bad_lang": (
        "ngôn ngữ '{value}' không hỗ trợ; dùng vi hoặc en",
        "language '{value}' is not supported; use vi or en",
    ),
    "hint.did_you_mean": ("; có phải là {names}?", "; did you mean {names}?"),
    # task listings
    "col.id": ("STT", "ID"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.lead": ("Cơ quan chủ trì", "Lead"),
    "col.partners": ("Cơ quan phối hợp", "Partners"),
    "col.deadline": ("Thời hạn", "Deadline"),
    "col.note": ("Ghi chú", "Note"),
    "col.kind": ("Loại thời hạn", "Deadline kind"),
    "col.occurrences": ("Các kỳ hạn", "Occurrences"),
    "col.section": ("Mục", "Section"),
    "col.progress": ("Tiến độ", "Progress"),
    "list.title": ("Danh sách nhiệm vụ: {title}", "Tasks: {title}"),
    "list.count": ("{count} nhiệm vụ", "{count} tasks"),
    "show.scope": ("phụ trách: {scope}", "for: {scope}"),
    "show.none": ("(không có)", "(none)"),
    "kind.quarter": ("quý", "quarter"),
    "kind.month": ("tháng", "month"),
    "kind.date": ("ngày", "date"),
    "kind.year": ("năm", "year"),
    "kind.range": ("khoảng thời gian", "range"),
    "kind.annual": ("hằng năm", "annual"),
    "kind.continuous": ("thường xuyên", "continuous"),
    "kind.conditional": ("theo điều kiện", "conditional"),
    "kind.milestones": ("nhiều mốc", "milestones"),
    "status.done": ("hoàn thành", "done"),
    "status.in_progress": ("đang thực hiện", "in progress"),
    "status.not_started": ("chưa thực hiện", "not started"),
    # --- due (issue 3) ---
    # --- report and agencies (issue 4) ---
    # --- integrations: schema, export, gitlab (issue 5) ---
    # --- robustness (issue 6) ---
}


def lang_from(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The language before the command line is parsed, so help texts can follow it too."""
    env = os.environ if environ is None else environ
    lang = env.get(ENV_LANG, "vi")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else "vi"


def tr(key: str, lang: str, **args: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**args)
