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
# EditableText interface and reads the "invalid" state back. It runs in Chinese, with a
# damaged recovery copy waiting so that the recovery offer opens first: every accessible
# name is said once (GTK 4.8 joined a label property and a labelling widget: "恢复(_R)
# 恢复(R)", "发出收费通知件数 发出收费通知件数"), and the problems list reads "错误：…".

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import tap

PLAN = 14

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


def find_app(name, timeout=30):
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


def walk(obj, depth=0):
    """@obj and everything under it (GTK 4.8 may list a child twice)."""
    if obj is None or depth > 80:
        return
    yield obj
    try:
        n = obj.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = obj.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def actions(obj):
    try:
        action = obj.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def find(root, role, name=None, prefix=None, action=None, timeout=5):
    """The first object under @root with @role, named @name or starting with @prefix, that
    can do @action."""
    end = time.time() + timeout
    while True:
        for obj in walk(root):
            try:
                if obj.getRoleName() == role and \
                   (name is None or obj.name == name) and \
                   (prefix is None or (obj.name or "").startswith(prefix)) and \
                   (action is None or action in actions(obj)):
                    return obj
            except Exception:
                pass
        if time.time() >= end:
            return None
        time.sleep(0.2)


def said_twice(name):
    """Whether @name is one name joined to itself: "_Save Save", "恢复(_R) 恢复(R)", "A A"."""
    def plain(text):
        return re.sub(r"\(\w\)$", "", text.replace("_", ""))
    return any(name[i] == " " and name[:i] and plain(name[:i]) == plain(name[i + 1:])
               for i in range(len(name)))


def mnemonic_shown(name):
    """A mnemonic marker read out: "(_L)", "_Save"."""
    return re.search(r"\(_\w\)|(^|\s)_\w", name) is not None


def click(obj):
    return obj.queryAction().doAction(actions(obj).index("click"))


def text_of(obj):
    t = obj.queryText()
    return t.getText(0, t.characterCount)   # not (0, -1): empty on GTK 4.8


tmp = tempfile.mkdtemp(prefix="tianbao-atspi-")
report = os.path.join(tmp, "report.tianbao")
shutil.copy(SAMPLE, report)
report_2021 = os.path.join(tmp, "2024.tianbao")

env = dict(os.environ)
# Recovery copies go under XDG_DATA_HOME: never into the user's own.
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    env[var] = os.path.join(tmp, var.lower())
for var in ("GTK_A11Y", "NO_AT_BRIDGE"):
    env.pop(var, None)
env.setdefault("GSETTINGS_BACKEND", "memory")
env.setdefault("GDK_DEBUG", "gl-disable")
# In Chinese (TIANBAO_LOCALEDIR: the build tree's translations).
env["LANG"] = "C.UTF-8"
env["LANGUAGE"] = "zh_CN"
env.pop("LC_ALL", None)
env.pop("LC_MESSAGES", None)
# A recovery copy whose description is damaged: the offer opens, with one Discard button.
recovery = os.path.join(env["XDG_DATA_HOME"], "tianbao", "recovery")
os.makedirs(recovery)
with open(os.path.join(recovery, "0b5c6a0e-3c41-4f7e-9d8a-2f3c1b4d5e6f.ini"), "w") as f:
    f.write("[Recovery]\nVersion=99\n")
subprocess.run([env.get("TIANBAO_CLI", "tianbao-cli"), "new", "--year", "2024", "--agency",
                "某县审计局", "-o", report_2021], env=env, stdout=subprocess.DEVNULL, check=True)
proc = subprocess.Popen([sys.argv[1], report], env=env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE)
tap.plan(PLAN)
try:
    app = find_app("tianbao")
    tap.ok(app is not None, "the application is on the accessibility bus")
    if app is None:
        raise SystemExit
    # The recovery offer: its buttons are named by their labels, once.
    dialog = find(app, "dialog", "是否恢复未保存的报告？", timeout=10)
    buttons = [b.name for b in walk(dialog) if b.getRoleName() == "push button"] \
        if dialog is not None else []
    tap.ok("放弃(D)" in buttons and "稍后决定(L)" in buttons,
           "the recovery offer's buttons are named once", buttons)
    names = sorted({o.name for o in walk(app) if o.name})
    bad = [n for n in names if said_twice(n) or mnemonic_shown(n)]
    tap.ok(names and not bad, "no accessible name is said twice or spells out a mnemonic",
           "\n".join(bad))
    later = find(dialog, "push button", "稍后决定(L)", action="click") \
        if dialog is not None else None
    n_windows = app.childCount
    if later is not None:
        click(later)
    # Only the count of windows while it closes: GTK 4.8 fails on questions about the
    # widgets of a window being destroyed, and leaves the bus.
    end = time.time() + 5
    while time.time() < end and app.childCount == n_windows:
        time.sleep(0.1)
    time.sleep(0.3)
    tap.ok(later is not None and app.childCount == n_windows - 1 and
           find(app, "dialog", timeout=0) is None,
           "Decide Later closes the offer")

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

    # The problems list: type and message, joined the Chinese way.
    issues_button = find(app, "push button", prefix="问题：", action="click")
    if issues_button is not None:
        click(issues_button)
    row = find(app, "list item", prefix="错误：")
    tap.ok(row is not None, "a problem reads “错误：…” to a screen reader",
           [o.name for o in walk(app) if o.getRoleName() == "list item"][:20])

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

    # A report in the 2021 format, opened in the running program: the fields of part 六 are
    # labelled by their rows too, and named once.
    n_windows = app.childCount
    subprocess.run([sys.argv[1], report_2021], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=30)
    end = time.time() + 10
    while time.time() < end and app.childCount == n_windows:
        time.sleep(0.1)
    fee = find_cell(app, "发出收费通知件数")
    names = sorted({o.name for o in walk(app) if o.name})
    tap.ok(fee is not None and not [n for n in names if said_twice(n) or mnemonic_shown(n)],
           "a field of part 六 is named by its label, once",
           [n for n in names if "收费" in n])
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
