"""cchc record: one progress entry into the plan file, validated before it is written."""

import sys
from typing import Annotated

import typer

from ..cliutil import BadDate, check_lang, fail, out, parse_day_first, today
from ..i18n import tr
from . import command, param


def register(app: typer.Typer, lang: str) -> None:
    @command(app, "record", lang)
    def record(
        task: Annotated[str, param("record task", lang)],
        status: Annotated[str, param("record status", lang)],
        on: Annotated[str | None, param("record date", lang)] = None,
        due: Annotated[str | None, param("record due", lang)] = None,
        percent: Annotated[int | None, param("record percent", lang)] = None,
        evidence: Annotated[str | None, param("record evidence", lang)] = None,
        dry_run: Annotated[bool, param("dry-run", lang)] = False,
        file: Annotated[str | None, param("file", lang)] = None,
        lang_opt: Annotated[str | None, param("lang", lang)] = None,
    ) -> None:
        from ..load import display_path, locate
        from ..progress_edit import Addition, add_progress
        from ..record import Entry

        lang_ = check_lang(lang_opt)
        try:
            day = parse_day_first(on).strftime("%d/%m/%Y") if on else today().strftime("%d/%m/%Y")
        except BadDate:
            fail(tr("record.bad_date", lang_, value=on), lang_)
        path = locate(file)
        if str(path) == "-":
            fail(tr("record.no_stdin", lang_), lang_)
        shown = display_path(path)
        entry = Entry(status, day, due, percent, evidence)
        outcome = add_progress(path, shown, [Addition(task, entry)], dry_run=dry_run, lang=lang_)
        if dry_run:
            out("".join(line + "\n" for line in outcome.lines))
            return
        if not outcome.added:
            sys.stderr.write(tr("record.already", lang_, id=task, path=shown) + "\n")
            return
        line = outcome.added[0][1]
        sys.stderr.write(tr("record.done", lang_, id=task, path=shown, line=line) + "\n")
