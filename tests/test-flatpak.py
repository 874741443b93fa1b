#!/usr/bin/python3
# test-flatpak.py: the Flatpak manifest parses cleanly and asks for no more than it needs
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-builder --show-manifest parses the manifest offline; under G_DEBUG=fatal-warnings an
# unknown key or a value of the wrong type is fatal instead of a warning. Building needs the
# GNOME SDK from Flathub, so it is not tried here. Prints TAP.

import json
import os
import shutil
import subprocess
import sys

from tap import exit_status, ok, plan, skip_all

SRCDIR = os.environ.get('TIANBAO_SOURCE_ROOT',
                        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_ID = 'io.github.tianbao.Tianbao'
MANIFEST = os.path.join(SRCDIR, 'flatpak', APP_ID + '.json')

# Files go through the portals (GtkFileChooserNative); nothing else is needed.
ALLOWED_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}


def main():
    builder = shutil.which('flatpak-builder')
    if builder is None:
        skip_all('flatpak-builder is not installed')
    plan(7)

    env = dict(os.environ, G_DEBUG='fatal-warnings')
    r = subprocess.run([builder, '--show-manifest', MANIFEST], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    ok(r.returncode == 0,
       'flatpak-builder --show-manifest accepts the manifest with fatal warnings',
       r.stderr)
    try:
        shown = json.loads(r.stdout)
    except ValueError as e:
        shown = {}
        ok(False, 'flatpak-builder prints the manifest as JSON', e)
    else:
        ok(shown.get('id') == APP_ID and shown.get('command') == 'tianbao',
           'the manifest builds %s and runs tianbao' % APP_ID, json.dumps(shown)[:400])

    with open(MANIFEST, encoding='utf-8') as f:
        manifest = json.load(f)

    runtime_ok = (manifest.get('runtime') == 'org.gnome.Platform' and
                  manifest.get('sdk') == 'org.gnome.Sdk' and
                  str(manifest.get('runtime-version', '')).isdigit() and
                  int(manifest['runtime-version']) >= 48)
    ok(runtime_ok, 'a maintained GNOME runtime and its SDK (runtime-version %s)'
       % manifest.get('runtime-version'))

    args = manifest.get('finish-args', [])
    extra = [a for a in args if a not in ALLOWED_ARGS]
    ok(not extra and '--share=ipc' in args and '--socket=wayland' in args,
       'minimal permissions: display and IPC only, files through portals',
       'not allowed: ' + ' '.join(extra))

    modules = manifest.get('modules', [])
    main_module = modules[-1] if modules else {}
    sources = main_module.get('sources', [])
    ok(main_module.get('name') == 'tianbao' and
       main_module.get('buildsystem') == 'meson' and
       any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources),
       'the last module builds this source tree with meson', json.dumps(main_module))

    # The dir source path is relative to the manifest: it must be the tree with meson.build.
    root = os.path.normpath(os.path.join(os.path.dirname(MANIFEST), '..'))
    ok(os.path.exists(os.path.join(root, 'meson.build')) and
       os.path.samefile(root, SRCDIR),
       'the dir source points at the project root')

    # The free document fonts (OFL) the font roles fall back to are bundled, each file pinned
    # by its checksum, so the PDF does not depend on the fonts of the machine.
    fonts = [m for m in modules if m.get('name') == 'document-fonts']
    files = fonts[0].get('sources', []) if fonts else []
    urls = ' '.join(s.get('url', '') for s in files)
    needed = ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJK-Bold.ttc', 'NotoSansCJK-Regular.ttc',
              'NotoSansCJK-Bold.ttc']
    ok(fonts and all(n in urls for n in needed) and
       all(len(s.get('sha256', '')) == 64 for s in files if 'url' in s) and
       any(s.get('path') == 'OFL-noto-cjk.txt' and
           os.path.exists(os.path.join(SRCDIR, 'flatpak', s['path'])) for s in files) and
       any('/app/share/fonts/' in c for c in fonts[0].get('build-commands', [])),
       'the Noto CJK fonts are bundled into /app/share/fonts with their licence',
       json.dumps(fonts)[:600])


main()
sys.exit(exit_status())
