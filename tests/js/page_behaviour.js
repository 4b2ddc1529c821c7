// Runs an HTML page of cchc in jsdom and reports what its script does, as JSON on stdout:
// node page_behaviour.js PAGE.html   (needs jsdom where node can require it, e.g. NODE_PATH)
"use strict";
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");

const errors = [];
const virtualConsole = new VirtualConsole();
virtualConsole.on("jsdomError", (e) => errors.push(String(e)));
const dom = new JSDOM(fs.readFileSync(process.argv[2], "utf8"), {
  runScripts: "dangerously",
  virtualConsole,
});
const d = dom.window.document;
const out = { errors, controlsHidden: d.getElementById("cchc-controls").hidden };

const agencyTable = [...d.querySelectorAll("table.sortable")].find(
  (t) => t.tHead.rows[0].cells.length === 8,
);
const heads = agencyTable.tHead.rows[0].cells;
const column = (i) => [...agencyTable.tBodies[0].rows].map((r) => r.cells[i].textContent);
out.buttons = d.querySelectorAll("th button").length;
heads[5].querySelector("button").click();
out.overdueAscending = column(5);
heads[5].querySelector("button").click();
out.overdueDescending = column(5);
out.ariaSort = heads[5].getAttribute("aria-sort");
heads[1].querySelector("button").click();
out.namesAscending = column(1);

const input = d.getElementById("cchc-agency");
out.filters = {};
for (const query of ["so tai chinh", "SỞ TÀI CHÍNH", "Sở Tài Chính", "so tt&tt", "nothing like it", ""]) {
  input.value = query;
  input.dispatchEvent(new dom.window.Event("input"));
  out.filters[query] = {
    rows: [...d.querySelectorAll("tr[data-agency]")].filter((r) => !r.hidden).length,
    headings: [...d.querySelectorAll("[data-agency]:not(tr)")].filter((h) => !h.hidden).length,
    hiddenTables: [...d.querySelectorAll("table")].filter((t) => t.hidden).length,
    count: d.getElementById("cchc-count").textContent,
  };
}
process.stdout.write(JSON.stringify(out));
