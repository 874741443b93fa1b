#!/usr/bin/python3
# test-export-browser.py: the web page and the fragment in headless Chromium, driven over the
# DevTools protocol (tests/devtools.py) as a user and a screen reader meet them
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-export-browser.py EXPORT-FIXTURE
# export-fixture writes the exports of the sample report and of a filled 2021 report with what
# they must contain (NAME.json, from the format and the report). Then, in Chromium:
#  - print (Page.printToPDF, the page's own @page and @media print): every table that runs
#    over a page break starts again on the next page with its header rows (<thead>) above its
#    first row there, and no row is cut: every row label is whole on one page;
#  - screen at 1280 px: the page does not scroll sideways, no table box overflows; at 390 px
#    (a phone, mobile emulation): the page does not scroll sideways, the wide tables scroll
#    inside their own box (scrolled there, the page itself stays put); full-page screenshots of
#    both widths are kept with TB_TEST_EXPORT_KEEP=DIR;
#  - paste: the fragment put on the clipboard as text/html, Ctrl+V into a contenteditable
#    editor: every table stays a table with its merges, texts and inline cell styles;
#  - accessibility: in Chromium's accessibility tree (Accessibility.getFullAXTree) each table
#    is named by its caption and is a data table, and every number cell is a cell with a row
#    header in its row and a column header above it in its columns, both with their label.
# Without Chromium every test is skipped with the reason.

import collections
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

from devtools import Browser, find_chromium
from export_check import Page, check_grid, expectation
from tap import Skip, check, run_program, run_tests

FIXTURE = sys.argv[1]
REPORTS = ["sample", "full2021"]


def export(tmp):
    out = os.path.join(tmp, "exports")
    result = run_program([FIXTURE, out], timeout=60)
    check(result.rc == 0, "export-fixture failed", result)
    return out


def browser(tmp):
    if find_chromium() is None:
        raise Skip("Chromium is not installed (Debian package chromium)")
    return Browser(tmp)


def keep(path):
    dest = os.environ.get("TB_TEST_EXPORT_KEEP")
    if dest:
        os.makedirs(dest, exist_ok=True)
        shutil.copy(path, dest)


def squeeze(text):
    return re.sub(r"[\s\u3000]+", "", text)


# The tables of the page as the browser laid them out: per table, its caption, its header
# rows' labels and, per cell in document order, its grid place (the HTML table model: each
# cell takes the first free slot of its row).
GRID_JS = """
(() => Array.from(document.querySelectorAll('table')).map(table => {
  const taken = [], cells = [];
  Array.from(table.rows).forEach((tr, r) => {
    let c = 0;
    Array.from(tr.cells).forEach(cell => {
      while (taken[r] && taken[r][c]) c++;
      const rs = Math.max(cell.rowSpan, 1), cs = Math.max(cell.colSpan, 1);
      for (let i = r; i < r + rs; i++)
        for (let j = c; j < c + cs; j++)
          (taken[i] = taken[i] || [])[j] = true;
      cells.push({ row: r, col: c, rowspan: rs, colspan: cs, tag: cell.localName,
                   text: cell.textContent.trim(),
                   head: tr.parentElement.localName === 'thead' });
      c += cs;
    });
  });
  return { caption: table.caption ? table.caption.textContent.trim() : '', cells: cells };
}))()
"""


# ---- print ----------------------------------------------------------------------------------

def pdf_words(path):
    result = run_program(["pdftotext", "-bbox", "-enc", "UTF-8", path, "-"], timeout=60)
    check(result.rc == 0, "pdftotext failed on " + path, result)
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", result.out))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        pages.append([{"text": w.text or "",
                       "x0": float(w.get("xMin")), "x1": float(w.get("xMax")),
                       "y0": float(w.get("yMin")), "y1": float(w.get("yMax"))}
                      for w in page.iter("{http://www.w3.org/1999/xhtml}word")])
    return pages


def label_tops(words, label):
    """The tops (y) of the places where @label is written whole on this page's @words,
    maybe wrapped over lines inside its cell: its pieces are words on consecutive lines that
    start at the same x or share a centre."""
    target = squeeze(label)
    tops = []

    def follow(word, rest):
        if rest == "":
            return True
        h = word["y1"] - word["y0"]
        for w in words:
            if not w["text"] or not rest.startswith(w["text"]):
                continue
            if not (word["y0"] + 2 < w["y0"] < word["y0"] + 1.8 * h):
                continue
            same_x = abs(w["x0"] - word["x0"]) < 2.5
            same_centre = abs((w["x0"] + w["x1"]) / 2 - (word["x0"] + word["x1"]) / 2) < 2.5
            if (same_x or same_centre) and follow(w, rest[len(w["text"]):]):
                return True
        return False

    for w in words:
        if w["text"] and w["text"] == target:
            tops.append(w["y0"])
        elif w["text"] and target.startswith(w["text"]) and follow(w, target[len(w["text"]):]):
            tops.append(w["y0"])
    return tops


def test_print(tmp):
    out = export(tmp)
    spanning = 0
    with browser(tmp) as b:
        for name in REPORTS:
            tab = b.open("file://" + os.path.join(out, name + ".html"))
            tables = tab.evaluate(GRID_JS)
            pdf = os.path.join(tmp, name + "-print.pdf")
            tab.print_pdf(pdf)
            keep(pdf)
            pages = pdf_words(pdf)
            for table in tables:
                head = [c["text"] for c in table["cells"] if c["head"] and c["text"]]
                body = [c["text"] for c in table["cells"]
                        if not c["head"] and c["tag"] == "th" and c["text"]]
                # No row cut: each label whole on one page (a cut one is on none). The rows
                # follow each other: each row label is taken on the first page, not before
                # the previous row's, where it is whole (the same words in the texts of
                # earlier pages do not count).
                for label in head:
                    check(any(label_tops(words, label) for words in pages),
                          "%s %s: the header label %s is not whole on any page"
                          % (name, table["caption"], label))
                on = collections.defaultdict(list)    # page -> tops of its row labels
                page = 0
                for label in body:
                    found = [p for p in range(page, len(pages)) if label_tops(pages[p], label)]
                    check(found, "%s %s: the row label %s is not whole on any page (a row cut "
                          "by a page break?)" % (name, table["caption"], label))
                    page = found[0]
                    on[page].append(min(label_tops(pages[page], label)))
                # The header rows again on every page the table goes on to, above its rows.
                if not head or not body:
                    continue    # 二: blocks with their own header rows; 四: one row of numbers
                table_pages = sorted(on)
                if len(table_pages) > 1:
                    spanning += 1
                for p in table_pages:
                    first_row = min(on[p])
                    longest = max(head, key=len)
                    tops = label_tops(pages[p], longest)
                    check(tops and min(tops) < first_row,
                          "%s %s: page %d has no header row (%s) above its first row"
                          % (name, table["caption"], p + 1, longest))
                    for label in head:
                        check(label_tops(pages[p], label),
                              "%s %s: page %d lacks the header label %s"
                              % (name, table["caption"], p + 1, label))
    check(spanning > 0, "no table runs over a page break: the repeated header was not tried")


# ---- screen ---------------------------------------------------------------------------------

MEASURE_JS = """
(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth,
          boxes: Array.from(document.querySelectorAll('[role=region]')).map(b => ({
            scroll: b.scrollWidth, client: b.clientWidth,
            right: b.getBoundingClientRect().right,
            columns: b.querySelectorAll('col').length })) }))()
"""

SCROLL_JS = """
(() => { const boxes = Array.from(document.querySelectorAll('[role=region]'))
           .filter(b => b.scrollWidth > b.clientWidth);
         boxes.forEach(b => { b.scrollLeft = 10000; });
         if (boxes.length) boxes[0].scrollIntoView({ block: 'start', inline: 'nearest' });
         return { scrolled: boxes.map(b => b.scrollLeft), page_x: window.scrollX,
                  page: document.documentElement.scrollWidth,
                  viewport: window.innerWidth }; })()
"""


def test_screen(tmp):
    out = export(tmp)
    with browser(tmp) as b:
        for name in REPORTS:
            url = "file://" + os.path.join(out, name + ".html")
            tab = b.open(url, 1280, 900)
            m = tab.evaluate(MEASURE_JS)
            check(m["viewport"] == 1280, "%s: the window is %d px wide" % (name, m["viewport"]))
            check(m["page"] <= m["viewport"], "%s at 1280 px: the page scrolls sideways %s"
                  % (name, m))
            check(len(m["boxes"]) == 3, "%s: %d table boxes" % (name, len(m["boxes"])))
            for box in m["boxes"]:
                check(box["scroll"] <= box["client"] and box["right"] <= m["viewport"],
                      "%s at 1280 px: a table overflows its box %s" % (name, m))
            shot = os.path.join(tmp, "%s-1280.png" % name)
            tab.screenshot(shot)
            keep(shot)

            phone = b.open(url, 390, 844, mobile=True)
            m = phone.evaluate(MEASURE_JS)
            check(m["viewport"] == 390, "%s: the phone is %d px wide" % (name, m["viewport"]))
            check(m["page"] <= m["viewport"], "%s at 390 px: the page scrolls sideways %s"
                  % (name, m))
            check(all(box["client"] <= m["viewport"] for box in m["boxes"]),
                  "%s at 390 px: a table box is wider than the screen %s" % (name, m))
            wide = [box for box in m["boxes"] if box["columns"] > 6]
            check(wide and all(box["scroll"] > box["client"] for box in wide),
                  "%s at 390 px: the wide tables do not scroll in their box %s" % (name, m))
            shot = os.path.join(tmp, "%s-390.png" % name)
            phone.screenshot(shot)
            keep(shot)
            s = phone.evaluate(SCROLL_JS)
            check(s["scrolled"] and all(x > 0 for x in s["scrolled"]),
                  "%s at 390 px: a wide table box does not scroll %s" % (name, s))
            check(s["page_x"] == 0 and s["page"] <= s["viewport"],
                  "%s at 390 px: scrolling a table moved the page %s" % (name, s))
            shot = os.path.join(tmp, "%s-390-scrolled.png" % name)
            phone.screenshot(shot, full_page=False)
            keep(shot)


# ---- paste ----------------------------------------------------------------------------------

EDITOR = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>editor</title></head><body>
<div id="editor" contenteditable="true" style="width:800px;min-height:200px"></div>
</body></html>
"""


def test_paste(tmp):
    out = export(tmp)
    page = os.path.join(tmp, "editor.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(EDITOR)
    with browser(tmp) as b:
        b.call("Browser.grantPermissions",
               {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        for name in REPORTS:
            with open(os.path.join(out, name + ".fragment.html"), encoding="utf-8") as f:
                fragment = f.read()
            tab = b.open("file://" + page)
            # What a copy from the portal's preview or from Tianbao puts on the clipboard.
            tab.evaluate("navigator.clipboard.write([new ClipboardItem({"
                         "'text/html': new Blob([%s], {type: 'text/html'}),"
                         "'text/plain': new Blob(['plain'], {type: 'text/plain'})})])"
                         % json.dumps(fragment), user_gesture=True)
            tab.evaluate("document.getElementById('editor').focus()")
            tab.press("v", "KeyV", 86, modifiers=2)      # Ctrl+V
            pasted = tab.evaluate("document.getElementById('editor').innerHTML")
            check(pasted and "<table" in pasted, "%s: Ctrl+V pasted no table: %r"
                  % (name, (pasted or "")[:300]))
            result = Page()
            result.feed(pasted)
            result.close()
            check_grid(result, expectation(out, name), name + " pasted with Ctrl+V")
            cells = [attrs for tag, attrs in result.elements if tag in ("td", "th")]
            check(cells and all("border" in attrs.get("style", "") for attrs in cells),
                  "%s: the editor dropped the cells' inline styles" % name)


# ---- accessibility --------------------------------------------------------------------------

def test_accessibility(tmp):
    out = export(tmp)
    with browser(tmp) as b:
        for name in REPORTS:
            want = expectation(out, name)
            tab = b.open("file://" + os.path.join(out, name + ".html"))
            tables = tab.evaluate(GRID_JS)
            check(len(tables) == len(want["tables"]), "%s: %d tables" % (name, len(tables)))
            # The DOM node of each cell, in document order as GRID_JS walked them.
            root = tab.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            table_ids = tab.call("DOM.querySelectorAll",
                                 {"nodeId": root, "selector": "table"})["nodeIds"]
            place = {}                                     # backend node id -> (table, cell)
            for t, table_id in enumerate(table_ids):
                ids = tab.call("DOM.querySelectorAll",
                               {"nodeId": table_id, "selector": "td, th"})["nodeIds"]
                check(len(ids) == len(tables[t]["cells"]), "%s: cells differ" % name)
                for i, node in enumerate(ids):
                    backend = tab.call("DOM.describeNode", {"nodeId": node})["node"]
                    place[backend["backendNodeId"]] = (t, tables[t]["cells"][i])
            tab.call("Accessibility.enable")
            nodes = tab.call("Accessibility.getFullAXTree")["nodes"]
            role = {}                                      # backend node id -> (role, name)
            for node in nodes:
                if "backendDOMNodeId" in node and not node.get("ignored"):
                    role[node["backendDOMNodeId"]] = (node.get("role", {}).get("value"),
                                                      node.get("name", {}).get("value", ""))
            ax_tables = [n for n in nodes if n.get("role", {}).get("value") == "table"]
            check([n.get("name", {}).get("value") for n in ax_tables]
                  == [t["caption"] for t in want["tables"]],
                  "%s: the tables are not data tables named by their captions: %s"
                  % (name, [n.get("name") for n in ax_tables]))

            headers = collections.defaultdict(list)       # table -> [(role, cell, name)]
            for backend, (t, cell) in place.items():
                r, label = role.get(backend, (None, ""))
                if r in ("rowheader", "columnheader"):
                    headers[t].append((r, cell, label))
            checked = 0
            for t, table in enumerate(want["tables"]):
                values = {(i["row"], i["col"]) for i in table["items"] if i["kind"] == "value"}
                for backend, (tt, cell) in place.items():
                    if tt != t or (cell["row"], cell["col"]) not in values:
                        continue
                    where = "%s %s row %d col %d" % (name, table["id"], cell["row"], cell["col"])
                    check(role.get(backend, (None,))[0] == "cell",
                          "%s: the number is not a cell to the screen reader: %s"
                          % (where, role.get(backend)))
                    rows = range(cell["row"], cell["row"] + cell["rowspan"])
                    cols = range(cell["col"], cell["col"] + cell["colspan"])
                    row_headers = [label for r, h, label in headers[t] if r == "rowheader"
                                   and h["col"] < cell["col"] and
                                   set(rows) & set(range(h["row"], h["row"] + h["rowspan"]))]
                    col_headers = [label for r, h, label in headers[t] if r == "columnheader"
                                   and h["row"] < cell["row"] and
                                   set(cols) & set(range(h["col"], h["col"] + h["colspan"]))]
                    # The labels the format gives the number: those of its row on its
                    # left (table 四 has none), those of its columns above it. (A block
                    # label across the table, 第二十条第（一）项, heads its own row.)
                    row_labels = {i["text"] for i in table["items"]
                                  if i["kind"] == "label" and i["role"] == "row" and
                                  i["col"] < cell["col"] and
                                  set(rows) & set(range(i["row"], i["row"] + i["rowspan"]))}
                    col_labels = {i["text"] for i in table["items"]
                                  if i["kind"] == "label" and i["role"] == "head" and
                                  i["row"] < cell["row"] and
                                  set(cols) & set(range(i["col"], i["col"] + i["colspan"]))}
                    check(col_labels, "%s: the format gives no column label" % where)
                    check(set(row_headers) == row_labels,
                          "%s: read with the row headers %s, the format's labels are %s"
                          % (where, row_headers, row_labels))
                    check(set(col_headers) == col_labels,
                          "%s: read with the column headers %s, the format's labels are %s"
                          % (where, col_headers, col_labels))
                    checked += 1
                check(checked > 0, "%s %s: no number cell" % (name, table["id"]))
            check(checked == sum(1 for t in want["tables"] for i in t["items"]
                                 if i["kind"] == "value"),
                  "%s: only %d number cells were found in the tree" % (name, checked))


if __name__ == "__main__":
    sys.exit(run_tests([
        ("print: header rows repeat on the next page, no row is cut", test_print),
        ("screen: 1280 px within the page, 390 px tables scroll in their box", test_screen),
        ("paste: Ctrl+V of the fragment into an editor keeps tables and merges", test_paste),
        ("accessibility: every number cell has its row and column header", test_accessibility),
    ], "test-export-browser-"))
