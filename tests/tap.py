# tap.py: TAP output and running programs, shared by the Python tests
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The tests run as `/usr/bin/python3 tests/test-x.py`, so this folder is on sys.path. Two
# ways to write a test:
#  - a script of checks: plan(N), then ok(cond, name, detail) per check (one TAP line each),
#    and sys.exit(exit_status()) at the end;
#  - test functions: run_tests([(name, fn), ...]) runs each fn(tmpdir) in its own temporary
#    folder, one TAP line each; check() and expect() inside fail the test with an
#    AssertionError, raise Skip to skip it.

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

results = []

# A test run under a wrapper whose children write to stdout (dbus-run-session starts the
# accessibility registry, which announces itself there) gets its TAP on another descriptor:
# the wrapper points stdout at stderr and names the TAP descriptor in TIANBAO_TAP_FD.
if os.environ.get("TIANBAO_TAP_FD"):
    sys.stdout = os.fdopen(int(os.environ.pop("TIANBAO_TAP_FD")), "w", buffering=1)


def plan(n):
    print("1..%d" % n)
    sys.stdout.flush()


def skip_all(reason):
    """The whole script is skipped (exits)."""
    print("1..0 # SKIP %s" % reason)
    sys.stdout.flush()
    sys.exit(0)


def diagnostics(text, limit=60):
    for line in str(text).rstrip().splitlines()[:limit]:
        print("# " + line)


def ok(cond, name, detail="", limit=60):
    """One TAP line for @cond; @detail (its first @limit lines) is printed if it fails."""
    results.append(bool(cond))
    print("%s %d - %s" % ("ok" if cond else "not ok", len(results), name))
    if not cond and detail:
        diagnostics(detail, limit)
    sys.stdout.flush()
    return cond


def count():
    return len(results)


def exit_status():
    return 0 if all(results) else 1


# ---- Running programs ------------------------------------------------------------------

def english_env(base=None):
    """@base (the environment) with English messages and no terminal width."""
    env = {k: v for k, v in (base if base is not None else os.environ).items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "COLUMNS")}
    env["LANG"] = "C.UTF-8"
    return env


class Result:
    """What a finished program did: rc, out and err (text), json() of its output."""

    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8")

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return "rc=%d\n--- stdout\n%s--- stderr\n%s" % (self.rc, self.out, self.err)


def run_program(argv, stdin=None, env=None, cwd=None, timeout=30):
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run([str(a) for a in argv], input=stdin, env=env, cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return Result(proc)


# ---- Test functions --------------------------------------------------------------------

class Skip(Exception):
    pass


def check(cond, what, result=None):
    """Fails the running test unless @cond, showing @result (a Result) if given."""
    if not cond:
        raise AssertionError(what + ("\n" + repr(result) if result is not None else ""))


def expect(result, rc, what=""):
    check(result.rc == rc, "expected exit %d %s" % (rc, what), result)
    return result


def run_tests(tests, prefix):
    """Runs the (name, fn) of @tests, each fn(tmpdir) in a new temporary folder named
    @prefix...; prints the plan and a TAP line per test. Returns the exit status."""
    plan(len(tests))
    for name, fn in tests:
        tmp = tempfile.mkdtemp(prefix=prefix)
        try:
            fn(tmp)
            ok(True, name)
        except Skip as e:
            ok(True, "%s # SKIP %s" % (name, e))
        except Exception:
            ok(False, name, traceback.format_exc(), limit=None)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return exit_status()


def use_session_a11y_bus():
    """Point AT-SPI at the accessibility bus of this D-Bus session.

    Without this, the app and the test may each take the bus that an earlier session left
    in the X root window property AT_SPI_BUS, and not find each other."""
    try:
        reply = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                                "--object-path", "/org/a11y/bus",
                                "--method", "org.a11y.Bus.GetAddress"],
                               capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return
    address = reply.strip().strip("(),").strip("'")
    if address:
        os.environ["AT_SPI_BUS_ADDRESS"] = address
