# devtools.py: a small Chrome DevTools Protocol client for the tests (standard library only)
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Headless Chromium started with --remote-debugging-pipe reads the protocol's commands on its
# file descriptor 3 and writes answers and events on 4, one JSON message each, ended by a NUL
# byte. Browser(tmp) starts it with a profile of its own in @tmp; open(url, width, height)
# gives a Tab (a page target, attached in flat mode) to call() commands on, evaluate()
# JavaScript in and wait for events of. Nothing goes through the network: no port is opened.

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


class DevToolsError(Exception):
    pass


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, tmp, extra_args=()):
        chromium = find_chromium()
        if chromium is None:
            raise DevToolsError("Chromium is not installed")
        profile = tempfile.mkdtemp(prefix="chromium-cdp-", dir=tmp)
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def pipes_to_3_and_4():
            # Copies above 4 first, so that neither dup2() closes the other's source.
            a = os.dup(to_browser_r)
            b = os.dup(from_browser_w)
            while a <= 4:
                a = os.dup(a)
            while b <= 4:
                b = os.dup(b)
            os.dup2(a, 3)
            os.dup2(b, 4)

        argv = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--hide-scrollbars", "--mute-audio",
                "--remote-debugging-pipe", "--user-data-dir=" + profile] + list(extra_args)
        self._proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      close_fds=False, preexec_fn=pipes_to_3_and_4)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 1
        self.events = []

    # ---- the pipe --------------------------------------------------------------------

    def _send(self, message):
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            n = os.write(self._to_browser, data)
            data = data[n:]

    def _receive(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DevToolsError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise DevToolsError("Chromium closed the pipe (rc %s)" % self._proc.poll())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message.decode("utf-8"))

    def call(self, method, params=None, session=None, timeout=60):
        """Sends a command and waits for its answer; events that come meanwhile are kept."""
        message = {"id": self._next_id, "method": method, "params": params or {}}
        self._next_id += 1
        if session is not None:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == message["id"]:
                if "error" in answer:
                    raise DevToolsError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method, session=None, timeout=60):
        """The first event @method (of @session) not yet taken."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and (session is None or
                                                  event.get("sessionId") == session):
                    return self.events.pop(i)
            answer = self._receive(deadline)
            if "method" in answer:
                self.events.append(answer)

    # ---- pages -----------------------------------------------------------------------

    def open(self, url, width=1280, height=900, mobile=False):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, target, session)
        tab.call("Page.enable")
        tab.call("Runtime.enable")
        tab.resize(width, height, mobile)
        tab.navigate(url)
        return tab

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (DevToolsError, OSError):
            pass
        try:
            self._proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Tab:
    def __init__(self, browser, target, session):
        self.browser = browser
        self.target = target
        self.session = session

    def call(self, method, params=None, timeout=60):
        return self.browser.call(method, params, self.session, timeout)

    def wait_event(self, method, timeout=60):
        return self.browser.wait_event(method, self.session, timeout)

    def resize(self, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": mobile})

    def navigate(self, url):
        self.browser.events = [e for e in self.browser.events
                               if e["method"] != "Page.loadEventFired"]
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise DevToolsError("cannot open %s: %s" % (url, result["errorText"]))
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression, user_gesture=False):
        """The value of the JavaScript @expression (JSON-able; promises awaited)."""
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True,
                            "awaitPromise": True, "userGesture": user_gesture})
        if "exceptionDetails" in result:
            raise DevToolsError("JavaScript failed: %s" % json.dumps(result["exceptionDetails"]))
        return result["result"].get("value")

    def print_pdf(self, path):
        result = self.call("Page.printToPDF", {"preferCSSPageSize": True,
                                               "printBackground": True,
                                               "displayHeaderFooter": False}, timeout=120)
        with open(path, "wb") as f:
            f.write(base64.b64decode(result["data"]))

    def screenshot(self, path, full_page=True):
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth,"
                                 " document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
        result = self.call("Page.captureScreenshot", params, timeout=120)
        with open(path, "wb") as f:
            f.write(base64.b64decode(result["data"]))

    def press(self, key, code, key_code, modifiers=0, commands=()):
        """A key pressed and released as the keyboard does (modifiers: 2 is Ctrl)."""
        down = {"type": "keyDown", "key": key, "code": code, "modifiers": modifiers,
                "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code}
        if commands:
            down["commands"] = list(commands)
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "modifiers": modifiers,
                                             "windowsVirtualKeyCode": key_code,
                                             "nativeVirtualKeyCode": key_code})
