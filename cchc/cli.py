"""The command line: assembles the app from the command modules and guards the process.

Exit codes: 0 fine, 1 problems found in the data, 2 could not run.
Help texts follow the language chosen by --lang or CCHC_LANG, so the app is built per language.
"""

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import typer

from . import __version__
from .clihelp import localise
from .cliutil import bilingual, print_version
from .commands import changes, core, due, forms, importing, integrations, param, progress, report
from .i18n import lang_from, tr

T = TypeVar("T")

# Each module adds its commands; the order is the order of `cchc --help`.
COMMAND_MODULES = (core, due, report, progress, forms, integrations, changes, importing)


def build_app(lang: str = "vi") -> typer.Typer:
    app = typer.Typer(
        name="cchc",
        help=bilingual(
            lang,
            "Theo dõi các nhiệm vụ trọng tâm cải cách hành chính: kiểm tra tệp kế hoạch, "
            "tính nhiệm vụ quá hạn, đến hạn, sắp đến hạn và lập báo cáo.",
            "Track the key tasks of an administrative-reform plan: check the plan file, "
            "compute what is overdue, due and upcoming, and write reports.",
        ),
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: Annotated[
            bool, param("version", lang, callback=print_version, is_eager=True)
        ] = False,
    ) -> None:
        pass

    for module in COMMAND_MODULES:
        module.register(app, lang)
    localise(app, lang)
    return app


def narrow(app: typer.Typer, name: str) -> None:
    """Keep only command `name`, when there is one: Typer turns every registered command into a
    Click command on each run (about 1 ms each), though a run uses only one. Help for the
    command and its errors do not change; `cchc --help` and unknown names get the whole app.
    (commands.command gives every command its name.)"""
    chosen = [info for info in app.registered_commands if info.name == name]
    if chosen:
        app.registered_commands = chosen
        app.registered_groups = [g for g in app.registered_groups if not g.name]


def guarded(run: Callable[[], T], debug: bool, lang: str) -> T:
    """Unexpected errors end in one line and exit 2; --debug shows the traceback."""
    from .refusal import Refusal

    try:
        return run()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        # Ctrl-C outside a command (Click turns it into "Aborted!" inside one): no traceback
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None
    except Refusal as err:
        # a command that let them through: they are the user's to fix, not internal errors
        sys.stderr.write(f"cchc: {tr('error.prefix', lang)}: {err.message(lang)}\n")
        raise SystemExit(2) from None
    except OSError as err:
        # a full disk, a device error, a file that went away: the machine's state, not a bug
        sys.stderr.write(f"cchc: {tr('error.prefix', lang)}: {os_error(err, lang)}\n")
        raise SystemExit(2) from None
    except Exception as err:
        if debug:
            traceback.print_exc()
        # one line, whatever the exception's text holds (parser errors span several lines)
        error = " ".join(f"{type(err).__name__}: {err}".split())
        error = error if len(error) <= 300 else error[:299] + "…"
        line = " ".join(tr("error.internal", lang, version=__version__, error=error).split())
        sys.stderr.write(f"cchc: {line}\n")
        raise SystemExit(2) from None


def os_error(err: OSError, lang: str) -> str:
    from .fileio import reason

    vi, en = reason(err)
    where = f"{err.filename}: " if err.filename else ""
    if lang == "en":
        return f"{where}cannot read or write ({en})"
    return f"{where}không đọc hoặc ghi được ({vi})"


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from(args)
    debug = "--debug" in args or bool(os.environ.get("CCHC_DEBUG"))
    args = [a for a in args if a != "--debug"]
    # A terminal or pipe that cannot show Vietnamese (a Latin-1 locale, a Windows code page)
    # gets escapes rather than a UnicodeEncodeError in the middle of the output.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            getattr(stream, "reconfigure")(errors="backslashreplace")  # noqa: B009
    app = guarded(lambda: build_app(lang), debug, lang)
    if args and not args[0].startswith("-"):
        narrow(app, args[0])
    guarded(lambda: app(args=args, prog_name="cchc"), debug, lang)
