#!/usr/bin/python3
# test-cli-import.py: tianbao-cli import, run like a user would
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: TIANBAO_CLI (the built program), TIANBAO_SOURCE_ROOT (fixtures and the sample).
# The bundled seed text imports to exactly the cells and texts of the sample draft; the same
# report exported as a web page, a Word document and a PDF imports to the same cells again;
# every import says what it read and what not (with where), records where it came from
# (shown by `show`), is written beside its input or where -o/--outdir say, never over an
# existing file without --force and never over a draft; hostile files are refused with a
# message, nothing written.

import csv
import hashlib
import os
import shutil
import time
import unicodedata

from tap import check, english_env, expect, run_program, run_tests

CLI = os.environ.get("TIANBAO_CLI", "")
SOURCE_ROOT = os.environ.get("TIANBAO_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "yanchi-audit-2020.tianbao")
FIXTURES = os.path.join(SOURCE_ROOT, "tests", "data", "import")
BASE_ENV = english_env()


def run(*args, cwd=None):
    return run_program([CLI] + list(args), env=BASE_ENV, cwd=cwd, timeout=60)


def fixture(tmp, name, as_name=None):
    path = os.path.join(tmp, as_name or name)
    shutil.copy(os.path.join(FIXTURES, name), path)
    return path


def shown(path):
    return expect(run("show", "--json", path), 0, "show " + path).json()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fold(text):
    """@text without spaces, compatibility forms folded: Tianbao's exports print half-width
    brackets full-width, a PDF's gaps are no spaces."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def same_content(got, want, what, exact=True):
    """The cells (blank and 0 apart) and the texts of two `show --json` results."""
    check(got["format"] == want["format"], "%s: format %s, not %s" % (what, got["format"],
                                                                       want["format"]))
    missing = sorted(set(want["cells"]) - set(got["cells"]))
    extra = sorted(set(got["cells"]) - set(want["cells"]))
    wrong = sorted(k for k in want["cells"] if k in got["cells"] and
                   got["cells"][k] != want["cells"][k])
    check(not missing and not extra and not wrong,
          "%s: cells missing %s, extra %s, different %s" % (what, missing[:5], extra[:5],
                                                            wrong[:5]))
    if exact:
        check(got["texts"] == want["texts"], "%s: the texts differ" % what)
        return
    # Section 六 as published starts with the sentence of its fee fields.
    for section, text in want["texts"].items():
        check(fold(text) in fold(got["texts"].get(section, "")),
              "%s: the text of %s differs" % (what, section))


# ---- tests ---------------------------------------------------------------------------------

def test_help(tmp):
    r = expect(run("import", "--help"), 0)
    for option in ("--output", "--outdir", "--year", "--format", "--agency", "--force"):
        check(option in r.out, "import --help does not mention " + option, r)
    check("Exit status" in r.out, "import --help has no exit status", r)
    r = expect(run("--help"), 0)
    check("import" in r.out, "the command list has no import", r)
    r = expect(run("import"), 2)
    check("missing" in r.err, "no word about the missing file", r)


def test_seed(tmp):
    """The seed text gives exactly the sample draft, and says so per file."""
    src = fixture(tmp, "yanchi-audit-2020.txt")
    r = expect(run("import", src), 0)
    out = os.path.join(tmp, "yanchi-audit-2020.tianbao")
    check(os.path.exists(out), "no draft beside the input", r)
    for word in ("format 2019", "year: 2020", "agency: 盐池县审计局", "cells: ", " read",
                 "blank", "unreadable", "texts: 一、总体情况", "written to " + out, "Ready"):
        check(word in r.out, "the report does not say %r" % word, r)
    got = shown(out)
    same_content(got, shown(SAMPLE), "seed")
    source = got["meta"]["imported_from"]
    check(source["file"] == "yanchi-audit-2020.txt" and source["kind"] == "text",
          "the provenance does not name the file: %r" % source)
    check(source["sha256"] == sha256(src), "the provenance has the wrong SHA-256")
    age = time.time() - time.mktime(time.strptime(source["date"], "%Y-%m-%dT%H:%M:%SZ"))
    check(abs(age + time.timezone) < 600, "the import date is not now: %s" % source["date"])
    text = expect(run("show", out), 0).out
    check("Imported from" in text and "yanchi-audit-2020.txt (text, imported " in text and
          source["sha256"] in text, "show does not say where the report came from", text)
    # A draft made in Tianbao has no provenance.
    check(shown(SAMPLE)["meta"]["imported_from"] is None, "the sample claims a provenance")


def test_same_report_three_kinds(tmp):
    """The sample exported as a web page, a Word document and a PDF: the same cells back."""
    draft = os.path.join(tmp, "s.tianbao")
    shutil.copy(SAMPLE, draft)
    want = shown(draft)
    for kind, command in (("html", "export-html"), ("docx", "export-docx"),
                          ("pdf", "export-pdf")):
        exported = os.path.join(tmp, "published." + kind)
        expect(run(command, draft, "-o", exported), 0)
        out = os.path.join(tmp, "from-%s.tianbao" % kind)
        r = run("import", exported, "-o", out)
        check(r.rc in (0, 1), "import of the %s failed" % kind, r)
        got = shown(out)
        same_content(got, want, kind, exact=False)
        check(got["agency"] == want["agency"] and got["year"] == want["year"],
              "%s: agency %s, year %s" % (kind, got["agency"], got["year"]))
        check(got["meta"]["imported_from"]["kind"] == kind, "wrong kind for " + kind)
        check(got["meta"]["imported_from"]["sha256"] == sha256(exported),
              "wrong SHA-256 for " + kind)


def test_fixtures(tmp):
    """Portal pages (UTF-8 and GBK), Markdown and Word fixtures give their expected drafts."""
    for name, expected in (("portal-2021.html", "expected-2021.tianbao"),
                           ("portal-2021-gbk.html", "expected-2021.tianbao"),
                           ("converted-2021.md", "expected-2021.tianbao"),
                           ("qingyuan-2021.docx", "qingyuan-2021.tianbao")):
        src = fixture(tmp, name)
        out = os.path.join(tmp, name + ".tianbao")
        r = run("import", src, "-o", out)
        check(r.rc in (0, 1), "import of %s failed" % name, r)
        same_content(shown(out), shown(os.path.join(FIXTURES, expected)), name,
                     exact=not name.endswith(".docx"))


def test_what_could_not_be_read(tmp):
    """Placeholders and numbers run together are listed with their place, left unread."""
    src = fixture(tmp, "quirks-2019.txt")
    r = expect(run("import", src), 1)
    for word in ("unreadable “/”", "(table 1, row 3, column 2, line 11)", "blank",
                 "“3100204” may be several numbers run together", "uncertain",
                 "Not ready"):
        check(word in r.out, "the report does not say %r" % word, r)
    got = shown(os.path.join(tmp, "quirks-2019.tianbao"))
    check("t2.reg.made" in got["invalid"], "the placeholder is not kept as unreadable")
    check("t3.r1_new.np" not in got["cells"], "numbers run together were split")


def test_outputs_and_force(tmp):
    a = fixture(tmp, "portal-2021.html", "a.html")
    b = fixture(tmp, "yanchi-audit-2020.txt", "b.txt")
    expect(run("import", "a.html", cwd=tmp), 0)
    first = os.path.join(tmp, "a.tianbao")
    before = open(first, "rb").read()
    # Never over an existing file without --force; the other files are still imported.
    r = expect(run("import", "a.html", "b.txt", cwd=tmp), 2)
    check("already exists" in r.err and "--force" in r.err, "no word about --force", r)
    check(open(first, "rb").read() == before, "a.tianbao was replaced without --force")
    check(os.path.exists(os.path.join(tmp, "b.tianbao")), "b.txt was not imported", r)
    expect(run("import", "--force", "a.html", cwd=tmp), 0)
    # --outdir; -o names one draft only; -o and --outdir exclude each other.
    outdir = os.path.join(tmp, "drafts")
    os.mkdir(outdir)
    expect(run("import", "--outdir", outdir, a, b), 0)
    check(sorted(os.listdir(outdir)) == ["a.tianbao", "b.tianbao"], "wrong --outdir files")
    r = expect(run("import", "-o", os.path.join(tmp, "x.tianbao"), a, b), 2)
    check("--outdir" in r.err, "no hint for several files", r)
    expect(run("import", "-o", os.path.join(tmp, "x.tianbao"), "--outdir", outdir, a), 2)
    expect(run("import", "--outdir", os.path.join(tmp, "none"), a), 2)
    r = expect(run("import", "-o", os.path.join(tmp, "x.pdf"), a), 2)
    check(".tianbao" in r.err, "a draft not named *.tianbao was written", r)
    # A draft is not imported (nor written over by its own import).
    r = expect(run("import", SAMPLE, "-o", os.path.join(tmp, "y.tianbao")), 2)
    check("already a Tianbao report" in r.err, "a draft was imported", r)
    check(not os.path.exists(os.path.join(tmp, "y.tianbao")), "something was written", r)


def test_options(tmp):
    src = fixture(tmp, "yanchi-audit-2020.txt")
    out = os.path.join(tmp, "o.tianbao")
    r = run("import", src, "-o", out, "--year", "2021", "--agency", "某县审计局", "--format",
            "2021")
    check(r.rc in (0, 1), "import with options failed", r)
    got = shown(out)
    check(got["year"] == 2021 and got["agency"] == "某县审计局" and got["format"] == "2021",
          "the options were not taken: %r" % [got["year"], got["agency"], got["format"]])
    expect(run("import", src, "-o", out, "--force", "--format", "1999"), 2)
    expect(run("import", src, "-o", out, "--force", "--year", "1800"), 2)
    expect(run("import", src, "-o", out, "--force", "--agency", "a\u202eb"), 2)


def test_hostile(tmp):
    big = os.path.join(tmp, "big.html")
    with open(big, "wb") as f:
        f.write(b"<html><body>" + b"<p>x</p>" * (17 * 1024 * 1024 // 8) + b"</body></html>")
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "wb").close()
    binary = os.path.join(tmp, "noise.bin")
    with open(binary, "wb") as f:
        f.write(bytes(range(256)) * 64)
    novel = os.path.join(tmp, "novel.txt")
    with open(novel, "w", encoding="utf-8") as f:
        f.write("从前有座山，山里有座庙。\n" * 20)
    cases = ((big, "larger than 16 MB"), (empty, "empty"), (binary, "neither a web page"),
             (novel, "No heading and no table"), (tmp, "folder"),
             (os.path.join(tmp, "absent.txt"), "could not be opened"),
             (fixture(tmp, "yanchi-2020-encrypted.pdf"), ""))
    for path, words in cases:
        start = time.monotonic()
        r = expect(run("import", path, "--outdir", tmp), 2, path)
        took = time.monotonic() - start
        check(words in r.err, "%s: the message does not say %r" % (path, words), r)
        check(took < 5, "%s took %.1f s" % (path, took))
    left = [n for n in os.listdir(tmp) if n.endswith(".tianbao")]
    check(not left, "drafts were written for refused files: %r" % left)


# ---- check of many files ---------------------------------------------------------------

PUBLISHED = ("portal-2021.html", "portal-2021-gbk.html", "portal-2021-gbk-undeclared.html",
             "converted-2021.md", "pdf-copy-2021.txt", "web-copy-2021-utf16.txt",
             "labels-2021-year-2020.txt", "quirks-2019.txt", "yanchi-audit-2020.txt",
             "qingyuan-2021.docx", "yanchi-2020.docx", "qingyuan-2021.pdf",
             "qingyuan-2021-noborder.pdf", "yanchi-2020.pdf")


def twenty_reports(tmp):
    """A folder of twenty published reports: the fixtures, the sample published three ways,
    and three pages changed as a clerk's mistakes would change them."""
    folder = os.path.join(tmp, "reports")
    os.mkdir(folder)
    for name in PUBLISHED:
        fixture(folder, name)
    draft = os.path.join(tmp, "sample.tianbao")
    shutil.copy(SAMPLE, draft)
    for kind, command in (("html", "export-html"), ("docx", "export-docx"),
                          ("pdf", "export-pdf")):
        expect(run(command, draft, "-o", os.path.join(folder, "yanchi-published." + kind)), 0)
    with open(os.path.join(FIXTURES, "portal-2021.html"), encoding="utf-8") as f:
        page = f.read()
    check("&nbsp;13612&nbsp;" in page and ">252<" in page, "the portal fixture changed")
    with open(os.path.join(folder, "broken-sum.html"), "w", encoding="utf-8") as f:
        f.write(page.replace("&nbsp;13612&nbsp;", "&nbsp;13613&nbsp;"))
    with open(os.path.join(folder, "blank-cell.html"), "w", encoding="utf-8") as f:
        f.write(page.replace(">252<", "><", 1))
    with open(os.path.join(FIXTURES, "yanchi-audit-2020.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(folder, "renamed.txt"), "w", encoding="utf-8") as f:
        f.write(text.replace("盐池县审计局", "盐池县财政局"))
    check(len(os.listdir(folder)) == 20, "not twenty reports: %r" % os.listdir(folder))
    return folder


def test_check_folder(tmp):
    folder = twenty_reports(tmp)
    before = sorted(os.listdir(folder))
    csv_path = os.path.join(tmp, "verdicts.csv")
    start = time.monotonic()
    r = run("check", folder, "--csv", csv_path)
    took = time.monotonic() - start
    check(r.rc == 1, "exit %d for a folder with reports that are not ready" % r.rc, r)
    check(sorted(os.listdir(folder)) == before, "check wrote into the folder", r)
    lines = [l for l in r.out.splitlines() if l.startswith(folder)]
    check(len(lines) == 20, "%d lines for twenty reports" % len(lines), r)
    check("20 files: " in r.out, "no summary line", r)

    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 20, "%d rows in the table" % len(rows))
    check(list(rows[0]) == ["file", "kind", "agency", "year", "format", "ready", "errors",
                            "warnings", "incomplete", "rules_broken", "cells_unread",
                            "problem"], "the table's columns: %r" % list(rows[0]))
    by_name = {os.path.basename(row["file"]): row for row in rows}
    table = expect(run("check", folder, "--json"), 1).json()
    check(table["count"] == 20 and len(table["files"]) == 20, "JSON of %d files" % table["count"])
    by_json = {os.path.basename(v["file"]): v for v in table["files"]}

    # Each verdict is the one `check FILE` gives alone. Not for PDFs: the PDF reader looks
    # for ruling lines by rendering only within a time budget (RENDER_BUDGET in
    # tb-pdf-reader.c), so on a loaded machine two reads of one PDF may differ.
    for name in sorted(n for n in by_name if not n.endswith(".pdf")):
        row, one = by_name[name], run("check", "--json", os.path.join(folder, name))
        check(one.rc in (0, 1), "check %s alone failed" % name, one)
        alone = one.json()
        check((row["ready"] == "yes") == alone["ready"] == (one.rc == 0) ==
              by_json[name]["ready"],
              "%s: the verdicts differ: %r %r %r" % (name, row, alone, by_json[name]), one)
        check(int(row["errors"]) == alone["counts"]["error"] == by_json[name]["errors"],
              "%s: the errors differ" % name)
        check(int(row["warnings"]) == alone["counts"]["warning"], "%s: warnings differ" % name)
        check(row["format"] == alone["format"] and row["agency"] == (alone["agency"] or ""),
              "%s: format or agency differ" % name)
        check(row["kind"] == name.rsplit(".", 1)[1].replace("md", "text").replace("txt", "text"),
              "%s: kind %s" % (name, row["kind"]))

    # What the changes did, and what the published pages say.
    check(by_name["portal-2021.html"]["ready"] == "yes", "the portal page is not ready")
    check(by_name["broken-sum.html"]["ready"] == "no" and
          by_name["broken-sum.html"]["rules_broken"].startswith("T3"),
          "a sum that does not add up passed: %r" % by_name["broken-sum.html"])
    check(by_json["broken-sum.html"]["rules_broken"][0].startswith("T3"), "JSON rules")
    check(by_name["blank-cell.html"]["ready"] == "no" and
          int(by_name["blank-cell.html"]["incomplete"]) > 0,
          "a blank cell passed: %r" % by_name["blank-cell.html"])
    check(by_name["renamed.txt"]["agency"] == "盐池县财政局" and
          by_name["renamed.txt"]["ready"] == "yes", "renamed: %r" % by_name["renamed.txt"])
    check(by_name["quirks-2019.txt"]["rules_broken"] == "T2-1" and
          int(by_name["quirks-2019.txt"]["cells_unread"]) > 0,
          "quirks: %r" % by_name["quirks-2019.txt"])
    check(by_name["labels-2021-year-2020.txt"]["rules_broken"] == "YEAR", "YEAR not broken")
    for kind in ("html", "docx"):   # (the PDF: see above)
        row = by_name["yanchi-published." + kind]
        check(row["ready"] == "yes" and row["year"] == "2020" and row["format"] == "2019" and
              row["cells_unread"] == "0", "the sample as %s: %r" % (kind, row))
    check(took < 30, "checking twenty reports took %.1f s" % took)

    # The table is not written twice without --force, nor over a report.
    r = expect(run("check", folder, "--csv", csv_path), 2)
    check("--force" in r.err, "no word about --force", r)
    expect(run("check", folder, "--csv", csv_path, "--force"), 1)
    r = expect(run("check", folder, "--csv", os.path.join(folder, "renamed.txt"), "--force"), 2)
    check("same file" in r.err, "the table would replace a report", r)


def test_check_mixed(tmp):
    """Drafts and published reports alike; all ready gives 0, one unreadable file 2."""
    folder = os.path.join(tmp, "mixed")
    os.mkdir(folder)
    shutil.copy(SAMPLE, os.path.join(folder, "a.tianbao"))
    fixture(folder, "yanchi-audit-2020.txt")
    fixture(folder, "portal-2021.html")
    r = expect(run("check", folder), 0)
    check("3 files: 3 ready, 0 not ready, 0 could not be read" in r.out, "summary", r)
    v = expect(run("check", "--json", os.path.join(folder, "a.tianbao"),
                   os.path.join(folder, "portal-2021.html")), 0).json()
    check([f["kind"] for f in v["files"]] == ["draft", "html"], "kinds: %r" % v)
    check(v["files"][0]["cells_unread"] is None and v["files"][1]["cells_unread"] == 0,
          "cells unread: %r" % v)
    fixture(folder, "yanchi-2020-encrypted.pdf")
    r = expect(run("check", folder), 2)
    check("password" in r.out and "1 could not be read" in r.out, "the PDF's problem", r)
    # One published report alone: what was read, then the usual check; nothing written.
    r = expect(run("check", os.path.join(folder, "portal-2021.html")), 0)
    check("cells: 203 read" in r.out and "Ready" in r.out, "one page alone", r)
    check(sorted(os.listdir(folder)) == ["a.tianbao", "portal-2021.html",
                                         "yanchi-2020-encrypted.pdf", "yanchi-audit-2020.txt"],
          "check wrote files: %r" % os.listdir(folder))
    # A published report that is not ready: the hints name the draft an import makes.
    quirks = fixture(folder, "labels-2021-year-2020.txt")
    r = expect(run("check", quirks), 1)
    check("labels-2021-year-2020.tianbao" in r.out and
          "import it first: tianbao-cli import" in r.out and
          "convert '%s'" % quirks not in r.out, "the hints name the published file", r)
    empty = os.path.join(tmp, "empty")
    os.mkdir(empty)
    r = expect(run("check", empty), 2)
    check("empty" in r.err, "no word about the empty folder", r)


if __name__ == "__main__":
    import sys
    sys.exit(run_tests([
        ("--help and usage", test_help),
        ("the seed text gives the sample draft, with its provenance", test_seed),
        ("one report as web page, Word and PDF: the same cells", test_same_report_three_kinds),
        ("portal pages, GBK, Markdown, Word: their expected drafts", test_fixtures),
        ("what could not be read is listed with its place", test_what_could_not_be_read),
        ("outputs: beside, --outdir, -o, --force, never a draft", test_outputs_and_force),
        ("--year, --agency, --format", test_options),
        ("hostile files: refused with a message, nothing written", test_hostile),
        ("check of a folder of twenty published reports, CSV and JSON", test_check_folder),
        ("check of drafts and published reports alike", test_check_mixed),
    ], "test-cli-import-"))
