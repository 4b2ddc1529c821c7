"""Typer's own words (Usage:, Options:, "Show this message and exit.", usage errors) in the
user's language.

Typer 0.28 vendors click and writes these strings in English, with no translation hook; so the
help formatter, the context and the commands are subclassed here and each English phrase is
mapped to Vietnamese. Everything typer-internal the CLI touches lives in this one module (the
dependency is pinned to typer 0.28 for that reason).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import Abort
from typer._click.exceptions import ClickException, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

_HEADINGS = {
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Commands": "Lệnh",
}
_PHRASES = {
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Install completion for the current shell.": "Cài gợi ý lệnh (completion) cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "In mã gợi ý lệnh cho shell đang dùng, để sao chép hoặc tự cài."
    ),
}
# (pattern, Vietnamese template) for click's usage errors and help annotations
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), t)
    for p, t in (
        (r"^\[default: (.*)\]$", r"[mặc định: \1]"),
        (r"\[default: ([^\]]*)\]", r"[mặc định: \1]"),
        (r"\[required\]", "[bắt buộc]"),
        (r"\[env var: ([^\]]*)\]", r"[biến môi trường: \1]"),
        (r"^No such option: (\S+?)(?: Did you mean (\S+?)\?)?$", "NO_SUCH_OPTION"),
        (r"^No such command '(.*)'\.$", r"không có lệnh '\1'"),
        (r"^Missing argument '(.*)'\.$", r"thiếu đối số \1"),
        (r"^Missing option '(.*)'\.$", r"thiếu tùy chọn \1"),
        (r"^Missing command\.$", "thiếu tên lệnh"),
        (r"^Option '(.*)' requires an argument\.$", r"tùy chọn \1 cần một giá trị"),
        (r"^Got unexpected extra arguments? \((.*)\)$", r"thừa đối số: \1"),
        (
            r"^Invalid value for '(.*)': '(.*)' is not a valid int(?:eger)?\.$",
            r"giá trị '\2' của \1 không phải là số nguyên",
        ),
        (
            r"^No such option: (\S+) \(Possible options: (.*)\)$",
            r"không có tùy chọn \1 (gần giống: \2)",
        ),
        (r"^Invalid value for '(.*)': (.*)$", r"giá trị không hợp lệ cho \1: \2"),
    )
)


def translate(text: str, lang: str) -> str:
    """One of click's English phrases in Vietnamese; other text unchanged."""
    if lang == "en" or not text:
        return text
    if text in _PHRASES:
        return _PHRASES[text]
    for pattern, template in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if template == "NO_SUCH_OPTION":
            option, suggestion = match.groups()
            hint = f"; có phải là {suggestion}?" if suggestion else ""
            return f"không có tùy chọn {option}{hint}"
        text = pattern.sub(template, text)
    for english, vietnamese in _PHRASES.items():
        text = text.replace(english, vietnamese)
    return text


def _formatter_for(lang: str) -> type[HelpFormatter]:
    class LocalFormatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None and lang != "en":
                prefix = "Cách dùng: "
            super().write_usage(prog, args, prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(heading if lang == "en" else _HEADINGS.get(heading, heading))

        def write_dl(
            self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
        ) -> None:
            super().write_dl(
                [(term, translate(text, lang)) for term, text in rows], col_max, col_spacing
            )

    return LocalFormatter


def _context_for(lang: str) -> type[typer.Context]:
    class LocalContext(typer.Context):
        formatter_class = _formatter_for(lang)

    return LocalContext


def _report_usage_error(err: ClickException, lang: str) -> None:
    """As cchc's own errors read: `cchc: lỗi: …`, with the command's usage and where to look."""
    prefix = "error" if lang == "en" else "lỗi"
    ctx = getattr(err, "ctx", None)
    if isinstance(err, UsageError) and ctx is not None:
        sys.stderr.write(ctx.get_usage() + "\n")
        see = "See" if lang == "en" else "Xem"
        sys.stderr.write(f"{see} '{ctx.command_path} --help'.\n")
    sys.stderr.write(f"cchc: {prefix}: {translate(err.format_message(), lang)}\n")


def localise(app: typer.Typer, lang: str) -> None:
    """Give the app and every registered command the language's formatter and error report."""
    context = _context_for(lang)

    class LocalCommand(TyperCommand):
        context_class = context

    class LocalGroup(TyperGroup):
        context_class = context

        def main(
            self,
            args: Sequence[str] | None = None,
            prog_name: str | None = None,
            complete_var: str | None = None,
            standalone_mode: bool = True,
            windows_expand_args: bool = True,
            **extra: Any,
        ) -> Any:
            try:
                result = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
            except ClickException as err:
                _report_usage_error(err, lang)
                sys.exit(err.exit_code)
            except Abort:
                sys.stderr.write("cchc: " + ("aborted" if lang == "en" else "đã dừng") + "\n")
                sys.exit(1)
            if not standalone_mode:
                return result
            sys.exit(result if isinstance(result, int) else 0)

    app.info.cls = LocalGroup
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):  # typer fills in TyperCommand itself
            info.cls = LocalCommand
