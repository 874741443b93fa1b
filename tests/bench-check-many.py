#!/usr/bin/python3
# bench-check-many.py: `tianbao-cli check` of 1,000 published reports, against 1,000 drafts
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 11: the office that collects reports checks a folder of a thousand published pages in
# one command. Timed as a user runs it (one tianbao-cli process over the folder, the table
# written with --csv), against the baseline of the same run: the same thousand reports as
# drafts, checked the same way. A second figure mixes the kinds (web pages, copied text, Word,
# PDF in turn; a fifth as many). Medians of a few runs; a benchmark, nothing fails on time.
#
# Usage: bench-check-many.py [N]   (default 1000). Environment: TIANBAO_CLI,
# TIANBAO_SOURCE_ROOT.

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CLI = os.environ.get("TIANBAO_CLI", "")
SOURCE_ROOT = os.environ.get("TIANBAO_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURES = os.path.join(SOURCE_ROOT, "tests", "data", "import")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROUNDS = 3
ENV = dict(os.environ, LANG="C.UTF-8")


def run(*args):
    proc = subprocess.run([CLI] + list(args), env=ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def pages(folder, n):
    """@n portal pages, each a different agency and a different 本年新收 (still adding up)."""
    with open(os.path.join(FIXTURES, "portal-2021.html"), encoding="utf-8") as f:
        page = f.read()
    os.makedirs(folder)
    for i in range(n):
        text = page.replace("示例县", "示例%04d县" % i)
        with open(os.path.join(folder, "page-%04d.html" % i), "w", encoding="utf-8") as f:
            f.write(text)


def mixed(folder, n):
    """@n published reports, the four kinds in turn."""
    kinds = ("portal-2021.html", "web-copy-2021-utf16.txt", "qingyuan-2021.docx",
             "qingyuan-2021.pdf")
    os.makedirs(folder)
    for i in range(n):
        name = kinds[i % len(kinds)]
        shutil.copy(os.path.join(FIXTURES, name),
                    os.path.join(folder, "%04d-%s" % (i, name)))


def time_check(folder, csv):
    samples = []
    for _ in range(ROUNDS):
        start = time.monotonic()
        rc, err = run("check", folder, "--csv", csv, "--force")
        samples.append(time.monotonic() - start)
        if rc == 2:
            sys.exit("check %s failed: %s" % (folder, err[:500]))
    return statistics.median(samples), min(samples)


def main():
    if not CLI:
        print("TIANBAO_CLI not set")
        return 77
    tmp = tempfile.mkdtemp(prefix="bench-check-many-")
    try:
        published = os.path.join(tmp, "published")
        drafts = os.path.join(tmp, "drafts")
        pages(published, N)
        os.makedirs(drafts)
        start = time.monotonic()
        rc, err = run("import", "--outdir", drafts, *sorted(
            os.path.join(published, p) for p in os.listdir(published)))
        imported = time.monotonic() - start
        if rc == 2 or len(os.listdir(drafts)) != N:
            sys.exit("import failed: %s" % err[:500])

        base, base_min = time_check(drafts, os.path.join(tmp, "drafts.csv"))
        html, html_min = time_check(published, os.path.join(tmp, "published.csv"))
        print("check of %d drafts (baseline): median (min) of %d %.2f (%.2f) s, %.2f ms/report"
              % (N, ROUNDS, base, base_min, 1000 * base / N))
        print("check of %d published web pages: median (min) of %d %.2f (%.2f) s, "
              "%.2f ms/report; ratio to the drafts %.1f" %
              (N, ROUNDS, html, html_min, 1000 * html / N, html / base))
        print("import of the %d pages into drafts (one process, writing them): %.2f s, "
              "%.2f ms/report" % (N, imported, 1000 * imported / N))

        # PDFs take longest to read: a fifth as many reports are enough for the figure.
        n_mix = max(4, N // 5)
        mix = os.path.join(tmp, "mixed")
        mixed(mix, n_mix)
        m, m_min = time_check(mix, os.path.join(tmp, "mixed.csv"))
        print("check of %d published reports, web page/text/Word/PDF in turn: median (min) "
              "of %d %.2f (%.2f) s, %.2f ms/report; ratio to a draft %.1f" %
              (n_mix, ROUNDS, m, m_min, 1000 * m / n_mix, (m / n_mix) / (base / N)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
