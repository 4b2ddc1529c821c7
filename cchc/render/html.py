"""A `Document` as one self-contained HTML page: styles, charts (inline SVG) and a few lines of
script inside the file, nothing fetched, so it opens offline and from an e-mail attachment.

- The page reads fully with scripts off: the script only adds the sort buttons on table headers
  and shows the agency search box (hidden in the markup, since it does nothing without it).
- The agency search ignores case and diacritics as `--agency` does: each row carries the
  `text.loose_key` of its agencies' names and aliases, and the script folds the query the same
  way (marks dropped, đ → d, dashes unified, "và" → "&"; a test runs it beside loose_key).
- Printing gives A4 pages (margins of Nghị định 30/2020/NĐ-CP) without the controls.
- A Content-Security-Policy meta forbids every fetch, so even a mistake here cannot reach out.
- Every text from the plan is escaped; the script holds no data, so no plan text is in it.
"""

from __future__ import annotations

from html import escape

from ..document import Document, Figure, Heading, Paragraph, Table, date_line
from ..text import loose_key

_WORDS = {
    "filter": ("Lọc theo cơ quan (gõ có dấu hoặc không dấu):", "Filter by agency (any accents):"),
    "placeholder": ("ví dụ: so noi vu", "e.g. so noi vu"),
    "data": ("Số liệu của biểu đồ", "The chart's numbers"),
    "sort": ("Bấm tiêu đề cột để sắp xếp.", "Click a column header to sort."),
    "rows": ("dòng", "rows"),
}

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

STYLE = """
:root { color-scheme: light; }
body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.45;
  color: #000; background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { text-align: center; font-size: 14pt; text-transform: uppercase; }
h2 { font-size: 14pt; margin-top: 1.8em; }
h3 { font-size: 13pt; }
.date-line { text-align: right; font-style: italic; }
.center { text-align: center; }
.italic { font-style: italic; }
p { text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 11.5pt; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
thead th { background: #eee; text-align: center; }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; }
.num { text-align: right; }
figure { margin: 1em 0 1.5em; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { font-style: italic; font-size: 11pt; text-align: center; margin-bottom: 0.3em; }
details { font-size: 11pt; margin-top: 0.3em; }
.controls { position: sticky; top: 0; background: #f7f7f7; border: 1px solid #999;
  padding: 0.5em 0.8em; margin-bottom: 1em; font-family: sans-serif; font-size: 11pt; }
.controls input { font-size: 11pt; padding: 0.2em 0.4em; min-width: 16em; }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0;
  cursor: pointer; text-align: inherit; width: 100%; }
th button:focus-visible { outline: 2px solid #000; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@media print {
  .controls, .screen-only { display: none !important; }
  main { max-width: none; padding: 0; }
  body { font-size: 13pt; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  details > summary { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# No data in here: only behaviour. No modules, classes or arrow functions, so that the older
# browsers of offices run it too.
SCRIPT = r"""
(function () {
  "use strict";
  function fold(s) {
    // as text.loose_key: case and marks dropped, d with stroke -> d, dashes unified, "va" -> "&"
    s = s.normalize("NFD").toUpperCase().toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .replace(/[\u0111\u0110]/g, "d")
      .replace(/\s*[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]\s*/g, "-").replace(/&/g, " & ");
    return s.split(/\s+/).filter(Boolean).map(function (t) {
      return t === "va" ? "&" : t;
    }).join(" ");
  }
  function key(cell, num) {
    var t = cell ? cell.textContent.trim() : "";
    if (!num) { return t; }
    var v = parseFloat(t.replace(/\./g, "").replace(",", "."));
    return isNaN(v) ? -Infinity : v;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (r, i) { r.setAttribute("data-i", i); });
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        var num = th.className.indexOf("num") >= 0;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[col], num), c = key(y.cells[col], num);
          var r = num ? (a < c ? -1 : a > c ? 1 : 0) : String(a).localeCompare(String(c), "vi");
          if (r === 0) { return x.getAttribute("data-i") - y.getAttribute("data-i"); }
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var input = document.getElementById("cchc-agency");
  if (input) {
    document.getElementById("cchc-controls").hidden = false;
    var count = document.getElementById("cchc-count");
    input.addEventListener("input", function () {
      var q = fold(input.value), shown = 0, all = 0;
      Array.prototype.forEach.call(document.querySelectorAll("[data-agency]"), function (el) {
        var ok = !q || el.getAttribute("data-agency").indexOf(q) >= 0;
        el.hidden = !ok;
        if (el.tagName === "TR") { all += 1; if (ok) { shown += 1; } }
      });
      Array.prototype.forEach.call(document.querySelectorAll("table.filtered"), function (t) {
        t.hidden = !!q && t.querySelectorAll("tbody tr:not([hidden])").length === 0;
      });
      count.textContent = q ? shown + "/" + all + " " + count.getAttribute("data-rows") : "";
    });
  }
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.open = true;
    });
  });
})();
"""


def _t(text: str) -> str:
    return escape(text, quote=True)


def word(key: str, lang: str) -> str:
    vi, en = _WORDS[key]
    return en if lang == "en" else vi


def agency_key(spellings: str) -> str:
    """The folded names a row answers to, "|"-separated (no name contains "|" once folded:
    the search folds the query the same way and looks for it inside this text)."""
    return "|".join(loose_key(name) for name in spellings.split("\n") if name)


def table(block: Table, labelled_by: str | None = None) -> str:
    body_count = len(block.rows) - block.foot
    classes = []
    if body_count > 1:
        classes.append("sortable")
    if any(block.agencies):
        classes.append("filtered")
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if labelled_by:
        attrs += f' aria-labelledby="{labelled_by}"'
    out = [f"<table{attrs}>", "<thead><tr>"]
    for i, text in enumerate(block.header):
        cls = ' class="num"' if i in block.numeric else ""
        out.append(f'<th scope="col"{cls}>{_t(text)}</th>')
    out.append("</tr></thead>")
    groups = (("tbody", block.rows[:body_count]), ("tfoot", block.rows[body_count:]))
    for tag, rows in groups:
        if not rows:
            continue
        out.append(f"<{tag}>")
        for n, row in enumerate(rows):
            index = n if tag == "tbody" else body_count + n
            names = block.agencies[index] if index < len(block.agencies) else ""
            row_attr = f' data-agency="{_t(agency_key(names))}"' if names else ""
            out.append(f"<tr{row_attr}>")
            for i, text in enumerate(row):
                cls = ' class="num"' if i in block.numeric else ""
                if i == block.row_header:
                    out.append(f'<th scope="row"{cls}>{_t(text)}</th>')
                else:
                    out.append(f"<td{cls}>{_t(text)}</td>")
            out.append("</tr>")
        out.append(f"</{tag}>")
    out.append("</table>")
    return "".join(out) + "\n"


def figure(block: Figure, lang: str) -> str:
    # figcaption first: HTML allows it only as the first or the last child, and the numbers
    # (details) come after the image they describe
    out = [f'<figure id="fig-{_t(block.name)}">', f"<figcaption>{_t(block.caption)}</figcaption>"]
    out.append(block.svg)
    if block.data is not None:
        out.append(f"<details><summary>{_t(word('data', lang))}</summary>")
        out.append(table(block.data))
        out.append("</details>")
    out.append("</figure>\n")
    return "\n".join(out)


def render(document: Document) -> str:
    lang = "en" if document.lang == "en" else "vi"
    filterable = any(
        (isinstance(b, Table) and any(b.agencies)) or (isinstance(b, Heading) and b.agencies)
        for b in document.blocks
    )
    out = [
        "<!DOCTYPE html>\n",
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="cchc">\n',
        f"<title>{_t(document.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
    ]
    if filterable:
        out.append(
            '<div class="controls" id="cchc-controls" role="search" hidden>'
            f'<label for="cchc-agency">{_t(word("filter", lang))}</label> '
            f'<input type="search" id="cchc-agency" autocomplete="off" '
            f'placeholder="{_t(word("placeholder", lang))}"> '
            f'<output id="cchc-count" aria-live="polite" data-rows="{_t(word("rows", lang))}">'
            f"</output> <span>{_t(word('sort', lang))}</span></div>\n"
        )
    if document.day is not None:
        line = date_line(document.place, document.day, document.lang)
        out.append(f'<p class="date-line">{_t(line)}</p>\n')
    out.append(f"<h1>{_t(document.title)}</h1>\n")
    last_heading: str | None = None
    for number, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            level = min(block.level + 1, 6)
            last_heading = f"h-{number}"
            attr = f' data-agency="{_t(agency_key(block.agencies))}"' if block.agencies else ""
            out.append(f'<h{level} id="{last_heading}"{attr}>{_t(block.text)}</h{level}>\n')
        elif isinstance(block, Paragraph):
            classes = [
                c for c, on in (("center", block.align == "center"), ("italic", block.italic)) if on
            ]
            cls = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<p{cls}>{_t(block.text)}</p>\n")
        elif isinstance(block, Table):
            out.append(table(block, last_heading))
        elif isinstance(block, Figure):
            out.append(figure(block, lang))
    out.append(f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)
