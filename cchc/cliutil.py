"""Helpers every command shares: options, output, failure, loading the plan.

Command modules import from here; cli.py only assembles the app.
"""

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from . import __version__
from .i18n import LANGS, tr
from .load import CannotRead, Loaded, load, locate
from .model import Agency, Plan, Section, Task
from .problems import Problem, Severity

if TYPE_CHECKING:  # schedule costs ~10 ms to import; validate and list never need it
    from .agencies import AgencyFilter
    from .schedule import Reference


def bilingual(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


# --- output and failure ------------------------------------------------------------------------
def out(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: cli.guarded ends quietly
    except OSError as err:
        _stdout_failed(err)


def _stdout_failed(err: OSError) -> NoReturn:
    """A full disk or a device error on standard output: the user's situation, said plainly.
    Standard output is pointed at the null device so that the final flush does not fail again."""
    from .fileio import OutputFailed

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise OutputFailed(err) from None


def fail(message: str, lang: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"cchc: {tr('error.prefix', lang)}: {message}\n")
    raise typer.Exit(code)


def use_color(choice: str, stream: object = None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def check_choice(value: str, choices: Sequence[str], lang: str) -> None:
    if value not in choices:
        fail(tr("error.bad_format", lang, value=value, choices=", ".join(choices)), lang)


def check_lang(value: str | None) -> str:
    lang = value or os.environ.get("CCHC_LANG") or "vi"
    if lang not in LANGS:
        fail(tr("error.bad_lang", "vi", value=lang), "vi")
    return lang


def check_usage(
    lang_opt: str | None, output_format: str, formats: Sequence[str], role: str | None = None
) -> str:
    """--lang, --format and (where the command has it) --role, before anything is read: a
    usage error exits 2 at once. The language of the messages."""
    lang = check_lang(lang_opt)
    check_choice(output_format, formats, lang)
    if role is not None:
        check_role(role, lang)
    return lang


def today() -> date:
    """The only read of the clock in cchc."""
    return date.today()


def open_plan(file: str | None, lang: str) -> tuple[Path, Loaded]:
    path = locate(file)
    # Loading allocates a tree and a plan that live until exit and makes no cyclic garbage;
    # the collector would only rescan them over and over (about a third of the load time of
    # a 10k-task file). Frozen afterwards, they stay out of the renderers' collections too.
    was_collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = load(path, today())
    except BaseException as err:
        if was_collecting:
            gc.enable()
        if isinstance(err, CannotRead):
            fail(err.message(lang), lang)
        raise
    gc.freeze()
    if was_collecting:
        _collect_again_when_done()
    return path, loaded


def _collect_again_when_done() -> None:
    """The schedule and the renderers make no cyclic garbage either, and the collector's passes
    over their young objects grow with the output: 0.8 s of the 7.4 s of `due` (table) on 100k
    tasks, 0.02 s on 10k. So it stays paused until the command ends, when its context closes,
    and is on again for whatever the process runs next (the test suite runs many commands)."""
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    if context is None:  # called outside a command: no end to wait for
        gc.enable()
    else:
        context.call_on_close(gc.enable)


def require_plan(file: str | None, lang: str) -> Plan:
    """The plan, or exit 1 with the errors: no command computes from a broken file."""
    return checked(open_plan(file, lang)[1], lang)


def checked(loaded: Loaded, lang: str) -> Plan:
    """The loaded plan, or its errors on standard error and exit 1."""
    errors = errors_of(loaded)
    if loaded.plan is None or errors:
        print_problems(errors, loaded, lang)
        fail(tr("data.invalid", lang, path=loaded.document.path, errors=len(errors)), lang, 1)
    return loaded.plan


def errors_of(loaded: Loaded) -> list[Problem]:
    return [p for p in loaded.problems if p.level is Severity.ERROR]


def print_problems(problems: list[Problem], loaded: Loaded, lang: str) -> None:
    """The first 20 problems, located in the loaded file, on standard error."""
    from .render.problems import text as text_problems

    sys.stderr.write(
        text_problems(problems[:20], lang, loaded.document, use_color("auto", sys.stderr))
    )


def pick_section(plan: Plan, section: str | None, lang: str) -> Section | None:
    """The section --section names (None without it), or exit 2 saying which there are."""
    found = None if section is None else plan.section(section)
    if section is not None and found is None:
        known = ", ".join(s.id for s in plan.sections)
        fail(tr("error.no_section", lang, id=section, known=known), lang)
    return found


def select_tasks(plan: Plan, section: str | None, lang: str) -> list[Task]:
    found = pick_section(plan, section, lang)
    return list(plan.tasks if found is None else found.tasks)


def print_version(value: bool) -> None:
    if value:
        out(f"cchc {__version__}\n")
        raise typer.Exit(0)


# --- reference time and agency (added with `cchc due`; `cchc report` uses them too) ------------
class BadDate(ValueError):
    """A date the user typed that is not one. `reason` names an i18n key under "due.date."."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text)
        self.reason = reason


def parse_day_first(text: str) -> date:
    """A calendar day as people type it: day first (15/11/2023, 15.11.2023, 15 Nov 2023,
    "ngày 15 tháng 11 năm 2023") or ISO (2023-11-15). Raises BadDate.

    dateutil reads "2023-11-05" as 11 May when told day first, so ISO is read year first. A
    date missing its day, month or year is refused instead of being completed from today.
    """
    import re
    from datetime import datetime

    from dateutil import parser

    from .quarter import MAX_YEAR, MIN_YEAR, fold

    value = " ".join(text.split())
    folded = fold(value)
    spelled = re.fullmatch(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})", folded)
    if spelled:
        value = "/".join(spelled.groups())
    elif folded.startswith("ngay "):
        value = folded[len("ngay ") :]
    iso = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value) is not None
    try:
        # Two different defaults: a part dateutil had to fill in differs between the results.
        first, second = (
            parser.parse(value, dayfirst=not iso, yearfirst=iso, default=datetime(y, m, d))
            for y, m, d in ((1904, 1, 1), (1905, 2, 2))
        )
    except (ValueError, OverflowError) as err:
        message = str(err)
        out_of_range = "range" in message or "must be in" in message
        raise BadDate(text, "no_such_day" if out_of_range else "unreadable") from None
    if first.date() != second.date():
        raise BadDate(text, "incomplete")
    if not MIN_YEAR <= first.year <= MAX_YEAR:
        raise BadDate(text, "out_of_range")
    return first.date()


def reference_from(quarter: str | None, as_of: str | None, lang: str) -> "Reference":
    """--quarter Q (its last day), --as-of DATE (its quarter), or today."""
    from .quarter import Quarter, QuarterError
    from .schedule import Reference

    if quarter is not None and as_of is not None:
        fail(tr("due.quarter_and_as_of", lang), lang)
    if quarter is not None:
        try:
            return Reference.of_quarter(Quarter.parse(quarter))
        except QuarterError:
            fail(tr("due.bad_quarter", lang, value=quarter), lang)
    if as_of is not None:
        try:
            day = parse_day_first(as_of)
        except BadDate as err:
            reason = tr(f"due.date.{err.reason}", lang)
            fail(tr("due.bad_date", lang, value=as_of, reason=reason), lang)
        return Reference.of_date(day)
    return Reference.of_date(today())


def pick_agency(plan: Plan, query: str, lang: str) -> Agency:
    """The agency --agency names, or exit 2 saying which names come closest."""
    from .agencies import AgencyNotFound, resolve_agency

    try:
        return resolve_agency(plan.registry, query)
    except AgencyNotFound as err:
        if err.ambiguous:
            names = "; ".join(err.candidates)
            fail(tr("due.ambiguous_agency", lang, query=query, names=names), lang)
        if err.suggestions:
            hint = tr("hint.did_you_mean", lang, names="; ".join(err.suggestions))
        else:
            hint = tr("due.unknown_agency_hint", lang)
        fail(tr("due.unknown_agency", lang, query=query, hint=hint), lang)


ROLES = ("lead", "partner", "any")


def check_role(role: str, lang: str) -> None:
    """--role before anything is read: a usage error exits 2 at once."""
    if role not in ROLES:
        fail(tr("due.bad_role", lang, value=role), lang)


def agency_filter(
    plan: Plan, agency: str | None, role: str, direct: bool, lang: str
) -> "AgencyFilter | None":
    """--agency, --role and --direct as one filter; None without --agency."""
    if agency is None:
        return None
    from .agencies import AgencyFilter, Role

    return AgencyFilter(pick_agency(plan, agency, lang), Role(role), direct)


def emit(data: bytes, output: str | None, lang: str) -> None:
    """Bytes to --output (atomically) or to stdout, untouched by newline translation."""
    if output is None or output == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # pragma: no cover - a text-only stream
            out(data.decode("utf-8"))
            return
        try:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            _stdout_failed(err)
        return
    from .fileio import WriteRefused, write_output

    try:
        written = write_output(output, data)
    except WriteRefused as err:
        fail(err.message(lang), lang)
    notice = written.notice(lang)
    if notice:
        sys.stderr.write(f"cchc: {tr('warning.prefix', lang)}: {notice}\n")
