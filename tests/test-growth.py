#!/usr/bin/python3
# test-growth.py: the work on hostile input grows linearly with its size (issue 16)
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-growth.py GROWTH-PROBE
#
# Runs each probe of tests/growth-probe.c on inputs of size N, 2N and 4N under callgrind and
# counts the instructions inside the function doing the work (--toggle-collect): a count
# is the same on every run, on a loaded two-core machine as on an idle one, so the test
# cannot flake the way a timing would. Linear work adds about as much again from 2N to 4N
# as from N to 2N, twice as much; quadratic work four times as much. Each probe must stay
# under three times (or not grow at all). Before the fixes, a paragraph without break
# opportunities grew 5-fold (pango) and attributes on one element 4-fold (libxml2).
# Skipped without valgrind. Prints TAP.

import os
import re
import shutil
import subprocess
import sys
import tempfile

from tap import exit_status, ok, plan, skip_all

# probe, function whose inclusive cost is counted, N
PROBES = [
    ("draft", "tb_draft_parse", 100000),
    ("attributes", "tb_draft_parse", 25000),
    ("layout", "tb_layout_new", 2000),
    ("cjk", "tb_layout_new", 3000),
    ("field", "tb_field_check", 40000),
]
MAX_RATIO = 3.0


def instructions(probe, what, function, n, tmp):
    out = os.path.join(tmp, "callgrind.out")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
         "--toggle-collect=" + function, probe, what, str(n)],
        capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError("%s %d failed:\n%s" % (what, n, proc.stderr[-2000:]))
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if m is None:
        raise RuntimeError("no instruction count:\n" + proc.stderr[-2000:])
    return int(m.group(1))


def main():
    if len(sys.argv) != 2:
        print("usage: test-growth.py GROWTH-PROBE", file=sys.stderr)
        return 2
    probe = sys.argv[1]
    if shutil.which("valgrind") is None:
        skip_all("valgrind is not installed")
    plan(len(PROBES))
    with tempfile.TemporaryDirectory(prefix="tianbao-growth-") as tmp:
        for what, function, n in PROBES:
            try:
                counts = [instructions(probe, what, function, k * n, tmp) for k in (1, 2, 4)]
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                ok(False, "%s grows linearly" % what, str(e))
                continue
            first, second = counts[1] - counts[0], counts[2] - counts[1]
            detail = "instructions for N=%d, 2N, 4N: %s" % (n, ", ".join(map(str, counts)))
            if second <= counts[0] // 100:
                ok(True, "%s does not grow (%s)" % (what, detail))
                continue
            ratio = second / first if first > 0 else float("inf")
            ok(ratio < MAX_RATIO, "%s grows linearly: 2N→4N adds %.2f× what N→2N adds (%s)"
               % (what, ratio, detail), detail)
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
