#!/usr/bin/python3
# test-export-tools.py: the web page and the Word document opened by real readers
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-export-tools.py EXPORT-FIXTURE
# export-fixture writes the exports of the sample report, of a filled 2021 report, and of that
# report with an empty cell as a draft with its sign-off (draft mark, 落款), with
# what they must contain (NAME.json: the format's grid items with their texts, from the format
# and the report, not from the writers). Then:
#  - Python's html.parser (export_check.py) reads the page and the fragment and places every
#    cell on its grid as a browser does: spans and texts equal the format's; the fragment has
#    no <style>, no class, only inline styles; nothing refers to anything outside the file;
#  - HTML Tidy finds neither errors nor warnings in the page;
#  - headless Chromium prints the page to PDF: pdftotext finds the title, the preface, the
#    headings and every label and number; screenshots at 1280 and 390 px: at 1280 nothing goes beyond the
#    text column, at 390 the page does not scroll sideways but the wide tables do, each in its
#    own box (measured in a copy of the page with a measuring script added: the export itself
#    has none);
#  - the fragment pasted into a contenteditable editor (insertHTML) keeps every table with
#    its merges, texts and inline styles;
#  - LibreOffice converts the .docx to PDF: every label and number is there, on A4 pages;
#    it reads the title and the agency (author) from the document properties, and every page
#    has its number "— n —" at its foot, outside;
#  - the .docx saved again by LibreOffice imports (tianbao-cli import) as the same report:
#    its tables stayed tables;
#  - two runs of export-fixture give the same bytes.
# A tool that is not installed skips its tests with the reason. TB_TEST_EXPORT_KEEP=DIR keeps
# the screenshots and PDFs to look at.

import collections
import html
import json
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

from export_check import Page, check_grid, check_self_contained, expectation, read_page
from tap import Skip, check, run_program, run_tests

FIXTURE = sys.argv[1]
REPORTS = ["sample", "full2021", "draft2021"]
MM = 96 / 25.4   # CSS pixels per millimetre
TEXT_WIDTH_PX = 156 * MM


def export(tmp):
    out = os.path.join(tmp, "exports")
    result = run_program([FIXTURE, out], timeout=60)
    check(result.rc == 0, "export-fixture failed", result)
    return out


def keep(path):
    dest = os.environ.get("TB_TEST_EXPORT_KEEP")
    if dest:
        os.makedirs(dest, exist_ok=True)
        shutil.copy(path, dest)


def squeeze(text):
    return re.sub(r"[\s\u3000]+", "", text)


def test_html_grid(tmp):
    out = export(tmp)
    for name in REPORTS:
        expected = expectation(out, name)
        for kind in ("html", "fragment.html"):
            page = read_page(os.path.join(out, "%s.%s" % (name, kind)))
            check_grid(page, expected, "%s.%s" % (name, kind))
            check_self_contained(page, "%s.%s" % (name, kind))


def test_fragment_inline(tmp):
    out = export(tmp)
    styled = {"div", "h1", "h2", "h3", "p", "span", "table", "caption", "th", "td", "col"}
    for name in REPORTS:
        page = read_page(os.path.join(out, name + ".fragment.html"))
        tags = [tag for tag, _ in page.elements]
        for tag in ("html", "head", "body", "style", "meta", "title"):
            check(tag not in tags, "%s fragment: <%s>" % (name, tag))
        for tag, attrs in page.elements:
            check("class" not in attrs, "%s fragment: class on <%s>" % (name, tag))
            if tag in styled:
                check(attrs.get("style"), "%s fragment: <%s> without a style" % (name, tag))


def test_tidy(tmp):
    if shutil.which("tidy") is None:
        raise Skip("HTML Tidy is not installed (Debian package tidy)")
    out = export(tmp)
    for name in REPORTS:
        result = run_program(["tidy", "-errors", "-q", "-utf8", os.path.join(out, name + ".html")])
        check(result.rc == 0, "tidy on %s.html: errors or warnings" % name, result)


def test_deterministic(tmp):
    first = export(tmp)
    second = export(os.path.join(tmp, "again"))
    for name in REPORTS:
        for ext in ("html", "fragment.html", "docx"):
            file = "%s.%s" % (name, ext)
            with open(os.path.join(first, file), "rb") as a, \
                    open(os.path.join(second, file), "rb") as b:
                check(a.read() == b.read(), "%s differs between two runs" % file)


# ---- PDF text -------------------------------------------------------------------------------

def pdf_words(path):
    """The words of a PDF, page by page, with their boxes (pdftotext -bbox)."""
    result = run_program(["pdftotext", "-bbox", "-enc", "UTF-8", path, "-"], timeout=60)
    check(result.rc == 0, "pdftotext failed on " + path, result)
    words = []
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", result.out))
    for page_no, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append({"page": page_no, "text": w.text or "",
                          "x0": float(w.get("xMin")), "x1": float(w.get("xMax")),
                          "y0": float(w.get("yMin")), "y1": float(w.get("yMax"))})
    return words


def find_label(words, label):
    """Whether @label is in the PDF, maybe wrapped over lines inside its cell: its pieces are
    words on consecutive lines that start at the same x or share a centre."""
    target = squeeze(label)

    def follow(word, rest):
        if rest == "":
            return True
        h = word["y1"] - word["y0"]
        for w in words:
            if w["page"] != word["page"] or not rest.startswith(w["text"]) or not w["text"]:
                continue
            if not (word["y0"] + 2 < w["y0"] < word["y0"] + 1.8 * h):
                continue
            same_x = abs(w["x0"] - word["x0"]) < 2.5
            same_centre = abs((w["x0"] + w["x1"]) / 2 - (word["x0"] + word["x1"]) / 2) < 2.5
            if (same_x or same_centre) and follow(w, rest[len(w["text"]):]):
                return True
        return False

    for w in words:
        if w["text"] and target.startswith(w["text"]) and follow(w, target[len(w["text"]):]):
            return True
    # A label on one line may come as several words (spaces, punctuation).
    return target in squeeze("".join(w["text"] for w in words))


def check_pdf_content(path, expected, what):
    words = pdf_words(path)
    check(words, "%s: no text in the PDF" % what)
    text = squeeze("".join(w["text"] for w in words))
    check(squeeze(expected["title"]) in text, "%s: the title is missing" % what)
    check(squeeze(expected["preface"]) in text, "%s: the preface is missing" % what)
    for heading in expected["headings"]:
        check(find_label(words, heading), "%s: heading %s is missing" % (what, heading))
    counts = collections.Counter(w["text"] for w in words)
    needed = collections.Counter()
    for table in expected["tables"]:
        for item in table["items"]:
            if item["kind"] == "label":
                check(find_label(words, item["text"]),
                      "%s %s: label %s is missing" % (what, table["id"], item["text"]))
            elif item["text"]:
                needed[item["text"]] += 1
    for number, n in needed.items():
        check(counts[number] >= n, "%s: the number %s appears %d times, the tables hold it %d "
              "times" % (what, number, counts[number], n))
    if "draft_mark" in expected:
        # The draft mark on every page; the sign-off (agency, then date) at the end.
        pages = max(w["page"] for w in words) + 1
        for page in range(pages):
            on_page = squeeze("".join(w["text"] for w in words if w["page"] == page))
            check(squeeze(expected["draft_mark"]) in on_page,
                  "%s: page %d has no draft mark" % (what, page + 1))
        last = squeeze("".join(w["text"] for w in words if w["page"] == pages - 1))
        agency, date = expected["sign_off"]
        check(last.find(squeeze(agency) + squeeze(date)) >= 0 or
              (squeeze(agency) in last and squeeze(date) in last),
              "%s: no sign-off on the last page" % what)
    return words


# ---- Chromium -------------------------------------------------------------------------------

def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise Skip("Chromium is not installed (Debian package chromium)")


def run_chromium(tmp, args, timeout=120):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    argv = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile] + args
    result = run_program(argv, timeout=timeout)
    check(result.rc == 0, "chromium failed", result)
    return result


def test_chromium_print(tmp):
    chromium()
    out = export(tmp)
    for name in REPORTS:
        expected = expectation(out, name)
        pdf = os.path.join(tmp, name + "-chromium.pdf")
        run_chromium(tmp, ["--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                           "file://" + os.path.join(out, name + ".html")])
        keep(pdf)
        words = check_pdf_content(pdf, expected, name + " printed by Chromium")
        # Everything inside the A4 text block, GB/T 9704 margins (page numbers below it).
        info = run_program(["pdfinfo", pdf]).out
        check("(A4)" in info, "%s: not printed on A4\n%s" % (name, info))
        pt = 72 / 25.4
        for w in words:
            check(28 * pt - 1 <= w["x0"] and w["x1"] <= (28 + 156) * pt + 1,
                  "%s: %r at x %.1f–%.1f pt, outside the text block" % (name, w["text"],
                                                                       w["x0"], w["x1"]))


# A page holding the export in a frame @width px wide (a phone: 390) and a script that
# measures it once it is loaded: the export itself has no script. (Headless Chromium does not
# lay out a window narrower than 500 px for --dump-dom; a frame can be any width.)
HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="f" style="width:%dpx;height:800px;border:0"></iframe>
<pre id="tb-measure"></pre>
<script>
var f = document.getElementById('f');
f.onload = function () {
  var d = f.contentDocument, boxes = [];
  d.querySelectorAll('[role=region]').forEach(function (b) {
    boxes.push({ scroll: b.scrollWidth, client: b.clientWidth,
                 columns: b.querySelectorAll('col').length });
  });
  document.getElementById('tb-measure').textContent = JSON.stringify({
    page: d.documentElement.scrollWidth, viewport: f.contentWindow.innerWidth,
    boxes: boxes });
};
f.srcdoc = %s;
</script>
</body></html>
"""


def measure(tmp, page, width):
    """The widths of @page and of its table boxes in a frame @width px wide."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    harness = os.path.join(tmp, "measure-%d-%s" % (width, os.path.basename(page)))
    with open(harness, "w", encoding="utf-8") as f:
        f.write(HARNESS % (width, json.dumps(text)))
    dom = run_chromium(tmp, ["--window-size=%d,900" % max(width + 20, 600),
                             "--virtual-time-budget=5000", "--dump-dom",
                             "file://" + harness]).out
    found = re.search(r'<pre id="tb-measure">(.+?)</pre>', dom, re.S)
    check(found, "no measurement in the page:\n" + dom[-2000:])
    m = json.loads(html.unescape(found.group(1)))
    check(m["viewport"] == width, "the frame is %d px wide, not %d" % (m["viewport"], width))
    return m


def trimmed_box(png):
    """The box of everything that is not white in @png: (left, top, right, bottom)."""
    result = run_program(["convert", png, "-fuzz", "2%", "-format", "%@", "info:"])
    check(result.rc == 0, "ImageMagick failed", result)
    w, h, x, y = map(int, re.match(r"(\d+)x(\d+)\+(\d+)\+(\d+)", result.out).groups())
    return x, y, x + w, y + h


def test_chromium_screen(tmp):
    chromium()
    if shutil.which("convert") is None:
        raise Skip("ImageMagick is not installed")
    out = export(tmp)
    for name in REPORTS:
        page = os.path.join(out, name + ".html")
        # 1280 px: the whole page in one tall shot; nothing beyond the text column.
        shot = os.path.join(tmp, name + "-1280.png")
        run_chromium(tmp, ["--screenshot=" + shot, "--window-size=1280,6000",
                           "file://" + page])
        keep(shot)
        left, _, right, _ = trimmed_box(shot)
        column_left = (1280 - TEXT_WIDTH_PX) / 2
        check(left >= column_left - 2 and right <= 1280 - column_left + 2,
              "%s at 1280 px: content from x %d to %d, the column is %.0f to %.0f"
              % (name, left, right, column_left, 1280 - column_left))
        m = measure(tmp, page, 1280)
        check(m["page"] <= m["viewport"], "%s at 1280 px: the page scrolls sideways %s"
              % (name, m))
        for box in m["boxes"]:
            check(box["scroll"] <= box["client"], "%s at 1280 px: a table overflows its box %s"
                  % (name, m))

        # 390 px (a phone): the page stays put, wide tables scroll in their own box.
        for size in ("1280,900", "390,800"):
            shot = os.path.join(tmp, "%s-%s.png" % (name, size.split(",")[0]))
            run_chromium(tmp, ["--screenshot=" + shot, "--window-size=" + size,
                               "file://" + page])
            keep(shot)
        m = measure(tmp, page, 390)
        check(m["page"] <= m["viewport"], "%s at 390 px: the page scrolls sideways %s"
              % (name, m))
        check(all(b["client"] <= m["viewport"] for b in m["boxes"]),
              "%s at 390 px: a table box is wider than the screen %s" % (name, m))
        wide = [b for b in m["boxes"] if b["columns"] > 6]
        check(wide and all(b["scroll"] > b["client"] for b in wide),
              "%s at 390 px: the wide tables do not scroll in their box %s" % (name, m))


# A rich-text editor as portals have them: a contenteditable box that the fragment is pasted
# into (insertHTML is what a paste does with text/html), then the box's HTML.
EDITOR = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<div id="editor" contenteditable="true" style="width:800px"></div>
<pre id="tb-pasted"></pre>
<script>
var editor = document.getElementById('editor');
editor.focus();
document.execCommand('insertHTML', false, %s);
document.getElementById('tb-pasted').textContent = editor.innerHTML;
</script>
</body></html>
"""


def test_fragment_paste(tmp):
    chromium()
    out = export(tmp)
    for name in REPORTS:
        with open(os.path.join(out, name + ".fragment.html"), encoding="utf-8") as f:
            fragment = f.read()
        page = os.path.join(tmp, "editor-%s.html" % name)
        with open(page, "w", encoding="utf-8") as f:
            f.write(EDITOR % json.dumps(fragment))
        dom = run_chromium(tmp, ["--window-size=1000,900", "--dump-dom", "file://" + page]).out
        found = re.search(r'<pre id="tb-pasted">(.*?)</pre>', dom, re.S)
        check(found and found.group(1).strip(), "%s: nothing was pasted" % name)
        pasted = html.unescape(found.group(1))
        result = Page()
        result.feed(pasted)
        result.close()
        check_grid(result, expectation(out, name), name + " pasted into an editor")
        check(all(attrs.get("style") for tag, attrs in result.elements if tag == "td"),
              "%s: the editor dropped the cells' styles" % name)


# ---- LibreOffice ---------------------------------------------------------------------------

def test_libreoffice(tmp):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise Skip("LibreOffice is not installed (Debian package libreoffice-writer-nogui)")
    out = export(tmp)
    profile = tempfile.mkdtemp(prefix="lo-", dir=tmp)
    pdfs = os.path.join(tmp, "lo")
    result = run_program([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                          "--convert-to", "pdf", "--outdir", pdfs]
                         + [os.path.join(out, name + ".docx") for name in REPORTS],
                         timeout=300)
    check(result.rc == 0, "soffice failed", result)
    for name in REPORTS:
        pdf = os.path.join(pdfs, name + ".pdf")
        check(os.path.exists(pdf), "LibreOffice did not convert %s.docx" % name, result)
        keep(pdf)
        expected = expectation(out, name)
        words = check_pdf_content(pdf, expected, name + ".docx in LibreOffice")
        info = run_program(["pdfinfo", pdf]).out
        check("(A4)" in info, "%s.docx: not on A4 in LibreOffice\n%s" % (name, info))
        # The document properties as LibreOffice read them (it writes them into the PDF).
        props = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        check(props.get("Title", "").strip() == expected["title"],
              "%s.docx: LibreOffice reads the title %r" % (name, props.get("Title")))
        check(props.get("Author", "").strip() == expected["agency"],
              "%s.docx: LibreOffice reads the author %r, not the agency" % (name,
                                                                        props.get("Author")))
        # Page numbers "— n —" at the foot of every page, outside: right on odd pages, left
        # on even ones (GB/T 9704).
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        width = float(re.search(r"Page size:\s+([\d.]+)", info).group(1))
        check(pages >= 2, "%s.docx: %d page in LibreOffice" % (name, pages))
        for page in range(pages):
            on_page = [w for w in words if w["page"] == page]
            bottom = max(w["y1"] for w in on_page)
            foot = [w for w in on_page if w["y0"] > bottom - 20]
            text = squeeze("".join(w["text"] for w in sorted(foot, key=lambda w: w["x0"])))
            check(text == "—%d—" % (page + 1),
                  "%s.docx page %d: the foot reads %r in LibreOffice" % (name, page + 1, text))
            left = min(w["x0"] for w in foot)
            right = max(w["x1"] for w in foot)
            if page % 2 == 0:
                check(left > width / 2, "%s.docx page %d: the number is not on the right"
                      % (name, page + 1))
            else:
                check(right < width / 2, "%s.docx page %d: the number is not on the left"
                      % (name, page + 1))


def test_libreoffice_saves(tmp):
    """The .docx opened and saved again by LibreOffice (what a clerk's edit leaves behind)
    still holds the report: tianbao-cli import reads from it the same cells, texts, year and
    agency as from Tianbao's own file, so LibreOffice took the tables as real tables with
    their merges, not as pictures or text."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    cli = os.environ.get("TIANBAO_CLI")
    if soffice is None:
        raise Skip("LibreOffice is not installed (Debian package libreoffice-writer-nogui)")
    if not cli:
        raise Skip("TIANBAO_CLI is not set")
    out = export(tmp)
    profile = tempfile.mkdtemp(prefix="lo-", dir=tmp)
    saved = os.path.join(tmp, "saved")
    result = run_program([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                          "--convert-to", "docx:MS Word 2007 XML", "--outdir", saved]
                         + [os.path.join(out, name + ".docx") for name in REPORTS],
                         timeout=300)
    check(result.rc == 0, "soffice failed", result)

    def imported(path):
        draft = path + ".tianbao"
        r = run_program([cli, "import", path, "-o", draft, "--force"], timeout=60)
        check(r.rc in (0, 1) and os.path.exists(draft), "import of %s failed" % path, r)
        shown = run_program([cli, "show", "--json", draft], timeout=60)
        check(shown.rc == 0, "show failed", shown)
        return json.loads(shown.out)

    for name in REPORTS:
        path = os.path.join(saved, name + ".docx")
        check(os.path.exists(path), "LibreOffice did not save %s.docx" % name, result)
        ours = imported(os.path.join(out, name + ".docx"))
        theirs = imported(path)
        for key in ("format", "year", "agency", "cells"):
            check(theirs[key] == ours[key], "%s.docx saved by LibreOffice: other %s: %r" % (
                name, key, theirs[key] if key != "cells" else {
                    k: (v, theirs["cells"].get(k)) for k, v in ours["cells"].items()
                    if theirs["cells"].get(k) != v}))
        filled = [v for v in ours["cells"].values() if v is not None]
        check(len(filled) > 100, "%s.docx: only %d cells came back" % (name, len(filled)))
        for section, text in ours["texts"].items():
            check(squeeze(theirs["texts"].get(section) or "") == squeeze(text),
                  "%s.docx saved by LibreOffice: the text of %s differs" % (name, section))


if __name__ == "__main__":
    sys.exit(run_tests([
        ("html: grid, spans and texts of every table, self-contained", test_html_grid),
        ("html: the fragment has only inline styles", test_fragment_inline),
        ("html: HTML Tidy finds no error or warning", test_tidy),
        ("exports: the same bytes in two runs", test_deterministic),
        ("chromium: printed page has every label and number in the text block",
         test_chromium_print),
        ("chromium: 1280 px within the column, 390 px tables scroll in their box",
         test_chromium_screen),
        ("chromium: the fragment pasted into an editor keeps its tables", test_fragment_paste),
        ("libreoffice: the .docx converts with every label and number, its properties and "
         "page numbers", test_libreoffice),
        ("libreoffice: the .docx saved again by LibreOffice imports as the same report",
         test_libreoffice_saves),
    ], "test-export-tools-"))
