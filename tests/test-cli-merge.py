#!/usr/bin/python3
# test-cli-merge.py: last year's report → this year's, and the county roll-up, through tianbao-cli
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: TIANBAO_CLI (the built program), TIANBAO_SOURCE_ROOT (for the 2020 sample
# draft). Prints TAP. Every test works in its own temporary folder.

import csv
import io
import os
import shutil
import sys

from tap import check, english_env, run_program, run_tests
import tap

CLI = os.environ.get("TIANBAO_CLI", "")
SOURCE_ROOT = os.environ.get("TIANBAO_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "yanchi-audit-2020.tianbao")

ENV = english_env()

COLUMNS = ["np", "biz", "res", "soc", "law", "oth"]


def run(*args, stdin=None, cwd=None):
    return run_program([CLI] + list(args), stdin=stdin, env=ENV, cwd=cwd, timeout=60)


_cells = {}


def cells(fmt):
    """The cells of a format: id -> the entry of `cells --json`."""
    if fmt not in _cells:
        r = run("cells", "--json", "--format", fmt)
        check(r.rc == 0, "cells --json", r)
        _cells[fmt] = {c["id"]: c for c in r.json()}
    return _cells[fmt]


def fill(path, seed, year=2024, agency="某县审计局"):
    """A complete 2021-format report whose every rule holds; returns the values set."""
    r = run("new", "--year", year, "--agency", agency, "--preparer", "张三",
            "--contact", "0951-1234567", "-o", path)
    check(r.rc == 0, "new", r)
    values = {}
    for i, (cid, c) in enumerate(cells("2021").items()):
        if c["computed"] or cid.startswith("t3.r1_new."):
            continue
        v = (seed * 7 + i * 3) % 10
        if cid.startswith("t3.r2_carry_in."):
            v = v % 2
        elif cid.startswith("t3.r3_1_open."):
            v += 1
        if cid == "s6.fee_notices":
            v = 100
        values[cid] = "%d.5" % v if c["kind"] == "amount" else str(v)
    # 本年新收 so that 一 + 二 = （七） + 四 in every column.
    for col in COLUMNS:
        results = sum(int(values[cid]) for cid in values
                      if cid.startswith("t3.r3_") and cid.endswith("." + col))
        n = results + int(values["t3.r4_carry_out." + col]) - int(values["t3.r2_carry_in." + col])
        values["t3.r1_new." + col] = str(n)
    r = run("set", path, *["%s=%s" % kv for kv in values.items()])
    check(r.rc == 0, "set", r)
    for section, text in (("s1", "本年度，%s认真贯彻落实《中华人民共和国政府信息公开条例》，第%d号。" % (agency, seed)),
                          ("s5", "存在的主要问题是公开内容不够全面，明年将加以改进，第%d号。" % seed),
                          ("s6", "本年度无其他需要报告的事项，未收取信息处理费，第%d号。" % seed)):
        r = run("text", path, section, "-", stdin=text)
        check(r.rc == 0, "text", r)
    return values


def show(path):
    r = run("show", "--json", path)
    check(r.rc == 0, "show --json", r)
    return r.json()


def read_csv(path):
    with open(path, "rb") as f:
        data = f.read()
    check(data.startswith(b"\xef\xbb\xbf"), "the breakdown starts with a UTF-8 byte order mark")
    check(b"\r\n" in data, "the breakdown has CRLF line ends")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def number(text):
    return float(text) if text != "" else None


# ------------------------------------------------------------------ tests

def test_merge_three(d):
    """Three agencies' clean reports merge into a summary whose tables add up."""
    names = ["某县审计局", "某县财政局", "某县教育局"]
    paths = [os.path.join(d, "%d.tianbao" % i) for i in range(3)]
    for i, p in enumerate(paths):
        fill(p, i + 1, agency=names[i])
        r = run("check", p)
        check(r.rc == 0, "each input checks clean", r)
    out = os.path.join(d, "县汇总.tianbao")
    r = run("merge", "-o", out, "--agency", "某县人民政府办公室", "--breakdown-by", "cell", *paths)
    check(r.rc == 0, "merge exits 0 when every input is ready", r)
    check("3 reports on 2024, format 2021" in r.out, "says what it merged", r)
    check(r.out.count("  ready  ") == 3, "lists every input as ready", r)
    check("县汇总.csv" in r.out, "names the breakdown", r)
    check("某县人民政府办公室2024年政府信息公开工作年度报告" in r.out, "prints the summary's check", r)

    summary = show(out)
    check(summary["agency"] == "某县人民政府办公室" and summary["year"] == 2024, "summary meta")
    check(summary["texts"] == {}, "texts are left for the author")
    inputs = [show(p)["cells"] for p in paths]
    for cid, c in cells("2021").items():
        expected = sum(float(x[cid]) for x in inputs)
        check(abs(float(summary["cells"][cid]) - expected) < 1e-9,
              "%s is the sum: %s vs %s" % (cid, summary["cells"].get(cid), expected))

    rows = read_csv(os.path.join(d, "县汇总.csv"))
    check(rows[0][4:] == names + ["Sum"], "one column per agency, then the sum: %r" % rows[0])
    check(len(rows) == 1 + len(cells("2021")), "one row per cell")
    by_id = {row[0]: row for row in rows[1:]}
    row = by_id["t3.r3_4_1.np"]
    check(row[1] == "三、收到和处理政府信息公开申请情况", "section label: %r" % row)
    check("（四）无法提供" in row[2] and "1.本机关不掌握相关政府信息" in row[2], "row label: %r" % row)
    check(row[3].endswith("自然人"), "column label: %r" % row)
    for row in rows[1:]:
        check(abs(sum(number(x) for x in row[4:7]) - number(row[7])) < 1e-9,
              "the breakdown adds up for %s: %r" % (row[0], row))

    # The summary is ready once its author writes the texts.
    r = run("check", "--json", out)
    check(r.rc == 1, "the summary's texts are still to write", r)
    left = [i["rule"] for i in r.json()["issues"]]
    check(set(left) == {"TXT-1", "TXT-5", "TXT-6"}, "only the texts are missing: %r" % left)
    for s in ("s1", "s5", "s6"):
        run("text", out, s, "-", stdin="全县汇总情况，由县政府办公室撰写，第%s部分。" % s)
    r = run("check", out)
    check(r.rc == 0, "the summary checks clean", r)


def test_merge_refuses_mixed(d):
    a, b, c = (os.path.join(d, n) for n in ("a.tianbao", "b.tianbao", "c.tianbao"))
    fill(a, 1)
    fill(b, 2, year=2023, agency="某县财政局")
    out = os.path.join(d, "sum.tianbao")
    r = run("merge", "-o", out, a, b)
    check(r.rc == 2, "mixed years are refused", r)
    check("b.tianbao" in r.err and "a.tianbao" in r.err and "2023" in r.err, "says why", r)
    check(not os.path.exists(out) and not os.path.exists(os.path.join(d, "sum.csv")),
          "nothing is written")
    r = run("new", "--year", 2020, "--agency", "某县教育局", "-o", c)
    check(r.rc == 0, "new 2020", r)
    r = run("merge", "-o", out, a, c)
    check(r.rc == 2 and "2019" in r.err, "mixed formats are refused", r)
    r = run("merge", "-o", out, a, os.path.join(d, "missing.tianbao"))
    check(r.rc == 2 and "missing.tianbao" in r.err, "an unreadable input stops the merge", r)
    check(not os.path.exists(out), "nothing is written")
    r = run("merge", "--leave-out", "-o", out, a, os.path.join(d, "missing.tianbao"), b)
    check(r.rc == 1, "--leave-out combines the others, exit 1", r)
    check("LEFT OUT   %s: Could not open" % os.path.join(d, "missing.tianbao") in r.out and
          "LEFT OUT   %s: %s (某县财政局) is a report on 2023" % (b, b) in r.out and
          "2 of 3 reports were left out: the summary covers the other 1." in r.out,
          "names what was left out", r)
    check(show(out)["cells"] == show(a)["cells"], "the summary is the one report counted")
    os.unlink(out)
    r = run("merge", "-o", a, b)
    check(r.rc == 2, "an input cannot be the output", r)


def test_merge_not_ready(d):
    a, b = os.path.join(d, "a.tianbao"), os.path.join(d, "b.tianbao")
    fill(a, 1)
    fill(b, 2, agency="某县财政局")
    r = run("set", b, "t4.after.other=")
    check(r.rc == 0, "clear a cell", r)
    out = os.path.join(d, "sum.tianbao")
    r = run("merge", "-o", out, "--breakdown", os.path.join(d, "by-agency.csv"),
            "--breakdown-by", "cell", a, b)
    check(r.rc == 1, "a not-ready input makes the merge not ready", r)
    check("b.tianbao  某县财政局: 0 errors, 1 cell not filled" in r.out and "NOT READY" in r.out,
          "lists the input that is not ready, and why", r)
    check(r.out.count("NOT READY") == 1, "only that one", r)
    check("四、政府信息公开行政复议、行政诉讼情况" in r.out, "with its first message", r)
    check("the sums are left empty" in r.out, "explains the empty sums", r)
    summary = show(out)["cells"]
    check("t4.after.other" not in summary and "t4.after.total" not in summary,
          "the sum of an unfilled cell and its total are empty")
    check("t4.review.total" in summary, "other sums are there")
    rows = {row[0]: row for row in read_csv(os.path.join(d, "by-agency.csv"))}
    check(rows["t4.after.other"][5] == "" and rows["t4.after.other"][6] == "",
          "the breakdown shows the gap: %r" % rows["t4.after.other"])
    r = run("merge", "-o", out, a, b)
    check(r.rc == 2 and "already exists" in r.err, "no overwriting without --force", r)
    r = run("merge", "--force", "-o", out, a, b)
    check(r.rc == 1, "--force overwrites", r)


XLSX_READER = r"""
import sys, zipfile, xml.etree.ElementTree as ET
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
ss = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(m + 'si'):
        ss.append(''.join(t.text or '' for t in si.iter(m + 't')))
for r in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(m + 'row'):
    out = []
    for c in r.iter(m + 'c'):
        v = c.find(m + 'v')
        kind = c.get('t', 'n')
        out.append(c.get('r') + '=' + kind + ':' + ('' if v is None else ss[int(v.text)] if kind == 's' else v.text))
    print('\t'.join(out))
"""


def test_merge_breakdown_by_report(d):
    """By default the breakdown has one row per report, under the cells' official labels,
    and LibreOffice Calc reads it back as such."""
    names = ["某县审计局", "=某县财政局", "某县教育局,二科"]
    paths = [os.path.join(d, "%d.tianbao" % i) for i in range(3)]
    for i, p in enumerate(paths):
        fill(p, i + 4, agency=names[i])
    out = os.path.join(d, "县汇总.tianbao")
    r = run("merge", "-o", out, *paths)
    check(r.rc == 0, "merge", r)
    check("one row per report" in r.out, "says the breakdown's shape", r)
    rows = read_csv(os.path.join(d, "县汇总.csv"))
    ids = list(cells("2021"))
    check(len(rows) == 4 + 3 + 1, "4 header rows, a row per report, the sums: %d" % len(rows))
    check(rows[3][:10] == ["Agency", "File", "Year", "Format", "Agencies", "Status", "Errors",
                           "Cells not filled", "Incomplete", "Problems"], "titles: %r" % rows[3][:10])
    check(rows[3][10:] == ids, "one column per cell, in format order")
    col = 10 + ids.index("t3.r3_4_1.np")
    check(rows[0][col] == "三、收到和处理政府信息公开申请情况" and
          "1.本机关不掌握相关政府信息" in rows[1][col] and rows[2][col].endswith("自然人"),
          "official labels over the cell: %r" % [rows[k][col] for k in range(3)])
    for i, p in enumerate(paths):
        row = rows[4 + i]
        agency = ("'" + names[i]) if names[i][0] == "=" else names[i]
        check(row[0] == agency and row[1] == p and row[2] == "2024" and row[3] == "2021" and
              row[4] == "1" and row[5] == "ready" and row[6:9] == ["0", "0", "0"],
              "the report's row: %r" % row[:10])
        values = show(p)["cells"]
        check(all(number(row[10 + k]) == number(values.get(cid, "")) for k, cid in enumerate(ids)),
              "its cells' values")
    check(rows[7][0] == "Sum" and rows[7][4] == "3", "the last row is the sums: %r" % rows[7][:10])
    summary = show(out)["cells"]
    for k, cid in enumerate(ids):
        total = sum(number(rows[4 + i][10 + k]) for i in range(3))
        check(abs(total - number(rows[7][10 + k])) < 1e-9 and
              abs(number(summary[cid]) - total) < 1e-9, "%s adds up" % cid)

    r = run("merge", "-o", os.path.join(d, "x.tianbao"), "--breakdown-by", "column", *paths)
    check(r.rc == 2 and "report" in r.err and "cell" in r.err, "a wrong shape is refused", r)

    soffice = shutil.which("soffice")
    if soffice is None:
        tap.diagnostics("LibreOffice (soffice) is not installed: no xlsx check")
        return
    profile = "file://" + os.path.join(d, "lo-profile")
    r = run_program([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                     "xlsx", "--infilter=CSV:44,34,76,1", "--outdir", d,
                     os.path.join(d, "县汇总.csv")], env=ENV, timeout=180)
    xlsx = os.path.join(d, "县汇总.xlsx")
    check(os.path.exists(xlsx), "LibreOffice converts the breakdown to xlsx", r)
    r = run_program([sys.executable, "-c", XLSX_READER, xlsx], env=ENV)
    check(r.rc == 0, "read the xlsx", r)
    lines = r.out.rstrip("\n").split("\n")
    check(len(lines) == 8, "the sheet has the 8 rows: %d" % len(lines))
    sheet = dict(cell.split("=", 1) for line in lines for cell in line.split("\t"))
    check(sheet["A4"] == "s:Agency" and sheet["K4"] == "s:" + ids[0], "titles")
    for i in range(3):
        check(sheet["A%d" % (5 + i)] == "s:" + rows[4 + i][0],
              "agency %d as text: %r" % (i, sheet["A%d" % (5 + i)]))
        check(sheet["C%d" % (5 + i)] == "n:2024", "the year a number")
        check(sheet["K%d" % (5 + i)] == "n:" + rows[4 + i][10], "the first cell a number")
    check(sheet["A8"] == "s:Sum" and sheet["K8"] == "n:" + rows[7][10], "the sums as numbers")


def test_merge_duplicates(d):
    """The same report twice (the same name, a link, a hard link, a copy) is an error naming
    both; --leave-out combines the rest once."""
    a, b = os.path.join(d, "a.tianbao"), os.path.join(d, "b.tianbao")
    fill(a, 1)
    fill(b, 2, agency="某县财政局")
    os.symlink("a.tianbao", os.path.join(d, "link.tianbao"))
    os.link(a, os.path.join(d, "hard.tianbao"))
    shutil.copy(b, os.path.join(d, "copy.tianbao"))
    out = os.path.join(d, "sum.tianbao")
    for twice, first, what in (("a.tianbao", "a.tianbao", "the same file"),
                               ("link.tianbao", "a.tianbao", "the same file"),
                               ("hard.tianbao", "a.tianbao", "the same file"),
                               ("copy.tianbao", "b.tianbao", "the same contents")):
        r = run("merge", "-o", "sum.tianbao", "a.tianbao", "b.tianbao", twice, cwd=d)
        check(r.rc == 2, "%s after %s: exit 2" % (twice, first), r)
        check(("%s is %s as %s" % (twice, what, first) in r.err or
               "%s has %s as %s" % (twice, what, first) in r.err) and
              "Nothing was combined" in r.err and "--leave-out" in r.err,
              "names both and says nothing was combined", r)
        check(not os.path.exists(out) and not os.path.exists(os.path.join(d, "sum.csv")),
              "nothing is written")
    r = run("merge", "-o", "once.tianbao", "a.tianbao", "b.tianbao", cwd=d)
    check(r.rc == 0, "merge once", r)
    r = run("merge", "--leave-out", "-o", "sum.tianbao", "a.tianbao", "link.tianbao",
            "b.tianbao", "copy.tianbao", cwd=d)
    check(r.rc == 1, "--leave-out continues with exit 1", r)
    check("LEFT OUT   link.tianbao: link.tianbao is the same file as a.tianbao" in r.out and
          "LEFT OUT   copy.tianbao: copy.tianbao has the same contents as b.tianbao" in r.out and
          "2 of 4 reports were left out" in r.out, "says what was left out", r)
    check(show(out)["cells"] == show(os.path.join(d, "once.tianbao"))["cells"],
          "each report counted once")
    rows = read_csv(os.path.join(d, "sum.csv"))
    check([row[5] for row in rows[4:8]] == ["ready", "not counted", "ready", "not counted"] and
          "given twice" in rows[5][9], "the breakdown shows the inputs left out: %r"
          % [row[:10] for row in rows[4:8]])


def test_merge_summaries(d):
    """County summaries combine into a city's, which counts their agencies; a summary with
    one of its own inputs, or two made from the same report, are refused."""
    agencies = []
    for i in range(6):
        p = os.path.join(d, "a%d.tianbao" % i)
        fill(p, i + 10, agency="某县第%d局" % i)
        agencies.append(p)
    counties = []
    for k, part in enumerate((agencies[0:3], agencies[3:5])):
        out = os.path.join(d, "county%d.tianbao" % k)
        r = run("merge", "-o", out, "--agency", "第%d县" % k, *part)
        check(r.rc == 0, "county %d" % k, r)
        check("It covers %d agencies, from %d files" % (len(part), len(part)) in r.out,
              "says what the county covers", r)
        counties.append(out)
    with open(counties[0], encoding="utf-8") as f:
        draft = f.read()
    check('<combined agencies="3" inputs="3">' in draft and
          '<input name="a0.tianbao" sha256="' in draft, "the summary records its inputs")
    city = os.path.join(d, "city.tianbao")
    r = run("merge", "-o", city, "--agency", "某市", counties[0], counties[1], agencies[5])
    check(r.rc == 1, "the city: its county summaries' texts are still to write", r)
    check(r.out.count("a summary of 3 agencies") == 1 and r.out.count("a summary of 2 agencies") == 1,
          "each summary's agencies", r)
    check("It covers 6 agencies, from 3 files" in r.out, "the city covers 6 agencies", r)
    r = run("merge", "-o", os.path.join(d, "flat.tianbao"), *agencies)
    check(r.rc == 0, "the six at once", r)
    check(show(city)["cells"] == show(os.path.join(d, "flat.tianbao"))["cells"],
          "the city's sums are the six reports'")
    rows = read_csv(os.path.join(d, "city.csv"))
    check([row[4] for row in rows[4:]] == ["3", "2", "1", "6"],
          "a row per input summary, with its agencies: %r" % [row[:5] for row in rows[4:]])

    r = run("merge", "-o", os.path.join(d, "bad.tianbao"), counties[0], agencies[1])
    check(r.rc == 2 and "a1.tianbao is one of the reports the summary %s was made from"
          % counties[0] in r.err and "Nothing was combined" in r.err,
          "a summary with one of its inputs is refused", r)
    other = os.path.join(d, "other.tianbao")
    r = run("merge", "-o", other, agencies[2], agencies[3])
    r = run("merge", "-o", os.path.join(d, "bad.tianbao"), counties[0], other)
    check(r.rc == 2 and "were both made from a2.tianbao" in r.err,
          "two summaries made from the same report are refused", r)
    check(not os.path.exists(os.path.join(d, "bad.tianbao")), "nothing is written")


def carried(report):
    return {c: report["cells"].get("t3.r2_carry_in." + c) for c in COLUMNS + ["tot"]}


def test_new_from_last_year(d):
    last = os.path.join(d, "2024", "审计局.tianbao")
    os.makedirs(os.path.dirname(last))
    fill(last, 5)
    r = run("ack", last, "T3-7")   # not raised: acknowledged anyway, must not carry over
    new = os.path.join(d, "2025", "审计局.tianbao")
    os.makedirs(os.path.dirname(new))
    r = run("new", "--from", last, "--year", 2025, "-o", new)
    check(r.rc == 0, "new --from", r)
    check("Carried over from last year's report: 7 cells (二、上年结转政府信息公开申请数量)" in r.out,
          "says what carried over", r)
    check("flagged until" in r.out, "says the texts are flagged", r)
    report = show(new)
    old = show(last)
    check(report["year"] == 2025 and report["format"] == "2021", "year and format")
    check(report["agency"] == "某县审计局" and report["meta"]["preparer"] == "张三" and
          report["meta"]["contact"] == "0951-1234567", "agency, preparer and contact copied")
    check(report["meta"]["previous"] == "../2024/审计局.tianbao",
          "last year's report is referenced relative to the draft: %r" % report["meta"])
    check(carried(report) == {c: old["cells"]["t3.r4_carry_out." + c] for c in COLUMNS + ["tot"]},
          "上年结转 = last year's 结转下年度 in every column")
    check(set(report["cells"]) == {"t3.r2_carry_in." + c for c in COLUMNS + ["tot"]},
          "nothing else is filled: %r" % sorted(report["cells"]))
    check(report["texts"] == old["texts"], "texts offered as a starting point")
    check(report["acknowledged"] == [], "acknowledgements are not copied")

    r = run("check", "--json", new)
    keys = [i["key"] for i in r.json()["issues"]]
    check({"TXT-PREV-1", "TXT-PREV-5", "TXT-PREV-6"} <= set(keys), "copied texts flagged", r)
    check(not [k for k in keys if k.startswith("T3-5")], "上年结转 is right", r)
    r = run("text", new, "s1", "-", stdin="2025年，本机关新建了政务公开专区，全年主动公开信息三百条。")
    r = run("check", "--json", new)
    keys = [i["key"] for i in r.json()["issues"]]
    check("TXT-PREV-1" not in keys and "TXT-PREV-5" in keys, "an edited text is no longer flagged")

    # A wrong 上年结转 is an error (T3-5); the acknowledgement of a copied text works.
    r = run("set", new, "t3.r2_carry_in.np=%d" % (int(old["cells"]["t3.r4_carry_out.np"]) + 4))
    r = run("check", "--json", new)
    issues = {i["key"]: i for i in r.json()["issues"]}
    check("T3-5:np" in issues and issues["T3-5:np"]["severity"] == "error", "T3-5 error", r)
    r = run("ack", new, "TXT-PREV-5")
    check(r.rc == 0, "a text-unchanged warning can be acknowledged", r)

    # Last year's report moved away: a warning line, not a failure; T3-5 is skipped.
    os.rename(last, last + ".moved")
    r = run("check", "--json", new)
    check(r.rc == 1, "check still runs", r)
    check("Warning:" in r.err and "../2024/审计局.tianbao" in r.err and "not found" in r.err,
          "says last year's report was not found", r)
    check(not [i for i in r.json()["issues"] if i["rule"] in ("T3-5", "TXT-PREV-1")],
          "cross-year rules skipped", r)
    os.rename(last + ".moved", last)

    r = run("new", "--from", last, "--year", 2026, "-o", os.path.join(d, "x.tianbao"))
    check(r.rc == 2 and "2025" in r.err, "the year must follow last year's", r)
    r = run("new", "--from", last, "--year", 2025, "-o", new)
    check(r.rc == 2 and "already exists" in r.err, "no overwriting without --force", r)
    r = run("new", "--from", last, "--year", 2025, "--no-texts", "--force", "-o", new)
    check(r.rc == 0 and show(new)["texts"] == {}, "--no-texts", r)


def test_2020_sample_to_2021(d):
    if not os.path.exists(SAMPLE):
        raise AssertionError("sample draft missing: " + SAMPLE)
    new = os.path.join(d, "2021.tianbao")
    r = run("new", "--from", SAMPLE, "--year", 2021, "-o", new)
    check(r.rc == 0, "new --from the 2020 sample", r)
    check("2019 format" in r.out, "mentions the format change", r)
    check("Texts copied from last year as a starting point: 一、总体情况" in r.out,
          "says which texts are flagged", r)
    old = show(SAMPLE)
    report = show(new)
    check(old["format"] == "2019" and report["format"] == "2021", "2019 → 2021")
    for c in COLUMNS + ["tot"]:
        check(report["cells"].get("t3.r2_carry_in." + c) == old["cells"].get("t3.r4_carry_out." + c),
              "column %s carried across the format change" % c)
    check(not [k for k in report["cells"] if k.startswith("t2.")], "table 二 starts empty")
    r = run("check", "--json", new)
    rules = {i["rule"] for i in r.json()["issues"]}
    check("T3-5" not in rules and "T2-2" not in rules, "no cross-year complaint", r)
    check("TXT-PREV-1" in rules, "the copied 一、总体情况 is flagged (it names 2020)", r)
    check("一、总体情况" in r.out and "Texts copied" not in r.out, "check output", r)


TESTS = [
    ("merge of three agencies adds up, with a breakdown", test_merge_three),
    ("merge refuses mixed years, formats and unreadable inputs", test_merge_refuses_mixed),
    ("merge lists inputs that are not ready and leaves their sums empty", test_merge_not_ready),
    ("the breakdown by report opens in LibreOffice Calc", test_merge_breakdown_by_report),
    ("the same report given twice is refused; --leave-out", test_merge_duplicates),
    ("summaries of summaries count agencies; double counting refused", test_merge_summaries),
    ("new --from last year's report; cross-year checks in check", test_new_from_last_year),
    ("a 2020 report in the 2019 format carries into 2021", test_2020_sample_to_2021),
]


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        tap.skip_all("TIANBAO_CLI is not set")
    return run_tests(TESTS, "tb-cli-merge-")


if __name__ == "__main__":
    sys.exit(main())
