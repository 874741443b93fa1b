#!/usr/bin/python3
# test-layout.py: the parts of src/ depend on each other one way, and no files form a circle
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads every #include "…" of src/ (the picture a newcomer draws) and checks:
#  - src/core includes only src/core (and config.h), and never GTK, GDK, libadwaita, cairo
#    or pango; src/render and src/convert never include GTK, GDK or libadwaita;
#  - each folder includes only the folders it may use: core <- render, convert <- cli, gui;
#    gui and cli never include each other;
#  - a "-private.h" header is included only from its own folder;
#  - between modules there is no circle. A module is a stem (tb-window); a file that
#    includes tb-x-private.h belongs to module tb-x (tb-window-actions.c is part of the
#    window, as in gnome-text-editor), and tb-x-private.h itself too;
#  - no source file is much over 800 lines, in src/ or tests/.
# Prints TAP.

import os
import re
import sys

from tap import exit_status, ok, plan

SRCDIR = os.environ.get('TIANBAO_SOURCE_ROOT',
                        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(SRCDIR, 'src')

# Which folders a folder may include from (itself always).
ALLOWED = {
    'core': set(),
    'render': {'core'},
    'convert': {'core'},
    'cli': {'core', 'render', 'convert'},
    'gui': {'core', 'render', 'convert'},
}
GUI_HEADER = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|adwaita\.h|gtk\.h)')
DRAWING_HEADER = re.compile(r'#\s*include\s*[<"](cairo|pango)')
LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
MAX_LINES = 820   # "no source file over ~800 lines"


def sources():
    found = {}
    for folder in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith(('.c', '.h')):
                with open(os.path.join(path, name), encoding='utf-8') as f:
                    found[name] = (folder, f.read())
    return found


def module_of(name, text):
    stem = name[:-2]
    if stem.endswith('-private'):
        return stem[:-len('-private')]
    for inc in LOCAL_INCLUDE.findall(text):
        if inc.endswith('-private.h') and name.startswith(inc[:-len('-private.h')] + '-'):
            return inc[:-len('-private.h')]
    return stem


def find_cycle(edges):
    state = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def main():
    files = sources()
    plan(7)

    bad = ['%s/%s' % (folder, name) for name, (folder, text) in files.items()
           if folder in ('core', 'render', 'convert') and GUI_HEADER.search(text)]
    bad += ['%s/%s' % (folder, name) for name, (folder, text) in files.items()
            if folder == 'core' and DRAWING_HEADER.search(text)]
    ok(not bad, 'src/core, src/render and src/convert include no GTK or libadwaita header, '
       'and src/core no cairo or pango', '\n'.join(bad))

    wrong = []
    unknown = []
    for name, (folder, text) in sorted(files.items()):
        for inc in LOCAL_INCLUDE.findall(text):
            if inc == 'config.h' or inc.startswith(('tb-formats-resources', 'tb-resources')):
                continue
            if inc not in files:
                unknown.append('%s/%s: %s' % (folder, name, inc))
                continue
            target = files[inc][0]
            if target != folder and target not in ALLOWED.get(folder, set()):
                wrong.append('%s/%s includes %s/%s' % (folder, name, target, inc))
    ok(not wrong, 'every folder includes only the folders it may use', '\n'.join(wrong))
    ok(not unknown, 'every local include names a file of src/', '\n'.join(unknown))

    private = ['%s/%s includes %s/%s' % (folder, name, files[inc][0], inc)
               for name, (folder, text) in sorted(files.items())
               for inc in LOCAL_INCLUDE.findall(text)
               if inc.endswith('-private.h') and inc in files and files[inc][0] != folder]
    ok(not private, 'private headers are used only in their own folder', '\n'.join(private))

    modules = {name: module_of(name, text) for name, (folder, text) in files.items()}
    edges = {}
    for name, (folder, text) in files.items():
        src_mod = modules[name]
        for inc in LOCAL_INCLUDE.findall(text):
            if inc in modules and modules[inc] != src_mod:
                edges.setdefault(src_mod, set()).add(modules[inc])
    cycle = find_cycle(edges)
    ok(cycle is None, 'no circle of includes between modules',
       ' -> '.join(cycle) if cycle else '')

    long_files = []
    for name, (folder, text) in sorted(files.items()):
        n = text.count('\n')
        if n > MAX_LINES:
            long_files.append('%s/%s: %d lines' % (folder, name, n))
    ok(not long_files, 'no source file over ~800 lines', '\n'.join(long_files))

    # The test programs too: one concept per program, shared helpers in tests/tb-test-*.c.
    tests_dir = os.path.join(SRCDIR, 'tests')
    long_tests = []
    for name in sorted(os.listdir(tests_dir)):
        if name.endswith(('.c', '.h', '.py')):
            with open(os.path.join(tests_dir, name), encoding='utf-8') as f:
                n = f.read().count('\n')
            if n > MAX_LINES:
                long_tests.append('tests/%s: %d lines' % (name, n))
    ok(not long_tests, 'no test source over ~800 lines', '\n'.join(long_tests))
    return exit_status()


if __name__ == '__main__':
    sys.exit(main())
