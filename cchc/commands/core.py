"""validate, list, show."""

import os
from typing import Annotated

import typer

from ..cliutil import (
    check_choice,
    check_lang,
    check_usage,
    emit,
    fail,
    open_plan,
    out,
    reference_from,
    require_plan,
    select_tasks,
    use_color,
)
from ..i18n import tr
from ..problems import Problem, Severity
from ..rollup_load import plans_argument, require_plans
from . import color_option, command, format_option, param

LIST_FORMATS = ("table", "markdown", "json", "csv")


def register(app: typer.Typer, lang: str) -> None:
    FileOpt = Annotated[str | None, param("file", lang)]
    LangOpt = Annotated[str | None, param("lang", lang)]
    ColorOpt = Annotated[str, color_option(lang)]

    @command(app, "validate", lang)
    def validate(
        paths: Annotated[list[str] | None, param("validate paths", lang)] = None,
        file: FileOpt = None,
        output_format: Annotated[str | None, param("validate format", lang)] = None,
        strict: Annotated[bool, param("validate strict", lang)] = False,
        stale: Annotated[bool, param("validate stale", lang)] = False,
        as_of: Annotated[str | None, param("validate as-of", lang)] = None,
        color: ColorOpt = "auto",
        lang_opt: LangOpt = None,
    ) -> None:
        from ..render.problems import FORMATTERS

        lang_ = check_lang(lang_opt)
        if as_of is not None and not stale:
            fail(tr("validate.as_of_without_stale", lang_), lang_)
        reference = reference_from(None, as_of, lang_) if stale else None
        fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        check_choice(fmt, tuple(FORMATTERS), lang_)
        targets: list[str | None] = list(paths) if paths else [file]
        if paths:  # folders stand for their plan files; several files share one registry
            from ..load import CannotRead
            from ..rollup_load import expand, registry_conflicts

            try:
                targets = [str(path) for path in expand(paths)]
            except CannotRead as err:
                fail(err.message(lang_), lang_)
        loaded = [open_plan(path, lang_)[1] for path in targets]
        if len(loaded) > 1:
            conflicts = registry_conflicts(loaded)
            for one in loaded:
                mine = [p for p in conflicts if p.path == one.document.path]
                if mine:
                    one.problems = sorted([*one.problems, *mine], key=Problem.sort_key)
        if reference is not None:
            from ..validate import stale_problems

            for one in loaded:
                if one.plan is not None:
                    found = stale_problems(one.document.path, one.plan, reference)
                    one.problems = sorted([*one.problems, *found], key=Problem.sort_key)
        formatter = FORMATTERS[fmt]
        problems = [p for one in loaded for p in one.problems]
        if fmt in ("json", "gitlab"):  # one document for every file
            out(formatter(problems, lang_, None, False))
        for one in loaded if fmt not in ("json", "gitlab") else ():
            out(formatter(one.problems, lang_, one.document, use_color(color) and fmt == "text"))
            if fmt != "text":
                continue
            errors = sum(p.level is Severity.ERROR for p in one.problems)
            shown = one.document.path
            if one.problems:
                warnings = len(one.problems) - errors
                summary = tr(
                    "summary.problems", lang_, path=shown, errors=errors, warnings=warnings
                )
            else:
                tasks = sum(1 for _ in one.plan.tasks) if one.plan else 0
                summary = tr("summary.ok", lang_, path=shown, tasks=tasks)
            out(summary + "\n")
        errors = sum(p.level is Severity.ERROR for p in problems)
        if errors or (strict and len(problems) > errors):
            raise typer.Exit(1)

    @command(app, "list", lang)
    def list_(
        plans: Annotated[list[str] | None, plans_argument(lang)] = None,
        section: Annotated[str | None, param("section", lang)] = None,
        output_format: Annotated[str, format_option(lang, LIST_FORMATS)] = "table",
        file: FileOpt = None,
        color: ColorOpt = "auto",
        lang_opt: LangOpt = None,
    ) -> None:
        from ..render import tasks as render_tasks

        lang_ = check_usage(lang_opt, output_format, LIST_FORMATS)
        plan = require_plans(plans, file, lang_)
        tasks = select_tasks(plan, section, lang_)
        if output_format == "json":
            emit(render_tasks.list_json(tasks), None, lang_)
        elif output_format == "table":
            out(render_tasks.list_table(plan, tasks, lang_, None, use_color(color)))
        else:
            render = {"csv": render_tasks.list_csv, "markdown": render_tasks.list_markdown}
            out(render[output_format](plan, tasks, lang_))

    @command(app, "show", lang)
    def show(
        task_id: Annotated[str, param("show id", lang)],
        output_format: Annotated[str, format_option(lang, ("text", "json"))] = "text",
        file: FileOpt = None,
        lang_opt: LangOpt = None,
    ) -> None:
        from ..render import tasks as render_tasks

        lang_ = check_usage(lang_opt, output_format, ("text", "json"))
        plan = require_plan(file, lang_)
        task = plan.task(task_id)
        if task is None:
            import difflib

            close = difflib.get_close_matches(task_id.upper(), [t.id for t in plan.tasks], n=3)
            hint = tr("hint.did_you_mean", lang_, names=", ".join(close)) if close else ""
            fail(tr("error.no_task", lang_, id=task_id, hint=hint), lang_)
        render = render_tasks.show_json if output_format == "json" else render_tasks.show_text
        out(render(plan, task, lang_))
