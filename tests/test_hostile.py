"""Hostile input: never a traceback, never code from the data, never lost data (issue 6).

The catalogue in tests/hostile/ holds small files made by tests/hostile/make.py from a valid plan
(base.yaml); the expected problems of each are written by hand below, from the file's lines.
Large or generated inputs (50 MB, billion laughs, nesting thousands deep, a .docx) are made in
a temporary folder by the tests that need them. Every file goes through every command that reads
a plan (discovered from the app, see tests/hostile/harness.py) and through the loader with
libyaml and with the pure-Python parser.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cchc import __version__, cli, fileio, textedit
from cchc.load import load, load_bytes
from cchc.problems import Span
from cchc.yamlnodes import Map, Scalar, parse, value_budget

from .conftest import invoke
from .hostile import harness, make

HOSTILE = Path(__file__).resolve().parent / "hostile"
LOADERS = [pytest.param(True, id="libyaml"), pytest.param(False, id="python")]
if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML built without libyaml
    LOADERS = [pytest.param(False, id="python")]

Found = list[tuple[str, int, int]]
# Where each value with a diacritic starts in base.yaml; only ASCII precedes it on its line, so
# decomposing the text (NFD) does not move it.
NFD_VALUES = [
    (3, 10), (4, 11), (5, 13), (7, 11), (8, 9), (10, 11), (13, 11),
    (16, 12), (19, 16), (21, 13), (23, 13), (24, 19), (26, 16), (29, 19),
]  # fmt: skip

# file → (exit code of `cchc validate`, problems with libyaml, problems with the pure-Python
# parser when they differ). Positions are 1-based line:column, counted by hand from the files.
CATALOGUE: dict[str, tuple[int, Found, Found | None]] = {
    "base.yaml": (0, [], None),
    # line 24 `        deadline: 2023-02-30` and line 37 `            date: 30/02/2023`: both
    # values start in column 19
    "date-feb-30.yaml": (1, [("D001", 24, 19), ("P002", 37, 19)], None),
    # version: 99…9 (5000 digits); a title of 5000 digits is text, and fine
    "integer-5000-digits.yaml": (1, [("S005", 1, 10)], None),
    # `  title: !!python/object/apply:os.system [...]`: a tagged list where text belongs
    "tag-python-object.yaml": (1, [("Y003", 3, 10), ("S001", 3, 10)], None),
    "tag-int.yaml": (1, [("Y003", 1, 10)], None),
    "tag-timestamp.yaml": (1, [("Y003", 24, 19)], None),
    "tag-bool.yaml": (1, [("Y003", 19, 16)], None),
    "tag-local.yaml": (1, [("Y003", 4, 11)], None),
    # `  - name: &snv Sở Nội vụ` (the anchored value is kept) and `          - *snv`
    "anchor-alias.yaml": (1, [("Y004", 10, 11), ("Y004", 21, 13)], None),
    # `        partners: &x [*x]`: a list holding itself
    "self-reference.yaml": (1, [("Y004", 22, 19), ("Y004", 22, 23)], None),
    # a second `  title:` on line 4 (first on line 3)
    "duplicate-key.yaml": (1, [("Y002", 4, 3)], None),
    # `1: một` on line 2 and `"1": hai` on line 3: the same key, no typing
    "duplicate-key-1.yaml": (1, [("S003", 2, 1), ("Y002", 3, 1)], None),
    # `  title: Kế\x00hoạch\x1b[31m thử\x7f` and `    title: Công\x86tác …`
    "control-characters.yaml": (
        1,
        [("Y006", 3, 12), ("Y006", 3, 18), ("Y006", 3, 27), ("Y006", 16, 16)],
        None,
    ),
    # escapes that decode to controls: `"…\e]0;pwned\a…"` (sets the terminal's title),
    # `"…\u202e…"` (reverses the text shown after it), `"…\r…"`; reported at each value
    "escaped-controls.yaml": (1, [("Y006", 3, 10), ("Y006", 4, 11), ("Y006", 26, 16)], None),
    # `  title: "Kế hoạch \ud800 thử"`: libyaml refuses the escape (at its first hex digit),
    # the pure-Python parser decodes a lone surrogate, which the loader refuses in the value
    "lone-surrogate.yaml": (1, [("Y001", 3, 22)], [("Y006", 3, 10)]),
    "utf16-le-bom.yaml": (1, [("Y005", 1, 1)], None),
    "utf16-be-bom.yaml": (1, [("Y005", 1, 1)], None),
    "utf16-no-bom.yaml": (1, [("Y005", 1, 1)], None),
    "utf32-bom.yaml": (1, [("Y005", 1, 1)], None),
    "utf8-bom.yaml": (0, [], None),
    "crlf.yaml": (0, [], None),
    "crlf-duplicate-key.yaml": (1, [("Y002", 4, 3)], None),
    "cr-only.yaml": (0, [], None),
    # U+2028 breaks line 4 (YAML counts it as a line break): `thử` on line 5 is a key
    # without ':'
    "line-separator.yaml": (1, [("Y001", 5, 1)], None),
    # `  source: Café crème` in Latin-1: the byte of 'é' is column 14
    "latin1.yaml": (1, [("Y005", 4, 14)], None),
    # the first letter that is not ASCII: 'ế' of `  title: Kế hoạch thử`, column 11; in VNI
    # 'ế' is 'e' and a modifier byte, so the first byte that is not UTF-8 is in column 12
    "windows-1258.yaml": (1, [("Y005", 3, 11)], None),
    "tcvn3.yaml": (1, [("Y005", 3, 11)], None),
    "vni.yaml": (1, [("Y005", 3, 12)], None),
    # `  title: KÕ ho¹ch thö` in UTF-8: '¹' (column 15) is no letter of Vietnamese
    "tcvn3-in-utf8.yaml": (1, [("Y005", 3, 15)], None),
    # every value with a diacritic, each preceded on its line by ASCII only: warnings
    "nfd.yaml": (0, [("T001", line, column) for line, column in NFD_VALUES], None),
    "tab-indent.yaml": (1, [("Y001", 4, 1)], None),
    # base.yaml has 29 lines; the second document starts on line 30
    "multi-document.yaml": (1, [("Y008", 30, 1)], None),
    "empty.yaml": (1, [("Y009", 1, 1)], None),
    "only-comments.yaml": (1, [("Y009", 1, 1)], None),
    # JSON is YAML: a plan written as JSON is a plan
    "json.yaml": (0, [], None),
    "not-yaml.pdf": (1, [("Y005", 1, 1)], None),
}
FILES = sorted(CATALOGUE)


def found(problems: list[object]) -> Found:
    return sorted((p.code, p.span.line, p.span.column) for p in problems)  # type: ignore[attr-defined]


def expected(name: str, use_libyaml: bool) -> Found:
    _code, fast, slow = CATALOGUE[name]
    return sorted(fast if use_libyaml or slow is None else slow)


# --- the catalogue ----------------------------------------------------------------------------
def test_the_catalogue_is_what_make_py_writes() -> None:
    written = {p.name for p in HOSTILE.iterdir() if p.suffix in (".yaml", ".pdf")}
    assert written == set(CATALOGUE)
    for name, data in make.cases().items():
        assert (HOSTILE / name).read_bytes() == data, f"run python tests/hostile/make.py ({name})"


def test_legacy_files_hold_real_legacy_bytes() -> None:
    """Byte strings written by hand from the code tables, for "Hà Tĩnh" and "Sở Nội vụ"."""
    tcvn3 = (HOSTILE / "tcvn3.yaml").read_bytes()
    assert b"H\xb5 T\xdcnh" in tcvn3  # à = B5, ĩ = DC
    assert b"S\xeb N\xe9i v\xf4" in tcvn3  # ở = EB, ộ = E9, ụ = F4
    vni = (HOSTILE / "vni.yaml").read_bytes()
    assert b"Ha\xf8 T\xf3nh" in vni  # a + ø (huyền), ĩ = ó
    assert b"S\xf4\xfb No\xe4i vu\xef" in vni  # ơ = ô, û (hỏi); o + ä (ộ); u + ï (nặng)
    cp1258 = (HOSTILE / "windows-1258.yaml").read_bytes()
    assert b"H\xe0 Ti\xdenh" in cp1258  # à precomposed; i + combining tilde (DE)
    assert b"S\xf5\xd2 N\xf4\xf2i vu\xf2" in cp1258  # ơ (F5) + hook (D2); ô + dot (F2)


@pytest.mark.parametrize("use_libyaml", LOADERS)
@pytest.mark.parametrize("name", FILES)
def test_loader_reports_exactly(name: str, use_libyaml: bool) -> None:
    data = (HOSTILE / name).read_bytes()
    loaded = load_bytes(data, name, use_libyaml=use_libyaml)
    assert found(loaded.problems) == expected(name, use_libyaml)
    assert harness.span_complaints(loaded.problems, harness.file_lines(data)) == []


@pytest.mark.parametrize("name", FILES)
def test_validate_exit_code_and_positions(name: str) -> None:
    result = invoke(["validate", str(HOSTILE / name), "--format", "json"])
    rows = json.loads(result.stdout)
    assert sorted((r["code"], r["line"], r["column"]) for r in rows) == expected(name, True)
    assert result.exit_code == CATALOGUE[name][0]


@pytest.mark.parametrize("name", FILES)
def test_every_command_on_the_catalogue(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = HOSTILE / name
    assert harness.run_all(path) == {}
    monkeypatch.setattr("cchc.yamlnodes._FastLoader", None)
    assert harness.run_all(path) == {}


def test_commands_refuse_to_compute_from_a_broken_file() -> None:
    """Exit 1 and the located problems from every command, not a result from half a plan."""
    path = HOSTILE / "date-feb-30.yaml"
    for command in harness.plan_commands():
        result, _ = harness.invoke(command, path)
        assert result.exit_code == 1, command
        assert "date-feb-30.yaml:24:19: error D001" in result.stdout + result.stderr, command


# --- what the messages say ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "vi", "en"),
    [
        (
            "tcvn3.yaml",
            "tệp dùng bảng mã TCVN3, hãy chuyển sang Unicode",
            "legacy TCVN3 (ABC) encoding; convert it to Unicode",
        ),
        ("vni.yaml", "tệp dùng bảng mã VNI, hãy chuyển sang Unicode", "legacy VNI encoding"),
        ("tcvn3-in-utf8.yaml", "tệp dùng bảng mã TCVN3", "TCVN3"),
        ("windows-1258.yaml", "tệp dùng bảng mã Windows-1258", "Windows-1258"),
        ("latin1.yaml", "byte 0xE9 không hợp lệ, có thể là Latin-1", "invalid byte 0xE9"),
        ("utf16-le-bom.yaml", "tệp được lưu ở mã UTF-16; hãy lưu lại ở UTF-8", "save it as UTF-8"),
        ("tab-indent.yaml", "dùng dấu cách, không dùng tab", "indent with spaces, not tabs"),
        ("not-yaml.pdf", "đây là tài liệu PDF", "this is a PDF document"),
        ("line-separator.yaml", "thiếu dấu ':' sau khoá", "a key needs ':'"),
        ("control-characters.yaml", "ký tự điều khiển U+001B", "control character U+001B"),
    ],
)
def test_messages_say_what_is_wrong(name: str, vi: str, en: str) -> None:
    path = HOSTILE / name
    assert vi in invoke(["validate", str(path)]).stdout
    assert en in invoke(["validate", str(path), "--lang", "en"]).stdout


def test_control_characters_do_not_reach_the_terminal() -> None:
    """The quoted line of a problem holds the file's ESC byte replaced, not raw."""
    result = invoke(["validate", str(HOSTILE / "control-characters.yaml")])
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout


# --- generated inputs -------------------------------------------------------------------------
def billion_laughs(levels: int = 9, width: int = 9) -> bytes:
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    return ("\n".join(lines) + "\n").encode()


def peak_memory(run: Callable[[], object]) -> tuple[int, float]:
    """(peak bytes allocated by Python, seconds) while run() runs."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        run()
        return tracemalloc.get_traced_memory()[1], time.perf_counter() - start
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_billion_laughs_is_refused_without_expanding(use_libyaml: bool) -> None:
    data = billion_laughs()
    loaded = load_bytes(data, "lol.yaml", use_libyaml=use_libyaml)
    aliases = {(p.span.line, p.span.column) for p in loaded.problems if p.code == "Y004"}
    # an anchor after `x: ` on every line (column 4); nine aliases `*y` four columns apart
    # from column 8 on lines 2 to 9
    anchors = {(line, 4) for line in range(1, 10)}
    uses = {(line, 8 + 4 * k) for line in range(2, 10) for k in range(9)}
    assert aliases == anchors | uses
    peak, seconds = peak_memory(lambda: load_bytes(data, "lol.yaml", use_libyaml=use_libyaml))
    assert peak < 2 * 2**20  # 9**9 "lol"s would be 387 million strings
    assert seconds < 2


def test_billion_laughs_through_every_command(tmp_path: Path) -> None:
    path = tmp_path / "lol.yaml"
    path.write_bytes(billion_laughs(levels=30, width=10))
    assert harness.run_all(path, exit_codes=(1,)) == {}


def nested(depth: int) -> dict[str, bytes]:
    return {
        # `- - - … x`: block lists in one line, the k-th starting in column 2k-1
        "block-lists": b"- " * depth + b"x\n",
        # `a:` then `  a:` …: the k-th mapping starts on line k, column 2k-1
        "block-mappings": b"".join(b"  " * k + b"a:\n" for k in range(depth)),
        "flow-lists": b"[" * depth + b"]" * depth + b"\n",
        "flow-mappings": b"{a: " * depth + b"x" + b"}" * depth + b"\n",
    }


@pytest.mark.parametrize("use_libyaml", LOADERS)
@pytest.mark.parametrize(
    ("kind", "depth", "where"),
    [
        # the 65th collection is refused (MAX_DEPTH is 64)
        ("block-lists", 5000, (1, 129)),
        ("block-mappings", 1000, (65, 129)),
        # libyaml stops flow nesting itself at 1000 levels, before the loader sees level 65
        ("flow-lists", 5000, (1, 65)),
        ("flow-mappings", 5000, (1, 257)),
    ],
)
def test_deep_nesting(use_libyaml: bool, kind: str, depth: int, where: tuple[int, int]) -> None:
    data = nested(depth)[kind]
    loaded = load_bytes(data, "deep.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in loaded.problems] == ["Y007"]
    position = (loaded.problems[0].span.line, loaded.problems[0].span.column)
    libyaml_limit = {"flow-lists": (1, 1001), "flow-mappings": (1, 4001)}.get(kind)
    assert position == where or (use_libyaml and position == libyaml_limit)
    peak, seconds = peak_memory(lambda: load_bytes(data, "deep.yaml", use_libyaml=use_libyaml))
    assert peak < 4 * 2**20 + 2 * len(data)
    assert seconds < 2


def test_deep_nesting_through_every_command(tmp_path: Path) -> None:
    for kind, data in nested(3000).items():
        if kind == "block-mappings":  # the file grows with the square of the depth
            data = nested(1000)[kind]
        path = tmp_path / f"{kind}.yaml"
        path.write_bytes(data)
        assert harness.run_all(path, exit_codes=(1,)) == {}, kind


def test_a_50_mb_file_is_refused_after_reading_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    size = 50 * 2**20
    with path.open("wb") as stream:
        stream.write(b"version: 1\n")
        line = b"# " + b"x" * 97 + b"\n"
        stream.write(line * (size // len(line) + 1))
        stream.truncate(size)
    start = time.perf_counter()
    result = invoke(["validate", str(path)])
    assert time.perf_counter() - start < 2
    assert result.exit_code == 1
    # 52428800 bytes, over the default 32 MiB; the next power of two as the suggestion
    assert "big.yaml:1:1: error Y011 tệp quá lớn: 52428800 byte, giới hạn 33554432 byte" in (
        result.stdout
    )
    assert "CCHC_MAX_BYTES=67108864" in result.stdout
    english = invoke(["validate", str(path), "--lang", "en"]).stdout
    assert "raise the limit with the environment variable CCHC_MAX_BYTES" in english
    # only the cap and one byte are read: the peak stays below the file's size
    peak, _ = peak_memory(lambda: load(path))
    assert 32 * 2**20 < peak < 40 * 2**20
    monkeypatch.setenv("CCHC_MAX_BYTES", str(2**20))
    peak, _ = peak_memory(lambda: load(path))
    assert peak < 3 * 2**20
    for command in harness.plan_commands():
        result, seconds = harness.invoke(command, path, env={"CCHC_MAX_BYTES": str(2**20)})
        assert harness.result_complaints(result, seconds, path, b"", (1,)) == [], command


def test_the_message_on_size_says_how_to_raise_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes((HOSTILE / "base.yaml").read_bytes())  # 600 bytes or so
    small = invoke(["validate", str(path)], env={"CCHC_MAX_BYTES": "100"})
    assert small.exit_code == 1
    assert "giới hạn 100 byte" in small.stdout
    assert "CCHC_MAX_BYTES=1024" in small.stdout  # 600 < 1024
    assert invoke(["validate", str(path)], env={"CCHC_MAX_BYTES": "1024"}).exit_code == 0
    # a setting that is not a positive number is ignored, never a reason to read everything
    for bad in ("lots", "-5", "0", ""):
        assert invoke(["validate", str(path)], env={"CCHC_MAX_BYTES": bad}).exit_code == 0


def test_a_file_of_nothing_but_values_is_refused_early(tmp_path: Path) -> None:
    """`[a,a,a,…]` would take a hundred times its size in memory once parsed."""
    items = 30_000
    data = b"version: [" + b"a," * items + b"a]\n"
    # 10 + 2 × 30 000 + 3 bytes: 20 000 values, and one per 8 bytes
    assert len(data) == 60_013
    assert value_budget(len(data)) == 20_000 + 7_501
    for use_libyaml in (True, False):
        loaded = load_bytes(data, "dense.yaml", use_libyaml=use_libyaml)
        assert [p.code for p in loaded.problems] == ["Y011"]
        # values 1 to 3 are the mapping, `version` and the list; the 27 502nd value is item
        # 27 499, in column 11 + 2 × 27 498
        assert (loaded.problems[0].span.line, loaded.problems[0].span.column) == (1, 55_007)
        assert "quá nhiều so với cỡ tệp" in loaded.problems[0].message("vi")
    # memory: a couple of hundred bytes for each value the budget allows, that is at most
    # 4 MB and 25 times the size beyond (benchmarks/robustness.py measures 31 times on 1 MB)
    big = b"version: [" + b"a," * 100_000 + b"a]\n"
    peak, _ = peak_memory(lambda: load_bytes(big, "dense.yaml"))
    assert peak < 300 * value_budget(len(big))
    path = tmp_path / "dense.yaml"
    path.write_bytes(data)
    assert harness.run_all(path, exit_codes=(1,)) == {}


def test_thousands_of_duplicate_keys_are_cut_short(tmp_path: Path) -> None:
    data = b"version: 1\n" * 100_000
    loaded = load_bytes(data, "dups.yaml")
    # the first 500 repeats, on lines 2 to 501
    assert found(loaded.problems) == [("Y002", line, 1) for line in range(2, 502)]
    path = tmp_path / "dups.yaml"
    path.write_bytes(data)
    assert harness.run_all(path, exit_codes=(1,)) == {}


def test_a_long_line_with_many_problems_prints_a_window(tmp_path: Path) -> None:
    path = tmp_path / "dups.yaml"
    path.write_bytes(b"{" + b"a: 1, " * 2_000 + b"}\n")  # 500 problems on a 12 kB line
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert len(result.stdout) < 500 * 1_000


def test_a_very_long_line_is_fine(tmp_path: Path) -> None:
    text = (HOSTILE / "base.yaml").read_text(encoding="utf-8")
    path = tmp_path / "long.yaml"
    path.write_text(text.replace("Đề án thử thứ nhất", "Đề án " * 6_000), encoding="utf-8")
    assert harness.run_all(path, exit_codes=(0,)) == {}


def docx_bytes(tmp_path: Path) -> bytes:
    """A real .docx from python-docx when it is installed; else the same ZIP layout by hand."""
    target = tmp_path / "plan.docx"
    try:
        import docx

        document = docx.Document()
        document.add_paragraph("version: 1")
        document.save(str(target))
    except ImportError:
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
    return target.read_bytes()


def test_a_word_document_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(docx_bytes(tmp_path))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert "tasks.yaml:1:1: error Y005 đây là tài liệu Word (.docx)" in result.stdout
    assert harness.run_all(path, exit_codes=(1,)) == {}


@pytest.mark.parametrize("use_libyaml", LOADERS)
def test_no_code_from_the_data(
    tmp_path: Path, use_libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "pwned"
    text = (HOSTILE / "base.yaml").read_text(encoding="utf-8")
    for line, tagged in (
        ("title: Kế hoạch thử", f'title: !!python/object/apply:os.system ["touch {marker}"]'),
        ("source: Phụ lục thử", f'source: !!python/object/new:pathlib.Path ["{marker}"]'),
        ("province: Hà Tĩnh", "province: !!python/name:os.system"),
        ("deadline: Hàng năm", "deadline: !!python/module:os"),
    ):
        text = text.replace(line, tagged)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_bytes(path.read_bytes(), "plan.yaml", use_libyaml=use_libyaml)
    assert [p.code for p in loaded.problems].count("Y003") == 4
    if not use_libyaml:
        monkeypatch.setattr("cchc.yamlnodes._FastLoader", None)
    assert harness.run_all(path, exit_codes=(1,)) == {}
    assert not marker.exists()


# --- paths that are no plan file -------------------------------------------------------------
def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    for command in harness.plan_commands():
        result, _ = harness.invoke(command, tmp_path)
        assert result.exit_code == 2, command
        assert result.stderr == f"cchc: lỗi: {tmp_path}: đây là thư mục, không phải tệp\n"


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "không-có.yaml"
    for command in harness.plan_commands():
        result, _ = harness.invoke(command, missing)
        assert result.exit_code == 2, command
        assert result.stderr.startswith(f"cchc: lỗi: {missing}: không tìm thấy tệp")
    english, _ = harness.invoke(harness.plan_commands()[0], missing, ["--lang", "en"])
    assert "no such file" in english.stderr


def test_a_path_with_a_nul_character() -> None:
    result = invoke(["validate", "plan\x00.yaml"])
    assert result.exit_code == 2
    assert "đường dẫn chứa ký tự không hợp lệ" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes: Linux")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"k\xe9-ho\xe1ch.yaml")
    path.write_bytes((HOSTILE / "duplicate-key.yaml").read_bytes())
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert "k\ufffd-ho\ufffdch.yaml:4:3: error Y002" in result.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes((HOSTILE / "base.yaml").read_bytes())
    path.chmod(0)
    result = invoke(["validate", str(path)])
    assert result.exit_code == 2
    assert "không có quyền đọc tệp" in result.stderr


# --- the top of the command line ---------------------------------------------------------------
def boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("boom\nsecond line of the cause")


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        cli.main(args)
    code = stopped.value.code
    return int(code) if isinstance(code, int) else -1, capsys.readouterr().err


def test_internal_error_is_one_line_with_the_version(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cchc.load.check", boom)
    code, err = run_main(["validate", str(HOSTILE / "base.yaml")], capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"cchc: lỗi nội bộ của cchc {__version__}: RuntimeError: boom second")
    assert "Hãy báo lỗi kèm lệnh đã chạy và tệp dữ liệu" in err
    assert "--debug" in err and "Traceback" not in err
    code, err = run_main(["validate", str(HOSTILE / "base.yaml"), "--lang", "en"], capsys)
    assert err.startswith(f"cchc: internal error in cchc {__version__}: RuntimeError: boom")
    assert "Please report it" in err


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cchc.load.check", boom)
    code, err = run_main(["--debug", "validate", str(HOSTILE / "base.yaml")], capsys)
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: boom" in err
    assert err.splitlines()[-1].startswith("cchc: lỗi nội bộ")
    monkeypatch.setenv("CCHC_DEBUG", "1")
    _, err = run_main(["validate", str(HOSTILE / "base.yaml")], capsys)
    assert "Traceback (most recent call last)" in err


def test_an_error_while_building_the_app_is_guarded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cchc.cli.build_app", boom)
    code, err = run_main(["validate"], capsys)
    assert code == 2
    assert err.startswith("cchc: lỗi nội bộ") and err.count("\n") == 1


def test_ctrl_c_ends_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("cchc.cli.build_app", interrupted)
    code, err = run_main(["validate"], capsys)
    assert code == 130
    assert "Traceback" not in err


def test_a_closed_pipe_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    def closed() -> None:
        raise BrokenPipeError

    with pytest.raises(SystemExit) as stopped:
        cli.guarded(closed, False, "vi")
    assert stopped.value.code == 0
    assert capsys.readouterr().err == ""


def test_read_and_write_refusals_that_escape_a_command_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def refused() -> None:
        raise fileio.WriteRefused("out.md", "không ghi được", "cannot write")

    with pytest.raises(SystemExit) as stopped:
        cli.guarded(refused, False, "vi")
    assert stopped.value.code == 2
    assert capsys.readouterr().err == "cchc: lỗi: out.md: không ghi được\n"


def test_output_that_cannot_show_vietnamese_gets_escapes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Latin-1 terminal: no UnicodeEncodeError half way through the output."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["validate", str(HOSTILE / "base.yaml")])
    stream.flush()
    assert stopped.value.code == 0
    # ô and ó are Latin-1; ỗ, ệ and ụ are not
    assert raw.getvalue().endswith(b"kh\xf4ng c\xf3 l\\u1ed7i (2 nhi\\u1ec7m v\\u1ee5).\n")


def test_typer_pretty_exceptions_are_off() -> None:
    assert cli.build_app("vi").pretty_exceptions_enable is False


# --- never lost data ----------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_no_command_writes_to_the_plan_or_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes((HOSTILE / "base.yaml").read_bytes())
    before = snapshot(tmp_path)
    assert harness.run_all(path, exit_codes=(0,)) == {}
    assert snapshot(tmp_path) == before


OUTPUT_COMMANDS = [c for c in harness.plan_commands() if "--output" in c.options]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=[c.name for c in OUTPUT_COMMANDS])
def test_output_never_over_the_plan_file(command: harness.PlanCommand, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes((HOSTILE / "base.yaml").read_bytes())
    (tmp_path / "link.yaml").symlink_to(path)
    before = snapshot(tmp_path)
    for target in (path, tmp_path / "link.yaml", tmp_path / "sub" / ".." / "tasks.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        result, _ = harness.invoke(command, path, ["--output", str(target)])
        assert result.exit_code == 2, (command, target, result.stdout, result.stderr)
        assert "không ghi đè lên tệp kế hoạch" in result.stderr
    (tmp_path / "sub").rmdir()
    assert snapshot(tmp_path) == before


def test_output_never_over_the_default_plan(tmp_path: Path) -> None:
    """`cchc schema --output data/tasks.yaml` reads no plan, and still must not replace it."""
    path = tmp_path / "tasks.yaml"
    path.write_bytes((HOSTILE / "base.yaml").read_bytes())
    skipped = {c.name: c for c in harness.skipped_commands()}
    writers = [c for c in skipped.values() if "--output" in c.options]
    assert writers, "no command without --file writes --output any more: drop this test"
    # the arguments a writer needs besides --output (import reads an appendix, not a plan)
    needs = {"import": [str(HOSTILE.parent / "data" / "appendix-small.txt")]}
    for command in writers:
        args = [command.name, *needs.get(command.name, []), "--output", str(path)]
        result = invoke(args, env={"CCHC_DATA": str(path)})
        assert result.exit_code == 2, command
        assert "không ghi đè lên tệp kế hoạch" in result.stderr
    assert path.read_bytes() == (HOSTILE / "base.yaml").read_bytes()


def test_atomic_write_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    fileio.atomic_write(path, b"first\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    fileio.atomic_write(path, "thứ hai\n".encode())
    assert path.read_text(encoding="utf-8") == "thứ hai\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.md"
    path.write_bytes(b"old\n")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        fileio.atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    with pytest.raises(fileio.WriteRefused) as refused:
        fileio.write_output(path, "new\n")
    assert refused.value.message("vi") == f"{path}: không ghi được tệp (ổ đĩa đã đầy)"
    assert path.read_bytes() == b"old\n"


def test_write_output_refuses_the_plan_by_any_name(tmp_path: Path) -> None:
    plan = tmp_path / "tasks.yaml"
    plan.write_bytes((HOSTILE / "base.yaml").read_bytes())
    (tmp_path / "hard.yaml").hardlink_to(plan)
    (tmp_path / "soft.yaml").symlink_to(plan)
    assert not fileio.is_protected(plan)
    load(plan)  # reading a plan protects it
    for name in ("tasks.yaml", "hard.yaml", "soft.yaml", "./tasks.yaml"):
        with pytest.raises(fileio.WriteRefused) as refused:
            fileio.write_output(tmp_path / name, "# report\n")
        assert "cchc never writes over it" in refused.value.message("en")
    assert plan.read_bytes() == (HOSTILE / "base.yaml").read_bytes()
    fileio.write_output(tmp_path / "report.md", "# báo cáo\n")
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "# báo cáo\n"


def test_write_output_refusals(tmp_path: Path) -> None:
    with pytest.raises(fileio.WriteRefused) as refused:
        fileio.write_output(tmp_path, b"x")
    assert "đây là thư mục" in refused.value.message("vi")
    with pytest.raises(fileio.WriteRefused) as refused:
        fileio.write_output(tmp_path / "no" / "such" / "folder.md", b"x")
    assert refused.value.message("en").endswith("cannot write (the folder does not exist)")


def test_write_output_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.ics"
    target.write_bytes(b"old")
    link = tmp_path / "calendar.ics"
    link.symlink_to(target)
    fileio.write_output(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_write_back_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(b"version: 1\n")
    read = fileio.read_for_update(path)
    path.write_bytes(b"version: 1\n# someone else's edit\n")
    with pytest.raises(fileio.Changed) as changed:
        fileio.write_back(read, b"version: 2\n")
    assert "không ghi để khỏi làm mất thay đổi đó" in changed.value.message("vi")
    assert path.read_bytes() == b"version: 1\n# someone else's edit\n"
    # the same size and an older time: the bytes still tell
    path.write_bytes(b"version: 9\n")
    os.utime(path, ns=(0, 0))
    with pytest.raises(fileio.Changed):
        fileio.write_back(read, b"version: 2\n")
    path.unlink()
    with pytest.raises(fileio.Changed):
        fileio.write_back(read, b"version: 2\n")
    assert not path.exists()


def test_write_back_checks_again_just_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that saves while cchc writes the temporary file still wins."""
    path = tmp_path / "tasks.yaml"
    path.write_bytes(b"version: 1\n")
    read = fileio.read_for_update(path)
    real_fsync = os.fsync

    def meanwhile(fd: int) -> None:
        real_fsync(fd)
        if path.read_bytes() == b"version: 1\n":
            path.write_bytes(b"version: 1\n# saved by the editor\n")

    monkeypatch.setattr(os, "fsync", meanwhile)
    with pytest.raises(fileio.Changed):
        fileio.write_back(read, b"version: 2\n")
    assert path.read_bytes() == b"version: 1\n# saved by the editor\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.yaml"]


def test_write_back_keeps_comments_and_formatting(tmp_path: Path) -> None:
    """An edit made with splice changes the edited value and not one byte besides."""
    original = (
        "# Kế hoạch của tỉnh — giữ nguyên chú thích\r\n"
        "version: 1\r\n"
        "plan:\r\n"
        "  title:   'Kế hoạch thử'   # chú thích cuối dòng\r\n"
        "\r\n"
        "  source: Phụ lục thử\r\n"
    )
    path = tmp_path / "tasks.yaml"
    path.write_bytes(original.encode())
    read = fileio.read_for_update(path)
    document = parse(read.data, "tasks.yaml")
    assert isinstance(document.root, Map)
    plan = document.root.get("plan")
    assert isinstance(plan, Map)
    title = plan.get("title")
    # `  title:   'Kế hoạch thử'`: the quote opens in column 12, the 14 characters end before 26
    assert isinstance(title, Scalar) and title.span == Span(4, 12, 4, 26)
    new_title = 'Kế hoạch: "mới" năm 2024'
    edited = textedit.splice(document.text, [(title.span, textedit.yaml_quote(new_title))])
    fileio.write_back(read, edited.encode())
    after = path.read_bytes().decode()
    assert after == original.replace("'Kế hoạch thử'", '"Kế hoạch: \\"mới\\" năm 2024"')
    reread = parse(path.read_bytes(), "tasks.yaml")
    assert reread.problems == []
    assert reread.root.get("plan").get("title").value == new_title  # type: ignore[union-attr]


def test_splice_refuses_overlaps_and_spans_outside_the_text() -> None:
    text = "a: b\nc: d\n"
    assert textedit.splice(text, [(Span(2, 4, 2, 5), "e"), (Span(1, 4, 1, 5), "f")]) == (
        "a: f\nc: e\n"
    )
    with pytest.raises(ValueError):
        textedit.splice(text, [(Span(1, 1, 1, 5), "x"), (Span(1, 4, 2, 1), "y")])
    with pytest.raises(ValueError):
        textedit.splice(text, [(Span(9, 1, 9, 2), "x")])
