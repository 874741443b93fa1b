#!/usr/bin/python3
# test-cli-export.py: tianbao-cli export-pdf, export-html and export-docx, run like a user would
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-export.py EXPORT-FIXTURE
# Environment: TIANBAO_CLI (the built program), TIANBAO_SOURCE_ROOT (for the sample draft).
# Each export writes its file beside the report or to -o; a report that is not ready is
# refused (nothing written) unless --draft, which marks the export; an existing web page or
# Word document is replaced only with --force; the report itself never. The web page and the
# fragment are read as a browser places their cells (export_check.py) and compared with what
# export-fixture says the report must show; the page and the Word document are the very bytes
# the writers give (export-fixture writes them for the sample too).

import os
import re
import shutil
import sys
import time
import unicodedata
import zipfile

from export_check import check_grid, check_self_contained, expectation, read_page
from tap import check, english_env, expect, run_program, run_tests

CLI = os.environ.get("TIANBAO_CLI", "")
SOURCE_ROOT = os.environ.get("TIANBAO_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "yanchi-audit-2020.tianbao")
FIXTURE = sys.argv[1] if len(sys.argv) > 1 else ""
BASE_ENV = english_env()


def run(*args):
    return run_program([CLI] + list(args), env=BASE_ENV, timeout=60)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def sample(tmp, name="report.tianbao"):
    path = os.path.join(tmp, name)
    shutil.copy(SAMPLE, path)
    return path


def unready(tmp):
    """A new report, nothing filled in: not ready."""
    path = os.path.join(tmp, "new.tianbao")
    expect(run("new", "--year", "2024", "--agency", "盐池县审计局", "-o", path), 0)
    return path


def expect_file(tmp, draft, name, *options):
    """What export-fixture says @draft's export must contain."""
    out = os.path.join(tmp, name + ".json")
    result = run_program([FIXTURE, "--expect"] + list(options) + [draft, out], timeout=60)
    check(result.rc == 0, "export-fixture --expect failed", result)
    return expectation(tmp, name)


def docx_text(path):
    with zipfile.ZipFile(path) as z:
        check(z.testzip() is None, "%s: a damaged zip entry" % path)
        return "".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if n.endswith(".xml") or n.endswith(".rels"))


# ---- tests ---------------------------------------------------------------------------------

def test_help(tmp):
    for command, options in (("export-pdf", ["--sign-off", "--draft"]),
                             ("export-html", ["--fragment", "--sign-off", "--draft", "--force"]),
                             ("export-docx", ["--sign-off", "--draft", "--force"])):
        r = expect(run(command, "--help"), 0)
        for option in options + ["--output"]:
            check(option in r.out, "%s --help does not mention %s" % (command, option), r)
        check("Exit status" in r.out, "%s --help has no exit status" % command, r)
    r = expect(run("--help"), 0)
    for command in ("export-pdf", "export-html", "export-docx"):
        check(command in r.out, "tianbao-cli --help does not list " + command, r)
    # --fragment and --force are where they mean something.
    expect(run("export-docx", sample(tmp), "--fragment"), 2)
    expect(run("export-pdf", sample(tmp), "--force"), 2)


def test_default_names(tmp):
    report = sample(tmp)
    before = read(report)
    for command, options, name in (("export-html", [], "report.html"),
                                   ("export-html", ["--fragment"], "report.fragment.html"),
                                   ("export-docx", [], "report.docx"),
                                   ("export-pdf", [], "report.pdf")):
        r = expect(run(command, report, *options), 0)
        path = os.path.join(tmp, name)
        check(os.path.getsize(path) > 1000, "%s %s wrote no %s" % (command, options, name))
        check(r.out.startswith(path + ": exported"), "%s says %r" % (command, r.out))
    check(read(report) == before, "an export changed the report")
    # Without the .tianbao suffix the export's is added.
    other = os.path.join(tmp, "bericht")
    shutil.copy(SAMPLE, other)
    expect(run("export-docx", other), 0)
    check(os.path.exists(other + ".docx"), "export-docx of bericht wrote no bericht.docx")


def test_html_grid(tmp):
    report = sample(tmp)
    expected = expect_file(tmp, report, "sample")
    for options, name in (([], "page.html"), (["--fragment"], "fragment.html")):
        out = os.path.join(tmp, name)
        expect(run("export-html", report, "-o", out, *options), 0)
        page = read_page(out)
        check_grid(page, expected, name)
        check_self_contained(page, name)
        check(("<style" in read(out).decode("utf-8")) == (name == "page.html"),
              "%s: a <style> block only in the page" % name)


def test_same_bytes_as_writers(tmp):
    """The commands write what the writers make of the report: export-fixture's files for the
    sample are byte for byte the same."""
    fixture = os.path.join(tmp, "fixture")
    result = run_program([FIXTURE, fixture], timeout=60)
    check(result.rc == 0, "export-fixture failed", result)
    report = sample(tmp)
    for command, options, ours, theirs in (("export-html", [], "a.html", "sample.html"),
                                           ("export-html", ["--fragment"], "a.fragment.html",
                                            "sample.fragment.html"),
                                           ("export-docx", [], "a.docx", "sample.docx")):
        out = os.path.join(tmp, ours)
        expect(run(command, report, "-o", out, *options), 0)
        check(read(out) == read(os.path.join(fixture, theirs)),
              "%s %s differs from the writer's %s" % (command, options, theirs))


def test_deterministic(tmp):
    """The same report gives the same bytes: exported again a second later, in another time
    zone, under another name, the web page, the fragment and the Word document are
    unchanged (no clock, zone or file name in them; the zip's entries dated from the
    report)."""
    report = sample(tmp)
    first = os.path.join(tmp, "first")
    second = os.path.join(tmp, "second")
    os.mkdir(first)
    os.mkdir(second)
    exports = (("export-html", [], "report.html"),
               ("export-html", ["--fragment"], "report.fragment.html"),
               ("export-docx", [], "report.docx"))
    for command, options, name in exports:
        expect(run(command, report, "-o", os.path.join(first, name), *options), 0)
    time.sleep(1.1)
    env = dict(BASE_ENV, TZ="Asia/Shanghai")
    for command, options, name in exports:
        out = os.path.join(second, "other-" + name)
        expect(run_program([CLI, command, report, "-o", out] + options, env=env, timeout=60), 0)
        check(read(out) == read(os.path.join(first, name)),
              "%s %s: other bytes a second later in another zone" % (command, options))
    with zipfile.ZipFile(os.path.join(first, "report.docx")) as z:
        dates = {info.date_time for info in z.infolist()}
    check(len(dates) == 1, "the zip's entries have different dates %s" % dates)


def folded(text):
    """@text without blanks and with compatibility forms folded: the exports print the
    half-width brackets of a text full-width."""
    return squeeze(unicodedata.normalize("NFKC", text or ""))


def squeeze(text):
    return re.sub(r"[\s\u3000]+", "", text)


def test_import_back(tmp):
    """What a user does with an export of the sample: tianbao-cli import, told nothing (the
    format, year and agency come from the document), gives back the report: every cell, and
    every text (section 六 also holds the sentence of its fee fields, as published)."""
    report = sample(tmp)
    want = expect(run("show", "--json", report), 0).json()
    for command, options, name in (("export-html", [], "page.html"),
                                   ("export-html", ["--fragment"], "fragment.html"),
                                   ("export-docx", [], "word.docx")):
        what = "%s %s" % (command, " ".join(options))
        exported = os.path.join(tmp, name)
        expect(run(command, report, "-o", exported, *options), 0)
        draft = os.path.join(tmp, name + ".tianbao")
        expect(run("import", exported, "-o", draft), 0, what + " imported")
        got = expect(run("show", "--json", draft), 0).json()
        for key in ("format", "year", "agency", "title"):
            check(got[key] == want[key], "%s: %s %r, the report's is %r" % (what, key, got[key],
                                                                           want[key]))
        check(got["cells"] == want["cells"], "%s: other cells: %s" % (what, {
            k: (v, got["cells"].get(k)) for k, v in want["cells"].items()
            if got["cells"].get(k) != v}))
        check(set(got["texts"]) == set(want["texts"]), "%s: texts %s" % (what, list(got["texts"])))
        for section, text in want["texts"].items():
            check(folded(got["texts"][section]).endswith(folded(text)),
                  "%s: the text of %s differs:\n%s\n%s" % (what, section, got["texts"][section],
                                                            text))


def test_not_ready(tmp):
    report = unready(tmp)
    for command, name in (("export-html", "new.html"), ("export-docx", "new.docx"),
                          ("export-pdf", "new.pdf")):
        out = os.path.join(tmp, name)
        r = expect(run(command, report), 1)
        found = re.search(r"has (\d+) errors or unfilled parts; not exported", r.err)
        check(found, "%s: no count of the problems in %r" % (command, r.err))
        check("--draft" in r.err, "%s: the message does not say --draft" % command, r)
        check(not os.path.exists(out), "%s wrote %s for a report that is not ready"
              % (command, name))
        issues = int(found.group(1))

        r = expect(run(command, report, "--draft"), 0)
        check("as a draft (%d issues left)" % issues in r.out, "%s --draft says %r"
              % (command, r.out))
        mark = "草稿：尚有 %d 处校验错误" % issues
        if command == "export-html":
            text = read(out).decode("utf-8")
            check(mark in text, "the draft web page has no mark %s" % mark)
            check_grid(read_page(out), expect_file(tmp, report, "new", "--draft"), name)
        elif command == "export-docx":
            check(mark in docx_text(out), "the draft Word document has no mark %s" % mark)


def test_force_and_output(tmp):
    report = sample(tmp)
    for command, suffix in (("export-html", "html"), ("export-docx", "docx")):
        out = os.path.join(tmp, "sub", "out." + suffix)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(b"edited by hand")
        r = expect(run(command, report, "-o", out), 2)
        check("already exists" in r.err and "--force" in r.err,
              "%s over an existing file says %r" % (command, r.err))
        check(read(out) == b"edited by hand", "%s replaced an existing file without --force"
              % command)
        check(not os.path.exists(os.path.join(tmp, "report." + suffix)),
              "%s -o also wrote the default file" % command)
        r = expect(run(command, report, "-o", out, "--force"), 0)
        check(read(out) != b"edited by hand" and len(read(out)) > 1000,
              "%s --force did not replace the file" % command)
    # The PDF is replaced without asking, as before.
    out = os.path.join(tmp, "out.pdf")
    with open(out, "wb") as f:
        f.write(b"old")
    expect(run("export-pdf", report, "-o", out), 0)
    check(read(out).startswith(b"%PDF-"), "export-pdf did not replace its output")
    # Never over the report, not even with --force.
    before = read(report)
    for command in ("export-html", "export-docx", "export-pdf"):
        options = ["--force"] if command != "export-pdf" else []
        r = expect(run(command, report, "-o", report, *options), 2)
        check("overwrite the report" in r.err, "%s -o REPORT says %r" % (command, r.err))
    check(read(report) == before, "an export replaced the report")


def test_docx_tables(tmp):
    """The Word document is a zip that opens, with real tables and the official merges."""
    report = sample(tmp)
    out = os.path.join(tmp, "r.docx")
    expect(run("export-docx", report, "-o", out), 0)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        document = z.read("word/document.xml").decode("utf-8")
    for part in ("[Content_Types].xml", "word/document.xml", "word/styles.xml"):
        check(part in names, "%s is missing from the .docx" % part)
    expected = expect_file(tmp, report, "sample")
    check(document.count("<w:tbl>") == len(expected["tables"]),
          "%d tables in the .docx, the format has %d" % (document.count("<w:tbl>"),
                                                          len(expected["tables"])))
    spans = sum(1 for t in expected["tables"] for i in t["items"] if i["colspan"] > 1)
    check(document.count("<w:gridSpan ") >= spans, "fewer column merges than the format's")
    check("<w:vMerge" in document, "no row merge in the .docx")
    # The title: in the document properties whole, in the text maybe broken after the agency.
    core = docx_text(out)
    check("<dc:title>%s</dc:title>" % expected["title"] in core,
          "the title is missing from the document properties")
    check(expected["title"][-10:] in document, "the title is missing from the text")


def test_font_roles(tmp):
    """--font ROLE=FAMILY: the PDF embeds the family, the Word styles name it; a bad role is
    a usage error that writes nothing."""
    report = sample(tmp)
    pdf = os.path.join(tmp, "fonts.pdf")
    for bad in ("colour=黑体", "body=", "body"):
        r = run("export-pdf", report, "-o", pdf, "--font", bad)
        expect(r, 2)
        check("heading2" in r.err, "the usage error does not name the roles: %s" % r.err)
        check(not os.path.exists(pdf), "a PDF was written with --font %s" % bad)
    expect(run("export-pdf", report, "-o", pdf, "--font", "body=Noto Sans CJK SC",
               "--font", "heading2=Noto Serif CJK SC"), 0)
    fonts = run_program(["pdffonts", pdf], timeout=60).out
    check(re.search(r"^[A-Z]{6}\+NotoSansCJK\w*-Regular ", fonts, re.M) is not None,
          "the body font chosen is not embedded:\n" + fonts)
    check("LXGW" not in fonts and "UKai" not in fonts,
          "a Kai font is embedded though heading2 was set in Noto Serif:\n" + fonts)
    docx = os.path.join(tmp, "fonts.docx")
    expect(run("export-docx", report, "-o", docx, "--font", "body=方正仿宋_GBK",
               "--font", "title=方正小标宋_GBK"), 0)
    with zipfile.ZipFile(docx) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    check('w:eastAsia="方正仿宋_GBK"' in styles, "the Word styles do not name the body font")
    check('w:eastAsia="方正小标宋_GBK"' in styles, "the Word styles do not name the title font")
    check('w:eastAsia="黑体"' in styles, "the level-1 headings lost their official font")


if __name__ == "__main__":
    sys.exit(run_tests([
        ("--help of the three exports", test_help),
        ("default names beside the report", test_default_names),
        ("export-html: the grid of every table, self-contained", test_html_grid),
        ("the same bytes as the writers", test_same_bytes_as_writers),
        ("the same bytes a second later, in another time zone", test_deterministic),
        ("the three exports imported back give the report", test_import_back),
        ("a report that is not ready: refused, or marked with --draft", test_not_ready),
        ("--force, -o, and never over the report", test_force_and_output),
        ("export-docx: real tables with merges", test_docx_tables),
        ("--font ROLE=FAMILY in the PDF and the Word document", test_font_roles),
    ], "test-cli-export-"))
