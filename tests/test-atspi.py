#!/usr/bin/python3
# test-atspi.py: drive the report window the way an assistive tool does (AT-SPI, pyatspi)
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-atspi.py TIANBAO-EXECUTABLE. Needs a display and a D-Bus session (the test
# runner gives both), and Debian's python3-pyatspi (/usr/bin/python3). The app runs with
# the real AT-SPI backend (no GTK_A11Y=none). The script finds cells by their accessible
# labels (row and column labels of the official table), types into them through the
# EditableText interface and reads the "invalid" state back.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import tap

PLAN = 9

if len(sys.argv) < 2:
    tap.skip_all("usage: test-atspi.py TIANBAO")
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    tap.skip_all("no display")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    tap.skip_all("no D-Bus session bus")
try:
    tap.use_session_a11y_bus()
    import pyatspi
except ImportError:
    tap.skip_all("python3-pyatspi is not installed")

SAMPLE = os.path.join(os.environ.get("TIANBAO_SOURCE_ROOT", "."), "data", "samples",
                      "yanchi-audit-2020.tianbao")
NEW = "一、本年新收政府信息公开申请数量 自然人"
CARRY_OUT = "四、结转下年度继续办理 自然人"
OTHER_COLUMN = "一、本年新收政府信息公开申请数量 商业企业"
TOTAL = "（七）总计 自然人"


def find_app(name, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.1)
    return None


def find_cell(app, label, timeout=5):
    end = time.time() + timeout
    while time.time() < end:
        cell = pyatspi.findDescendant(app, lambda x: x.getRoleName() == "text" and x.name == label)
        if cell is not None:
            return cell
        time.sleep(0.1)
    return None


def has_state(obj, state):
    return obj.getState().contains(state)


def wait_state(obj, state, want, timeout=2.0):
    """The window checks the rules before its next frame; allow the bus some time."""
    end = time.time() + timeout
    while time.time() < end:
        if has_state(obj, state) == want:
            return True
        time.sleep(0.05)
    return has_state(obj, state) == want


def text_of(obj):
    t = obj.queryText()
    return t.getText(0, t.characterCount)   # not (0, -1): empty on GTK 4.8


tmp = tempfile.mkdtemp(prefix="tianbao-atspi-")
report = os.path.join(tmp, "report.tianbao")
shutil.copy(SAMPLE, report)

env = dict(os.environ)
# Recovery copies go under XDG_DATA_HOME: never into the user's own.
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    env[var] = os.path.join(tmp, var.lower())
for var in ("GTK_A11Y", "NO_AT_BRIDGE"):
    env.pop(var, None)
env.setdefault("GSETTINGS_BACKEND", "memory")
env.setdefault("GDK_DEBUG", "gl-disable")
proc = subprocess.Popen([sys.argv[1], report], env=env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE)
tap.plan(PLAN)
try:
    app = find_app("tianbao")
    tap.ok(app is not None, "the application is on the accessibility bus")
    if app is None:
        raise SystemExit
    cell = find_cell(app, NEW)
    tap.ok(cell is not None, "a cell is found by its row and column labels", NEW)
    if cell is None:
        raise SystemExit
    carry = find_cell(app, CARRY_OUT)
    other = find_cell(app, OTHER_COLUMN)
    total = find_cell(app, TOTAL)
    tap.ok(carry is not None and other is not None and total is not None,
           "the other cells of the column are found")

    tap.ok(not has_state(cell, pyatspi.STATE_INVALID) and has_state(cell, pyatspi.STATE_EDITABLE),
           "the sample report's cell is valid and editable")
    tap.ok(not has_state(total, pyatspi.STATE_EDITABLE),
           "the computed total is not editable", [str(s) for s in total.getState().getStates()])

    # A wrong number: 一 + 二 no longer equals （七） + 四 in the 自然人 column.
    ok = cell.queryEditableText().setTextContents("5")
    tap.ok(ok and wait_state(cell, pyatspi.STATE_INVALID, True) and
           wait_state(carry, pyatspi.STATE_INVALID, True) and
           not has_state(other, pyatspi.STATE_INVALID),
           "typing a wrong number marks the column's cells invalid, not the next column")
    tap.ok("自然人" in (cell.description or ""),
           "the reason is in the accessible description", cell.description)

    # Something that is not a number: the parser's refusal, on that cell.
    other.queryEditableText().setTextContents("１２x")
    tap.ok(wait_state(other, pyatspi.STATE_INVALID, True) and text_of(other) == "１２x",
           "unreadable input is kept as typed and marked invalid", text_of(other))

    cell.queryEditableText().setTextContents("0")
    other.queryEditableText().setTextContents("０")
    tap.ok(wait_state(cell, pyatspi.STATE_INVALID, False) and
           wait_state(carry, pyatspi.STATE_INVALID, False) and
           wait_state(other, pyatspi.STATE_INVALID, False),
           "correcting the values clears the invalid state")
except SystemExit:
    pass
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(tmp, ignore_errors=True)

while tap.count() < PLAN:
    tap.ok(False, "not reached")
sys.exit(tap.exit_status())
