"""`cchc report --format html`, `cchc due --format html` and the charts (also in Word with
--charts): the page read back with html.parser and its numbers checked against
`--format json` for the same reference time; nothing outside the file; golden SVG of the
shipped plan; hostile plan text stays text."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.render.html import SCRIPT
from cchc.text import loose_key

from .conftest import DATA, TESTS, invoke

PROGRESS = TESTS / "data" / "progress_due.yaml"
GOLDEN = TESTS / "golden" / "svg"
REGEN = os.environ.get("CCHC_REGEN_GOLDEN") == "1"
SERIES = ("done_on_time", "done_late", "in_progress", "overdue", "not_yet_due")


# --- reading a page back ---------------------------------------------------------------------
class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    found.append(child)
                found += child.find_all(tag)
        return found

    def walk(self) -> list[Node]:
        nodes = [self]
        for child in self.children:
            if isinstance(child, Node):
                nodes += child.walk()
        return nodes


VOID = {"meta", "input", "br", "img", "link", "hr", "source"}


class Tree(HTMLParser):
    """A whole tree, so tests can ask "the rows of the table labelled by this heading"."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def rows(table: Node, part: str = "tbody") -> list[list[str]]:
    return [
        [cell.text() for cell in tr.children if isinstance(cell, Node)]
        for section in table.find_all(part)
        for tr in section.find_all("tr")
    ]


def table_after(tree: Tree, heading_text: str) -> Node:
    headings = {h.attrs.get("id"): h.text() for h in tree.root.walk() if h.tag in ("h2", "h3")}
    for table in tree.root.find_all("table"):
        if heading_text in headings.get(table.attrs.get("aria-labelledby"), ""):
            return table
    raise AssertionError(f"no table under a heading with {heading_text!r}")


def figure(tree: Tree, name: str) -> Node:
    for node in tree.root.find_all("figure"):
        if node.attrs.get("id") == f"fig-{name}":
            return node
    raise AssertionError(f"no figure {name}")


def run(*args: str, lang: str = "vi") -> str:
    result = invoke(list(args), lang)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def report_pair(quarter: str, file: Path, lang: str = "vi") -> tuple[Tree, dict[str, Any]]:
    # the cells hold plain counts without the comparison's "(+3)" (compared in test_compare)
    common = ("--quarter", quarter, "-f", str(file), "--lang", lang, "--compare-to", "none")
    page = run("report", *common, "--format", "html", lang=lang)
    record = json.loads(run("report", *common, "--format", "json", lang=lang))
    return Tree(page), record


CASES = [("IV/2023", DATA), ("IV/2025", DATA), ("IV/2023", PROGRESS), ("I/2026", PROGRESS)]


# --- the numbers agree with --format json -----------------------------------------------------
@pytest.mark.parametrize(("quarter", "file"), CASES, ids=[f"{q}-{f.stem}" for q, f in CASES])
def test_report_page_numbers_match_json(quarter: str, file: Path) -> None:
    tree, record = report_pair(quarter, file)
    columns = ("items", "done", "in_progress", "overdue", "not_yet_due", "no_fixed_deadline")

    sections = table_after(tree, "Kết quả theo lĩnh vực")
    body = rows(sections)
    assert [r[0] for r in body] == [f"{s['section']}. {s['title']}" for s in record["by_section"]]
    assert [[int(v) for v in r[1:]] for r in body] == [
        [s[c] for c in columns] for s in record["by_section"]
    ]
    (total,) = rows(sections, "tfoot")
    assert [int(v) for v in total[1:]] == [record["summary"][c] for c in columns]

    agencies = table_after(tree, "Kết quả theo cơ quan chủ trì")
    body = rows(agencies)
    assert [r[1] for r in body] == [a["agency"] for a in record["by_agency"]]
    assert [[int(v) for v in r[2:]] for r in body] == [
        [a[c] for c in columns] for a in record["by_agency"]
    ]

    # the charts' text equivalents, split as the bars are (done on time and late apart)
    for name, key, label in (
        ("sections", "by_section", lambda s: f"{s['section']}. {s['title']}"),
        ("agencies", "by_agency", lambda a: a["agency"]),
    ):
        data = rows(figure(tree, name).find_all("table")[0])
        assert [r[0] for r in data] == [label(x) for x in record[key]]
        for row, x in zip(data, record[key], strict=True):
            counts = [int(v) for v in row[1:]]
            assert counts[:5] == [x[s] for s in SERIES]
            assert counts[5] == x["items"] - x["no_fixed_deadline"]
        # each bar's tooltip carries its total
        bar_titles = [
            t.text() for g in figure(tree, name).find_all("g") for t in g.find_all("title")
        ]
        assert bar_titles == [
            f"{label(x)}: {x['items'] - x['no_fixed_deadline']}" for x in record[key]
        ]

    summary = record["summary"]
    gauge = dict((r[0], r[1]) for r in rows(figure(tree, "gauge").find_all("table")[0]))
    assert int(gauge["Kỳ hạn đã đến hạn"]) == summary["come_due"]
    done = int(gauge["Kỳ hạn đã đến hạn đã hoàn thành"])
    if summary["completion_rate"] is None:
        assert gauge["Tỷ lệ hoàn thành"] == "—"
    else:
        assert round(done / summary["come_due"], 4) == summary["completion_rate"]
        rate = f"{100 * summary['completion_rate']:.1f}".removesuffix(".0").replace(".", ",")
        assert gauge["Tỷ lệ hoàn thành"] == rate + "%"
        assert rate + "%" in figure(tree, "gauge").find_all("svg")[0].text()

    # the timeline: one square per dated occurrence, coloured by its state
    timeline = figure(tree, "timeline")
    squares = [r for r in timeline.find_all("rect") if any(isinstance(c, Node) for c in r.children)]
    assert len(squares) == summary["occurrences"]
    fills = [str(r.attrs.get("fill")) for r in squares]
    patterns = {s: sum(1 for f in fills if s in f) for s in ("done_late", "in_progress")}
    assert patterns["done_late"] == summary["done_late"]
    assert patterns["in_progress"] == summary["in_progress"]
    assert sum(1 for f in fills if "overdue" in f) == summary["overdue"]
    per_quarter = rows(timeline.find_all("table")[0])
    assert sum(int(r[-1]) for r in per_quarter) == summary["occurrences"]
    for i, series in enumerate(SERIES, 1):
        assert sum(int(r[i]) for r in per_quarter) == summary[series if i != 5 else "not_yet_due"]
    marked = [r[0] for r in per_quarter if r[0].endswith("◀")]
    in_period = record["quarter"] in [r[0].removesuffix(" ◀") for r in per_quarter]
    assert marked == ([f"{record['quarter']} ◀"] if in_period else [])
    label = timeline.find_all("svg")[0].text()
    assert f"Quý tham chiếu {record['quarter']}" in label


def test_due_page_matches_due_json() -> None:
    common = ("--quarter", "IV/2023", "-f", str(PROGRESS), "--all")
    tree = Tree(run("due", *common, "--format", "html"))
    record = json.loads(run("due", *common, "--format", "json"))
    by_heading = {t.attrs.get("aria-labelledby"): t for t in tree.root.find_all("table")}
    headings = tree.root.find_all("h2")
    buckets = ("overdue", "due", "upcoming", "no_fixed_deadline", "done")
    assert len(headings) == len(buckets)
    for heading, bucket in zip(headings, buckets, strict=True):
        table = by_heading.get(heading.attrs["id"])
        ids = [r[0] for r in rows(table)] if table is not None else []
        expected = [i["id"] + "*" * i["stale"] for i in record.get(bucket, [])]
        expected = expected if bucket != "done" else ids
        assert ids == expected, bucket
        assert heading.text().endswith(f"({record['counts'][bucket]})"), heading.text()
    # one square per dated item the page lists
    squares = [r for r in figure(tree, "timeline").find_all("rect") if r.children]
    listed = sum(record["counts"][b] for b in buckets if b != "no_fixed_deadline")
    assert len(squares) == listed


def test_due_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "due.html"
    result = invoke(["due", "-q", "IV/2023", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("due", "-q", "IV/2023", "--format", "html")


# --- self-contained, accessible, readable without scripts --------------------------------------
FETCHING = {"src", "href", "xlink:href", "action", "formaction", "poster", "data", "background"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["report", "due"])
def test_page_references_nothing_outside_itself(command: str, lang: str) -> None:
    page = run(command, "-q", "IV/2023", "--format", "html", "--lang", lang, lang=lang)
    tree = Tree(page)
    nodes = tree.root.walk()
    tags = {n.tag for n in nodes}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "image", "use", "form"}
    for node in nodes:
        for name, value in node.attrs.items():
            if name in FETCHING:
                assert (value or "").startswith("#"), (node.tag, name, value)
            assert not name.startswith("on"), (node.tag, name)  # no handler in the markup
            if name == "style" or name == "fill":
                assert not re.search(r"url\((?!#)", value or ""), value
    styles = "".join(s.text() for s in tree.root.find_all("style"))
    assert "@import" not in styles and not re.search(r"url\(", styles)
    assert "@font-face" not in styles
    scripts = tree.root.find_all("script")
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|\.src\s*=|location", scripts[0].text())
    # the only URLs are the SVG namespace names (names, never fetched)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    (csp,) = [m for m in tree.root.find_all("meta") if m.attrs.get("http-equiv")]
    assert "default-src 'none'" in str(csp.attrs["content"])
    html = tree.root.find_all("html")[0]
    assert html.attrs["lang"] == lang


def test_page_is_accessible_and_reads_without_scripts() -> None:
    tree = Tree(run("report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "html"))
    for table in tree.root.find_all("table"):
        heads = table.find_all("thead")[0].find_all("th")
        assert heads and all(th.attrs.get("scope") == "col" for th in heads)
        for tr in table.find_all("tbody")[0].find_all("tr"):
            cells = [c for c in tr.children if isinstance(c, Node)]
            assert any(c.tag == "th" and c.attrs.get("scope") == "row" for c in cells)
    for svg in tree.root.find_all("svg"):
        assert svg.attrs["role"] == "img"
        ids = str(svg.attrs["aria-labelledby"]).split()
        labelled = {n.attrs.get("id"): n.text() for n in svg.walk()}
        assert all(labelled.get(i) for i in ids)  # a title and a description with text
    for fig in tree.root.find_all("figure"):
        assert fig.find_all("figcaption")[0].text()
        assert fig.find_all("details")[0].find_all("table")  # the numbers as a table
    # the controls do nothing without the script, so the markup hides them
    (controls,) = [n for n in tree.root.walk() if n.attrs.get("id") == "cchc-controls"]
    assert "hidden" in controls.attrs
    # every row the search can hide carries the folded names of its agencies
    tagged = [n for n in tree.root.walk() if "data-agency" in n.attrs]
    keys = [str(n.attrs["data-agency"]) for n in tagged]
    assert keys and all(k == loose_key(k) for key in keys for k in key.split("|"))
    assert any("so tai chinh" in key.split("|") for key in keys)
    styles = "".join(s.text() for s in tree.root.find_all("style"))
    assert "@page { size: A4" in styles and ".controls" in styles.split("@media print")[1]


def test_greyscale_keeps_the_series_apart() -> None:
    """Each series has its own pattern or outline besides its colour, and the colours differ in
    lightness too."""
    from cchc.render import svg

    seen = set()
    lightness = []
    for colour, kind, _ in svg._STYLE.values():
        seen.add(kind)
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        lightness.append(0.299 * r + 0.587 * g + 0.114 * b)
    assert len(seen) == len(svg.SERIES)
    ordered = sorted(lightness)
    assert all(b - a >= 25 for a, b in itertools.pairwise(ordered)), ordered


@pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not installed: the page's script is not run"
)
def test_the_scripts_fold_matches_the_agency_option() -> None:
    """The search box folds what is typed as `text.loose_key` folds the names in the rows."""
    fold = re.search(r"function fold\(s\) \{.*?\n  \}", SCRIPT, re.S)
    assert fold is not None
    from cchc.cliutil import require_plan

    plan = require_plan(str(DATA), "vi")
    names = [n for a in plan.registry.agencies for n in (a.name, *a.aliases)]
    names += ["SỞ NỘI VỤ", "so noi vu", "Sở TT&TT", "Uỷ ban nhân dân", "  Sở   Tài chính "]
    program = (
        fold.group(0)
        + "\nprocess.stdout.write(JSON.stringify(JSON.parse("
        + json.dumps(json.dumps(names))
        + ").map(fold)));"
    )
    out = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [loose_key(n) for n in names]


# --- golden SVG of the shipped plan ------------------------------------------------------------
@pytest.mark.parametrize("quarter", ["IV/2023", "IV/2025"])
def test_golden_svg(quarter: str) -> None:
    page = run("report", "-q", quarter, "-f", str(DATA), "--format", "html", "--compare-to", "none")
    figure_svg = r'<figure id="fig-([a-z]+)">\n<figcaption>[^<]*</figcaption>\n(<svg.*?</svg>\n)'
    svgs = re.findall(figure_svg, page, re.S)
    assert [name for name, _ in svgs] == ["gauge", "timeline", "sections", "agencies"]
    for name, text in svgs:
        path = GOLDEN / f"report-{quarter.replace('/', '-')}-{name}.svg"
        if REGEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.exists(), f"{path} missing: run with CCHC_REGEN_GOLDEN=1 and review it"
        assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


# --- hostile plan text ---------------------------------------------------------------------------
HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> & "q" \'s\''


def hostile_plan(tmp_path: Path) -> Path:
    text = DATA.read_text(encoding="utf-8")
    text = text.replace("title: Công tác chỉ đạo điều hành", f"title: {json.dumps(HOSTILE)}", 1)
    first_task = re.search(r"\n(\s+)title: (.+)\n", text.split("tasks:", 1)[1])
    assert first_task is not None
    text = text.replace(
        first_task.group(0),
        f"\n{first_task.group(1)}title: {json.dumps(HOSTILE + ' </svg><svg onload=alert(3)>')}\n",
        1,
    )
    path = tmp_path / "tasks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["report", "due"])
def test_hostile_text_stays_text(command: str, tmp_path: Path) -> None:
    plan = hostile_plan(tmp_path)
    page = run(command, "-q", "IV/2023", "-f", str(plan), "--format", "html")
    tree = Tree(page)
    nodes = tree.root.walk()
    assert len(tree.root.find_all("script")) == 1
    assert not [n for n in nodes if n.tag == "img"]
    assert not [n for n in nodes for a in n.attrs if a.startswith("on")]
    assert len(tree.root.find_all("svg")) == (4 if command == "report" else 2)
    text = tree.root.text()
    assert HOSTILE in text  # shown as written, as text


# --- Word with --charts --------------------------------------------------------------------------
def _cairo_or_skip() -> None:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as err:
        pytest.skip(f"cairosvg or libcairo2 is absent ({err}): charts in Word are not tested")


def test_docx_with_charts(tmp_path: Path) -> None:
    _cairo_or_skip()
    import docx

    target = tmp_path / "r.docx"
    args = ["report", "-q", "IV/2023", "-f", str(PROGRESS), "--format", "docx", "-o", str(target)]
    result = invoke([*args, "--charts"])
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(target))
    assert len(document.inline_shapes) == 4
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert descriptions[0].startswith("Đã hoàn thành 4 trên 6 kỳ hạn")
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        pngs = [n for n in names if n.endswith(".png")]
        svgs = sorted(n for n in names if n.endswith(".svg"))
        assert len(pngs) == 4 and all(z.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in pngs)
        assert svgs == [
            f"word/media/cchc-{n}.svg" for n in ("agencies", "gauge", "sections", "timeline")
        ]
        body = z.read("word/document.xml").decode()
        assert body.count("<asvg:svgBlip") == 4
        assert (
            'Extension="png"' in z.read("[Content_Types].xml").decode()
            or "image/png" in z.read("[Content_Types].xml").decode()
        )
    # without --charts the memo is as before: no picture
    plain = tmp_path / "plain.docx"
    result = invoke([*args[:-1], str(plain)])
    assert result.exit_code == 0
    assert len(docx.Document(str(plain)).inline_shapes) == 0


def test_docx_charts_without_cairosvg_says_which_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import raises ImportError
    target = tmp_path / "r.docx"
    result = invoke(["report", "-q", "IV/2023", "--format", "docx", "--charts", "-o", str(target)])
    assert result.exit_code == 2
    assert "pip install 'cchc[charts]'" in result.stderr
    assert not target.exists()


def test_png_is_the_svg_rasterised() -> None:
    """The Word picture is the page's chart: same size ratio as the SVG."""
    _cairo_or_skip()
    from cchc.render.docx import _png

    page = run("report", "-q", "IV/2023", "--format", "html")
    svg_text = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg_text is not None
    png = _png(svg_text.group(0))
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    w, h = (float(v) for v in re.findall(r'(?:width|height)="([0-9.]+)"', svg_text.group(0))[:2])
    assert (width, height) == (round(w * 3), round(h * 3))
    assert io.BytesIO(png).getbuffer().nbytes > 1000


# --- the page's script, run in jsdom where it is installed ---------------------------------------
def _jsdom_or_skip() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the page's script is not run")
    found = subprocess.run(
        ["node", "-e", "require.resolve('jsdom')"], capture_output=True, check=False
    )
    if found.returncode != 0:
        pytest.skip("jsdom is not installed (npm install jsdom; NODE_PATH=…/node_modules)")


def test_script_sorts_and_filters(tmp_path: Path) -> None:
    _jsdom_or_skip()
    page = tmp_path / "r.html"
    result = invoke(["report", "-q", "IV/2023", "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    script = TESTS / "js" / "page_behaviour.js"
    done = subprocess.run(
        ["node", str(script), str(page)], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    record = json.loads(run("report", "-q", "IV/2023", "--format", "json"))
    assert seen["errors"] == [] and seen["controlsHidden"] is False
    overdue = [a["overdue"] for a in record["by_agency"]]
    assert [int(v) for v in seen["overdueAscending"]] == sorted(overdue)
    assert [int(v) for v in seen["overdueDescending"]] == sorted(overdue, reverse=True)
    assert seen["ariaSort"] == "descending"
    assert seen["namesAscending"] == [a["agency"] for a in record["by_agency"]]  # Vietnamese order
    filters = seen["filters"]
    assert filters["so tai chinh"] == filters["SỞ TÀI CHÍNH"] == filters["Sở Tài Chính"]
    assert filters["so tai chinh"]["rows"] >= 1 and filters["so tt&tt"]["rows"] >= 1
    assert filters["nothing like it"]["rows"] == 0 and filters["nothing like it"]["headings"] == 0
    assert filters[""]["hiddenTables"] == 0 and filters[""]["count"] == ""


# --- any text stays text --------------------------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40)


@given(title=TEXT, cell=TEXT, label=TEXT)
def test_any_text_round_trips_as_text(title: str, cell: str, label: str) -> None:
    """No text from a plan (control characters are refused by the loader) can open a tag, an
    attribute or a script: the parser gets back exactly the text, inside its element."""
    from cchc.document import Document, Figure, Heading, Paragraph, Table
    from cchc.render import svg
    from cchc.render.html import render

    chart = svg.stacked_bars("p", label, label, [("overdue", label)], [(label, (0, 0, 0, 1, 0))])
    doc = Document(title, lang="vi")
    doc.add(Heading(title, agencies=cell))
    doc.add(Paragraph(cell))
    doc.add(Table((label, "n"), ((cell, "1"),), row_header=0, agencies=(cell,)))
    doc.add(Figure("f", chart, label))
    tree = Tree(render(doc))
    assert len(tree.root.find_all("script")) == 1
    assert [n.text() for n in tree.root.find_all("h2")] == [title]
    assert tree.root.find_all("h1")[0].text() == title
    assert [n.text() for n in tree.root.find_all("p")] == [cell]
    assert tree.root.find_all("tbody")[0].find_all("th")[0].text() == cell
    assert tree.root.find_all("figcaption")[0].text() == label
    (svg_node,) = tree.root.find_all("svg")
    assert svg_node.find_all("title")[0].text() == label
    tags = {n.tag for n in tree.root.walk()}
    assert tags <= {
        "#root", "html", "head", "meta", "title", "style", "body", "main", "div", "label",
        "input", "output", "span", "h1", "h2", "p", "table", "thead", "tbody", "tr", "th",
        "td", "figure", "figcaption", "script", "svg", "desc", "defs", "pattern", "rect",
        "path", "circle", "text", "g",
    }  # fmt: skip


def test_timeline_of_a_roll_up_draws_columns() -> None:
    """Past 40 occurrences in a quarter, squares would make the image thousands of pixels
    tall: each quarter becomes one column per state, and the counts stay in the tooltips."""
    from cchc.render import svg

    legend = [(s, s.upper()) for s in svg.SERIES]
    marks = [(0, "overdue", "x")] * 900 + [(0, "done_on_time", "x")] * 100 + [(2, "overdue", "x")]
    image = svg.timeline(
        "t", "T", "D", legend, [("I", 2024), ("II", 2024), ("III", 2024)], marks, 1, "R"
    )
    tree = Tree(image)
    tips = [t.text() for r in tree.root.find_all("rect") for t in r.find_all("title")]
    assert tips == ["I/2024 · DONE_ON_TIME: 100", "I/2024 · OVERDUE: 900", "III/2024 · OVERDUE: 1"]
    height = float(str(tree.root.find_all("svg")[0].attrs["height"]))
    assert height < 52 + 40 * 14 + 50 + 4 * 18  # 40 squares high, the legend in five rows
    small = Tree(svg.timeline("t", "T", "D", legend, [("I", 2024)], marks[:3], 0, "R"))
    assert len([r for r in small.root.find_all("rect") if r.children]) == 3


@pytest.mark.parametrize("fmt", ["markdown", "table", "json"])
def test_charts_outside_word_and_html_is_refused(fmt: str) -> None:
    result = invoke(["report", "-q", "IV/2023", "--format", fmt, "--charts"])
    assert result.exit_code == 2
    assert "--charts" in result.stderr and fmt in result.stderr
    assert result.stdout == ""
