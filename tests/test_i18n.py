"""Languages, help and shell completion, for every command the app has (found at run time, so
commands added later are covered without editing this file).

- Every message has a Vietnamese and an English text, with the same placeholders, different
  where they carry language.
- `--help` of every command: a Vietnamese description with one example by default, English with
  `--lang en`, every option described in both.
- Running every command in every format with `--lang en` (on the shipped plan and on broken
  files) prints no Vietnamese UI words; with `--lang vi` no English-only UI words. Words from
  the plan itself (task titles, agency names) are data, not UI, and are allowed.
- Typer's completion works: the script it shows, the completion protocol, a real bash.
- Spreadsheets: every command's `--format csv` has the fields of its `--format json`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from cchc.cli import build_app
from cchc.i18n import MESSAGES
from cchc.problems import CATALOGUE
from cchc.yamlnodes import Map, Node, Scalar, Seq, parse

from .conftest import DATA, ROOT, TESTS, invoke

VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
WORD = re.compile(r"[^\W\d_]+")
HAS_VI = re.compile(f"[{VI_LETTERS}]", re.IGNORECASE)
PATHS = re.compile(r"\S*[\\/]\S*\.(?:yaml|yml|ics|json|docx|csv|txt)\b")
PLACEHOLDER = re.compile(r"\{(\w+)[^}]*\}")
# Quoted examples: 'so noi vu', "Quý IV/2023" (a quote mark inside a word is an apostrophe).
QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|“[^”]*”")

# Wordings of the plan file itself, which English texts cite as what to write in the file.
FILE_WORDINGS = (
    "Quý",
    "Tháng",
    "Năm",
    "Hằng năm",
    "Hàng năm",
    "Thường xuyên",
    "Thực hiện theo lộ trình",
    "hoàn thành",
    "đang thực hiện",
    "chưa thực hiện",
)
# Vietnamese texts that are rightly written without diacritics.
VI_WITHOUT_DIACRITICS = {"col.id": "STT, the usual abbreviation of số thứ tự"}
# Typer's own options: their help comes from Typer (see test_typer_texts_are_vietnamese_too).
FRAMEWORK_OPTIONS = {"--help", "--install-completion", "--show-completion"}
# Arguments a command cannot run without; a new command with a required argument must add one.
SAMPLE_ARGS: dict[str, list[str]] = {
    "show": ["VII.9"],
    # --dry-run: the plans run here are the shipped one and the broken fixtures
    "record": ["VII.9", "--status", "done", "--date", "20/12/2023", "--dry-run"],
    "export": ["--agency", "so noi vu"],  # the xlsx form is one agency's
    "import": [str(TESTS / "data" / "appendix-small.txt")],
}
# Commands whose --dry-run prints lines for the plan file, written in the file's words
PRINTS_PLAN_LINES = {"record", "import-progress"}


@cache
def filled_form() -> str:
    """A reporting form of the shipped plan, made by cchc and filled as an agency would."""
    import tempfile

    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx forms need openpyxl")
    form = Path(tempfile.mkdtemp(prefix="cchc-i18n-")) / "form.xlsx"
    args = ["export", "--format", "xlsx", "-a", "so noi vu", "-q", "IV/2023", "-o", str(form)]
    result = invoke([*args, "--file", str(DATA)], "vi")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(form)
    book.active["G5"], book.active["H5"] = "hoàn thành", "20/12/2023"
    book.save(form)
    return str(form)


def sample_args(name: str) -> list[str]:
    if name == "import-progress":
        return [filled_form(), "--dry-run"]
    return SAMPLE_ARGS.get(name, [])


# Plans to run every command on in English: the shipped one, and broken ones.
BROKEN = [TESTS / "broken" / n for n in ("D001-deadline-unparsed.yaml", "A001-unknown-agency.yaml")]
# Word lengths below this are too short to tell English from anything else (ID, to, of).
MIN_ENGLISH_WORD = 4


# --- helpers -----------------------------------------------------------------------------------
def leftover_vietnamese(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Vietnamese words left once quoted examples, plan-file wordings and the allowed words
    (the data) are taken out."""
    text = QUOTED.sub(" ", " ".join(text.split()))
    for wording in sorted(FILE_WORDINGS, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(wording)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return [w for w in WORD.findall(text) if HAS_VI.search(w) and w.lower() not in allowed]


def placeholders(text: str) -> set[str]:
    return {m.removesuffix("_en") for m in PLACEHOLDER.findall(text)}


def bears_language(text: str) -> bool:
    return bool(WORD.search(PLACEHOLDER.sub(" ", text)))


def scalars(node: Node | None) -> list[str]:
    if isinstance(node, Scalar):
        return [node.value] if node.value else []
    if isinstance(node, Map):
        return [v for k, n in node.entries for v in [k.value or "", *scalars(n)]]
    if isinstance(node, Seq):
        return [v for item in node.items for v in scalars(item)]
    return []


@cache
def data_values(path: Path) -> tuple[str, ...]:
    """The plan's values holding Vietnamese, longest first (comments excluded: they could hide
    UI words); the whole text when the file has no tree."""
    document = parse(path.read_bytes(), path.name)
    values = scalars(document.root) if has_tree(path) else document.text.splitlines()
    found = {" ".join(v.split()) for v in values if HAS_VI.search(v)}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def has_tree(path: Path) -> bool:
    return parse(path.read_bytes(), path.name).root is not None


@cache
def data_words(path: Path) -> frozenset[str]:
    return frozenset(w.lower() for v in data_values(path) for w in WORD.findall(v))


def ui_vietnamese(text: str, plan: Path, wrapped: bool = False) -> list[str]:
    """Vietnamese words of an output that are not the plan's data. Values are taken out whole;
    a table wraps and cuts them, so there any word of the plan's values counts as data."""
    text = PATHS.sub(" ", " ".join(text.split()))
    for value in data_values(plan):
        text = text.replace(value, " ")
    return leftover_vietnamese(text, data_words(plan) if wrapped else frozenset())


@cache
def english_only_words() -> frozenset[str]:
    """Words of the English messages that no Vietnamese message or plan value uses."""
    english = [en for _, en in MESSAGES.values()] + [c.en for c in CATALOGUE.values()]
    vietnamese = [vi for vi, _ in MESSAGES.values()] + [c.vi for c in CATALOGUE.values()]
    words = {w.lower() for t in english for w in WORD.findall(PLACEHOLDER.sub(" ", t))}
    used = {w.lower() for t in vietnamese for w in WORD.findall(PLACEHOLDER.sub(" ", t))}
    return frozenset(
        w for w in words - used - data_words(DATA) if len(w) >= MIN_ENGLISH_WORD and w.isascii()
    )


@cache
def commands(lang: str) -> dict[str, Any]:
    """The click commands Typer builds, by name."""
    group = get_command(build_app(lang))
    return dict(group.commands)  # type: ignore[attr-defined]


def option_names(command: Any) -> set[str]:
    return {name for p in command.params for name in getattr(p, "opts", [])}


def formats(name: str) -> list[str | None]:
    """The formats a command offers, as it states them when given one it does not know."""
    command = commands("en")[name]
    if "--format" not in option_names(command):
        return [None]
    result = invoke([name, *sample_args(name), "--format", "?", "--lang", "en"], "en")
    m = re.search(r"choose one of: (.+)$", result.stderr.strip())
    assert m, f"{name}: cannot learn its formats from {result.stderr!r}"
    return [f.strip() for f in m.group(1).split(",")]


def run(name: str, fmt: str | None, plan: Path, lang: str, tmp: Path) -> tuple[int, str]:
    """The command's whole text output (stdout and stderr); binary output is left out."""
    command = commands(lang)[name]
    args = [name, *sample_args(name), "--lang", lang]
    if name == "import" and fmt == "docx":  # a Word appendix, built for the run
        from .appendix_fixtures import small_docx

        args[1] = str(small_docx(tmp / "appendix.docx"))
    if name == "import":  # the plan file's keys are English in any language: check messages
        args += ["--output", str(tmp / "imported.yaml")]
    if "--file" in option_names(command):
        args += ["--file", str(plan)]
    # export's --quarter is its form's: with ics it is a usage error
    if "--quarter" in option_names(command) and (name != "export" or fmt == "xlsx"):
        args += ["--quarter", "IV/2023"]
    if fmt is not None:
        args += ["--format", fmt]
    result = invoke(args, lang)
    shown = result.stderr
    if (
        result.exit_code == 2
        and "--output" in result.stderr
        and "--output" in option_names(command)
    ):
        # a binary format goes to a file only; its refusal to print was checked above
        again = invoke([*args, "--output", str(tmp / f"out.{fmt}")], lang)
        return again.exit_code, shown + again.stderr
    assert "Traceback" not in result.stdout + result.stderr
    with contextlib.suppress(UnicodeDecodeError):  # binary (docx) output: not text to read
        shown += result.stdout_bytes.decode("utf-8")
    return result.exit_code, readable(shown)


def readable(text: str) -> str:
    """What a person reads of an output: of a calendar, its names and texts (property names and
    the product id are protocol); JSON escapes undone."""
    if text.startswith("BEGIN:VCALENDAR"):
        unfolded = text.replace("\r\n ", "")  # folding cuts inside words
        shown = ("SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:")
        kept = [line.split(":", 1)[1] for line in unfolded.splitlines() if line.startswith(shown)]
        text = "\n".join(kept).replace("\\,", ",").replace("\\;", ";")
    return text.replace("\\n", "\n")


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def all_runs() -> list[tuple[str, str | None]]:
    return [(name, fmt) for name in commands("en") for fmt in formats(name)]


# --- the message tables ------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_has_both_languages(key: str) -> None:
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip()
    assert placeholders(vi) == placeholders(en)
    if bears_language(vi) or bears_language(en):
        assert vi != en
        assert HAS_VI.search(vi) or key in VI_WITHOUT_DIACRITICS, vi
    assert leftover_vietnamese(en) == [], en


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_problem_message_has_both_languages(code: str) -> None:
    entry = CATALOGUE[code]
    assert placeholders(entry.vi) == placeholders(entry.en)
    if bears_language(entry.vi):
        assert entry.vi != entry.en
        assert HAS_VI.search(entry.vi)
    assert leftover_vietnamese(entry.en) == [], entry.en


# --- help ----------------------------------------------------------------------------------------
def test_every_command_is_described_with_one_example() -> None:
    for lang, example in (("vi", "Ví dụ: cchc "), ("en", "Example: cchc ")):
        for name, command in commands(lang).items():
            help_text = " ".join((command.help or "").split())
            assert help_text.count(example) == 1, (lang, name, help_text)
            assert help_text.split(example, 1)[1].startswith(name), (lang, name)
            if lang == "vi":
                assert HAS_VI.search(help_text.split(example)[0]), name
            else:
                assert leftover_vietnamese(help_text) == [], (name, help_text)


def test_every_option_is_described_in_both_languages() -> None:
    for lang in ("vi", "en"):
        for name, command in commands(lang).items():
            for param in command.params:
                opts = set(getattr(param, "opts", []))
                if opts & FRAMEWORK_OPTIONS:
                    continue
                described = getattr(param, "help", None) or ""
                assert described.strip(), (lang, name, opts)
                if lang == "vi":
                    assert HAS_VI.search(described), (name, opts, described)
                else:
                    assert leftover_vietnamese(described) == [], (name, opts, described)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rendered_help_follows_the_language(lang: str) -> None:
    for args in [[], *([n] for n in commands(lang))]:
        result = invoke([*args, "--help"], lang)
        assert result.exit_code == 0
        if lang == "en":
            assert leftover_vietnamese(result.stdout) == [], (args, result.stdout)
        else:
            assert HAS_VI.search(result.stdout)


def test_cchc_lang_environment_variable_switches_help_and_messages() -> None:
    env = {**os.environ, "CCHC_LANG": "en", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "cchc", "export", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Export task deadlines as a calendar file" in out
    result = invoke(["validate", str(DATA)], "vi", env={"CCHC_LANG": "en"})
    assert result.stdout.endswith("no problems (34 tasks).\n")


def test_typer_texts_are_vietnamese_too() -> None:
    text = invoke(["export", "--help"], "vi").stdout
    for english in ("Usage:", "Options:", "Show this message and exit.", "[default:"):
        assert english not in text
    assert "Cách dùng: cchc export" in text and "Tùy chọn:" in text
    error = invoke(["due", "--ahead", "x"], "vi")
    assert error.exit_code == 2
    assert "cchc: lỗi: giá trị 'x' của --ahead không phải là số nguyên" in error.stderr
    assert "Xem 'cchc due --help'." in error.stderr
    english = invoke(["due", "--ahead", "x", "--lang", "en"], "en")
    assert "cchc: error: Invalid value for '--ahead': 'x' is not a valid int" in english.stderr


# --- running every command ---------------------------------------------------------------
@pytest.mark.parametrize(("name", "fmt"), all_runs())
def test_english_output_has_no_vietnamese_ui_words(
    name: str, fmt: str | None, tmp_path: Path
) -> None:
    code, text = run(name, fmt, DATA, "en", tmp_path)
    assert code in (0, 1), text
    if name in PRINTS_PLAN_LINES:  # --dry-run prints the lines for the file, in Vietnamese
        text = "\n".join(line for line in text.splitlines() if ": + " not in line)
    # The HTML page's charts clip long section titles ("…") as the terminal table wraps them,
    # and escape quotes and ampersands: there any word of the plan's values counts as data.
    assert ui_vietnamese(text, DATA, wrapped=fmt in ("table", "html")) == []


@pytest.mark.parametrize("plan", BROKEN, ids=[p.stem for p in BROKEN])
@pytest.mark.parametrize("name", list(commands("en")))
def test_english_errors_on_a_broken_plan(name: str, plan: Path, tmp_path: Path) -> None:
    if "--file" not in option_names(commands("en")[name]):
        pytest.skip(f"{name} reads no plan")
    code, text = run(name, None, plan, "en", tmp_path)
    assert code == 1, text
    assert ui_vietnamese(text, plan) == [], text


@pytest.mark.parametrize("path", sorted((TESTS / "broken").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_problem_message_in_english(path: Path) -> None:
    result = invoke(["validate", str(path), "--lang", "en"], "en")
    # without a tree, the quoted source line is all there is of the data (maybe with a control
    # character replaced): its words count as data
    assert ui_vietnamese(result.stdout, path, wrapped=not has_tree(path)) == [], result.stdout


def page_text(page: str) -> str:
    """The text of an HTML page a reader meets: text outside <style> and <script>, and the
    attributes a browser shows or reads aloud."""
    from html.parser import HTMLParser

    parts: list[str] = []
    skip = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("style", "script"):
                skip.append(tag)
            parts.extend(v or "" for k, v in attrs if k in ("placeholder", "title", "alt"))

        def handle_endtag(self, tag: str) -> None:
            if skip and skip[-1] == tag:
                skip.pop()

        def handle_data(self, data: str) -> None:
            if not skip:
                parts.append(data)

    Reader().feed(page)
    return " ".join(parts)


@pytest.mark.parametrize(("name", "fmt"), [r for r in all_runs() if r[1] not in ("json", "csv")])
def test_vietnamese_output_has_no_english_only_words(
    name: str, fmt: str | None, tmp_path: Path
) -> None:
    # JSON and CSV name their fields in English on purpose: they are for programs
    code, text = run(name, fmt, DATA, "vi", tmp_path)
    assert code in (0, 1), text
    if name in PRINTS_PLAN_LINES:  # --dry-run prints the file's lines, whose keys are English
        text = "\n".join(line for line in text.splitlines() if ": + " not in line)
    if is_json(text):
        pytest.skip(f"{name} prints JSON")
    if fmt == "html":  # the words a reader sees, not the markup, style sheet and script
        text = page_text(text)
    text = PATHS.sub(" ", text)  # file names are not words of the interface
    found = sorted({w for w in WORD.findall(text) if w.lower() in english_only_words()})
    assert found == []


def test_english_only_words_are_a_real_list() -> None:
    # guards the test above against an empty word list
    assert {"overdue", "upcoming", "problems", "warnings"} <= english_only_words()


# --- shell completion --------------------------------------------------------------------------
def cchc_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("CCHC_", "_CCHC", "COMP_"))}
    full.update(env)
    full["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args],
        env=full,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_show_completion_prints_a_bash_script() -> None:
    shown = cchc_process(
        {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, "--show-completion", "bash"
    )
    assert shown.returncode == 0
    assert "_CCHC_COMPLETE=complete_bash" in shown.stdout
    assert "complete -o default -F _cchc_completion cchc" in shown.stdout


def test_completion_protocol_offers_every_command_and_option() -> None:
    words = cchc_process(
        {"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": "cchc ", "COMP_CWORD": "1"}
    )
    assert words.stdout.split() == list(commands("vi"))
    options = cchc_process(
        {"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": "cchc export --", "COMP_CWORD": "2"}
    )
    assert {"--format", "--agency", "--output", "--file", "--lang"} <= set(options.stdout.split())


def test_install_completion_writes_the_script_for_bash(tmp_path: Path) -> None:
    installed = cchc_process(
        {"HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        "--install-completion",
        "bash",
    )
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / ".bash_completions" / "cchc.sh"
    assert "_CCHC_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_completion_in_a_real_bash(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash on this machine")
    script = cchc_process(
        {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, "--show-completion", "bash"
    )
    (tmp_path / "cchc.sh").write_text(script.stdout, encoding="utf-8")
    shim = tmp_path / "bin" / "cchc"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cchc "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    line = (
        f"source {tmp_path / 'cchc.sh'}; COMP_WORDS=(cchc ex); COMP_CWORD=1; "
        '_cchc_completion cchc; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {
        "PATH": f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [bash, "--norc", "-c", line], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["export"], done.stderr


# --- spreadsheets: CSV has the fields of JSON ------------------------------------------------
# Plans and arguments under which every field of the JSON carries a value somewhere, so the
# flattened nested objects (due's progress and match) show up in the JSON's fields too.
CSV_RUNS = {
    "due": (TESTS / "data" / "progress_due.yaml", ["--agency", "Sở Nội vụ", "--role", "any"])
}


def csv_runs() -> list[Any]:
    return [n for n in commands("en") if {"csv", "json"} <= set(formats(n))]


def json_fields(value: Any) -> tuple[list[str], str | None]:
    """The fields of the records a JSON output holds, and the name of the key that groups them
    when the records come in several lists (due: one list per bucket).

    A nested object counts as its own fields ("progress.status"); a list counts as one field
    (a CSV cell joins its items)."""

    def flat(record: dict[str, Any], prefix: str = "") -> list[str]:
        keys: list[str] = []
        for k, v in record.items():
            if isinstance(v, dict):
                keys += flat(v, f"{prefix}{k}.")
            else:
                keys.append(prefix + k)
        return keys

    groups = (
        [value]
        if isinstance(value, list)
        else [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    )
    fields: list[str] = []
    for records in groups:
        for record in records:
            fields += [f for f in flat(record) if f not in fields]
    # a nested object that is null in some records is the same field as its flattened keys
    fields = [f for f in fields if not any(g.startswith(f + ".") for g in fields)]
    return fields, ("grouped" if isinstance(value, dict) and len(groups) > 1 else None)


@pytest.mark.parametrize("name", csv_runs())
def test_csv_has_the_fields_of_json(name: str) -> None:
    plan, extra = CSV_RUNS.get(name, (DATA, []))
    base = [name, *sample_args(name), *extra, "--file", str(plan)]
    if "--quarter" in option_names(commands("en")[name]):
        base += ["--quarter", "IV/2023"]
    if "--all" in option_names(commands("en")[name]):
        base.append("--all")
    as_csv = invoke([*base, "--format", "csv"])
    as_json = invoke([*base, "--format", "json"])
    assert as_csv.stdout_bytes.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    assert b"\r\n" in as_csv.stdout_bytes
    header = next(csv.reader(io.StringIO(as_csv.stdout.removeprefix("\ufeff"))))
    fields, grouped = json_fields(json.loads(as_json.stdout))
    expected = set(fields) | ({header[0]} if grouped else set())
    assert set(header) == expected, (
        f"CSV lacks {sorted(expected - set(header))}, has extra {sorted(set(header) - expected)}"
    )
