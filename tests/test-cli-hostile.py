#!/usr/bin/python3
# test-cli-hostile.py: tianbao-cli against misuse: outputs over inputs, concurrent writers,
# read-only and changed files, stale temporary files, huge and hostile input (issue 16)
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: TIANBAO_CLI (the built program), TIANBAO_SOURCE_ROOT (for the sample draft).
# Every test works in its own temporary folder and says before → after in its comment.

import json
import os
import shutil
import subprocess
import sys
import threading
import time

from tap import check, english_env, expect, run_program, run_tests
import tap

CLI = os.environ.get("TIANBAO_CLI", "")
SOURCE_ROOT = os.environ.get("TIANBAO_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "yanchi-audit-2020.tianbao")
BASE_ENV = english_env()


def run(*args, stdin=None, timeout=60):
    return run_program([CLI] + list(args), stdin=stdin, env=BASE_ENV, timeout=timeout)


def popen(*args):
    return subprocess.Popen([CLI] + list(args), env=BASE_ENV, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def copy_sample(tmp, name="a.tianbao"):
    path = os.path.join(tmp, name)
    shutil.copyfile(SAMPLE, path)
    return path


def new_report(tmp, year="2024", name="r.tianbao"):
    path = os.path.join(tmp, name)
    expect(run("new", "--year", year, "--agency", "盐池县审计局", "-o", path), 0)
    return path


def typed_cells(path, kind="count"):
    r = expect(run("cells", path, "--json"), 0)
    return [c["id"] for c in r.json() if c["kind"] == kind and not c["computed"]]


def wait_for_lock(path, timeout=20):
    """Waits until a writer holds the lock of @path (its sidecar exists)."""
    sidecar = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".lock")
    end = time.monotonic() + timeout
    while not os.path.exists(sidecar):
        check(time.monotonic() < end, "a writer takes the lock of " + path)
        time.sleep(0.02)
    return sidecar

# ------------------------------------------------------------------ 1–3: outputs


def test_pdf_never_replaces_a_report(tmp):
    # Before: export-pdf -o b.tianbao a.tianbao replaced b.tianbao by a PDF, exit 0.
    a = copy_sample(tmp, "a.tianbao")
    b = copy_sample(tmp, "b.tianbao")
    before = read(b)
    r = expect(run("export-pdf", "--draft", "-o", b, a), 2)
    check(read(b) == before, "b.tianbao untouched", r)
    check("b.tianbao" in r.err and "a.tianbao" in r.err and "--replace-draft" in r.err,
          "the message names both files and the option", r)
    # A report under another name is known by its contents.
    disguised = os.path.join(tmp, "notes.txt")
    shutil.copyfile(SAMPLE, disguised)
    expect(run("export-pdf", "--draft", "-o", disguised, a), 2, "a draft named notes.txt")
    check(read(disguised) == read(SAMPLE), "notes.txt untouched")
    # --replace-draft confirms it.
    expect(run("export-pdf", "--draft", "--replace-draft", "-o", b, a), 0)
    check(read(b).startswith(b"%PDF"), "replaced on request")
    # An existing PDF is replaced as before.
    pdf = os.path.join(tmp, "a.pdf")
    expect(run("export-pdf", "--draft", a), 0)
    expect(run("export-pdf", "--draft", a), 0, "exporting again")
    check(read(pdf).startswith(b"%PDF"), "a.pdf written")


def test_pdf_link_to_its_report(tmp):
    # Before: with a.pdf a symbolic link to a.tianbao, export-pdf a.tianbao replaced the report
    # with its own PDF.
    a = copy_sample(tmp, "a.tianbao")
    os.symlink("a.tianbao", os.path.join(tmp, "a.pdf"))
    r = expect(run("export-pdf", "--draft", a), 2)
    check(read(a) == read(SAMPLE), "a.tianbao untouched", r)
    check("a.pdf" in r.err and "a.tianbao" in r.err and "same file" in r.err,
          "the message names both files", r)
    # Even with --replace-draft: never over the command's own input. Hard links too.
    expect(run("export-pdf", "--draft", "--replace-draft", a), 2, "--replace-draft")
    os.unlink(os.path.join(tmp, "a.pdf"))
    os.link(a, os.path.join(tmp, "hard.pdf"))
    expect(run("export-pdf", "--draft", "--replace-draft", "-o",
               os.path.join(tmp, "hard.pdf"), a), 2, "a hard link")
    check(read(a) == read(SAMPLE), "a.tianbao untouched")


def test_merge_outputs_through_links(tmp):
    # Before: merge --force -o LINK (or --breakdown LINK) with LINK pointing to an input
    # replaced that input.
    a = copy_sample(tmp, "a.tianbao")
    b = copy_sample(tmp, "b.tianbao")
    link = os.path.join(tmp, "link")
    os.symlink("a.tianbao", link)
    r = expect(run("merge", "--force", "-o", link, a, b), 2)
    check(read(a) == read(SAMPLE), "input untouched", r)
    check("link" in r.err and "a.tianbao" in r.err, "both named", r)
    csv_link = os.path.join(tmp, "link.csv")
    os.symlink("b.tianbao", csv_link)
    r = expect(run("merge", "--force", "-o", os.path.join(tmp, "sum.tianbao"),
                   "--breakdown", csv_link, a, b), 2)
    check(read(b) == read(SAMPLE), "input untouched", r)
    check(not os.path.exists(os.path.join(tmp, "sum.tianbao")), "nothing written", r)
    # A breakdown never replaces a report that is no input either, without --replace-draft.
    other = copy_sample(tmp, "other.tianbao")
    r = expect(run("merge", "--force", "-o", os.path.join(tmp, "sum.tianbao"),
                   "--breakdown", other, a, b), 2)
    check(read(other) == read(SAMPLE) and "--replace-draft" in r.err, "other report kept", r)
    run("merge", "--force", "--replace-draft", "-o", os.path.join(tmp, "sum.tianbao"),
        "--breakdown", other, a, b)
    check(read(other).startswith("\ufeff".encode()), "replaced by the CSV on request")


def test_new_from_through_link(tmp):
    # Before: new --from LAST -o LINK-TO-LAST --force replaced last year's report.
    last = copy_sample(tmp, "2020.tianbao")
    link = os.path.join(tmp, "2021.tianbao")
    os.symlink("2020.tianbao", link)
    r = expect(run("new", "--year", "2021", "--from", last, "-o", link, "--force"), 2)
    check(read(last) == read(SAMPLE), "last year's report untouched", r)

# ------------------------------------------------------------------ 4, 5, 7: writers


def test_concurrent_writers(tmp):
    # Before: two loops of 50 `set` on different cells of one report: every call exited 0,
    # and 22–29 of the writes were missing at the end.
    path = new_report(tmp)
    ids = typed_cells(path)
    loops = (ids[:50], ids[50:100])
    failures = []

    def loop(cells):
        for cell in cells:
            r = run("set", path, cell + "=7")
            if r.rc != 0:
                failures.append(r)

    threads = [threading.Thread(target=loop, args=(cells,)) for cells in loops]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not failures, "every set succeeded", failures[0] if failures else None)
    data = read(path).decode("utf-8")
    missing = [c for c in loops[0] + loops[1] if '<cell id="%s">7</cell>' % c not in data]
    check(not missing, "every write is in the file (%d missing)" % len(missing))
    check(os.listdir(tmp) == ["r.tianbao"], "no lock or temporary file left: %s" % os.listdir(tmp))


def test_writer_waits_for_lock(tmp):
    # A second writer waits while the first holds the report (reading its text from standard
    # input between loading and saving), then applies its change to the first one's result.
    path = new_report(tmp)
    first = popen("text", path, "s1", "-")
    wait_for_lock(path)
    second = popen("set", path, "t3.r1_new.np=4")
    time.sleep(1)
    check(second.poll() is None, "the second writer waits")
    out, err = first.communicate("第一段。\n".encode(), timeout=30)
    check(first.returncode == 0, "first writer saved: " + err.decode())
    out, err = second.communicate(timeout=30)
    check(second.returncode == 0, "second writer saved: " + err.decode())
    data = read(path).decode("utf-8")
    check("第一段。" in data and '<cell id="t3.r1_new.np">4</cell>' in data, "both changes kept")


def test_changed_underneath(tmp):
    # A program that does not lock (an editor) changes the report while a command works on
    # it: the command refuses to save over that change.
    path = new_report(tmp)
    writer = popen("text", path, "s1", "-")
    wait_for_lock(path)
    edited = read(path).replace("盐池县审计局".encode(), "盐池县财政局".encode())
    write(path, edited)
    out, err = writer.communicate("第一段。\n".encode(), timeout=30)
    err = err.decode()
    check(writer.returncode == 2, "refused: " + err)
    check("changed the file" in err and "r.tianbao" in err, "says why: " + err)
    check(read(path) == edited, "the other program's change is kept")


def test_read_only_report(tmp):
    # Before: set on a chmod 444 report replaced it (the rename ignores its mode), exit 0.
    path = new_report(tmp)
    os.chmod(path, 0o444)
    before = read(path)
    for args in (("set", path, "t3.r1_new.np=1"), ("meta", path, "--preparer", "张三"),
                 ("text", path, "s1", "-")):
        r = expect(run(*args, stdin="一段。\n"), 2, args[0])
        check("read-only" in r.err and "r.tianbao" in r.err, "says read-only", r)
        check(read(path) == before, "unchanged")
        check(os.stat(path).st_mode & 0o777 == 0o444, "still read-only")
    pdf = os.path.join(tmp, "r.pdf")
    write(pdf, b"%PDF-1.4 kept")
    os.chmod(pdf, 0o444)
    expect(run("export-pdf", "--draft", path), 2, "a read-only PDF")
    check(read(pdf) == b"%PDF-1.4 kept", "read-only PDF kept")


def test_stale_temp_files(tmp):
    # Before: a save killed between writing its temporary file and renaming it left
    # .r.tianbao.XXXXXX behind for good. The next save removes those of its own pattern
    # that are old, never a fresh one (another writer's, live) or anything else.
    path = new_report(tmp)
    stale = os.path.join(tmp, ".r.tianbao.Ab12Cd")
    fresh = os.path.join(tmp, ".r.tianbao.Xy34Zw")
    other = os.path.join(tmp, ".r.tianbao.notmine")
    for p in (stale, fresh, other):
        write(p, b"half a save")
    old = time.time() - 3600
    for p in (stale, other):
        os.utime(p, (old, old))
    expect(run("set", path, "t3.r1_new.np=1"), 0)
    check(not os.path.exists(stale), "the stale temporary file is removed")
    check(os.path.exists(fresh) and os.path.exists(other), "others are kept")

    # A real kill: SIGKILL while a writer is between load and save leaves the report whole.
    writer = popen("text", path, "s1", "-")
    wait_for_lock(path)
    writer.kill()
    writer.wait()
    expect(run("check", path), 1, "the report still reads")
    expect(run("set", path, "t3.r1_new.np=2"), 0, "and the lock is free again")


TESTS = [
    test_pdf_never_replaces_a_report,
    test_pdf_link_to_its_report,
    test_merge_outputs_through_links,
    test_new_from_through_link,
    test_concurrent_writers,
    test_writer_waits_for_lock,
    test_changed_underneath,
    test_read_only_report,
    test_stale_temp_files,
]


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        tap.plan(len(TESTS))
        for t in TESTS:
            tap.ok(False, "%s # TIANBAO_CLI not set or not executable" % t.__name__)
        return 1
    return run_tests([(t.__name__[5:], t) for t in TESTS], "tianbao-cli-hostile-")


if __name__ == "__main__":
    sys.exit(main())
