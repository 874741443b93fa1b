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
import struct
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

from tap import exit_status, ok, plan, skip_all

SRCDIR = os.environ.get('TIANBAO_SOURCE_ROOT',
                        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_ID = 'io.github.tianbao.Tianbao'
MANIFEST = os.path.join(SRCDIR, 'flatpak', APP_ID + '.json')

# Files go through the portals (GtkFileChooserNative); nothing else is needed. The one
# variable set is not a permission: fontconfig's configuration (flatpak/tianbao-fonts.conf).
FONTS_CONF = '/app/etc/fonts/tianbao-fonts.conf'
ALLOWED_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri',
                '--env=FONTCONFIG_FILE=' + FONTS_CONF}


def main():
    builder = shutil.which('flatpak-builder')
    if builder is None:
        skip_all('flatpak-builder is not installed')
    plan(9)

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
              'NotoSansCJK-Bold.ttc', 'fonts-lxgw-wenkai_1.250+repack-1_all.deb']
    ok(fonts and all(n in urls for n in needed) and
       all(len(s.get('sha256', '')) == 64 for s in files if 'url' in s) and
       any(s.get('path') == 'OFL-noto-cjk.txt' and
           os.path.exists(os.path.join(SRCDIR, 'flatpak', s['path'])) for s in files) and
       any('/app/share/fonts/' in c for c in fonts[0].get('build-commands', [])),
       'the Noto CJK and LXGW WenKai fonts are bundled into /app/share/fonts with their '
       'licence', json.dumps(fonts)[:600])

    commands = ' '.join(fonts[0].get('build-commands', [])) if fonts else ''
    # Every font file the module installs is the one copy of its family (acceptfont).
    installed = set()
    for command in fonts[0].get('build-commands', []) if fonts else []:
        words = command.split()
        if words[:3] == ['install', '-Dm644', '-t'] and words[3].startswith('/app/share/fonts/'):
            installed |= {os.path.join(words[3], os.path.basename(w)) for w in words[4:]}
    conf = ElementTree.parse(os.path.join(SRCDIR, 'flatpak', 'tianbao-fonts.conf'))
    accepted = {e.text for e in conf.findall('./selectfont/acceptfont/pattern/patelt/string')}
    ok(len(installed) == 5 and installed == accepted and
       '--env=FONTCONFIG_FILE=' + FONTS_CONF in args and
       any(s.get('path') == 'tianbao-fonts.conf' for s in files) and
       FONTS_CONF in commands and 'OFL-lxgw-wenkai.txt' in commands,
       'the app runs with tianbao-fonts.conf, installed by the fonts module, which accepts '
       'exactly the bundled font files',
       'installed: %s\naccepted: %s\n%s' % (sorted(installed), sorted(accepted), commands))

    bundled_fonts_win()


def lowered_version(data):
    '''@data (an sfnt font) with the fontRevision of its head table set to 1.0.'''
    data = bytearray(data)
    n_tables = struct.unpack_from('>H', data, 4)[0]
    for i in range(n_tables):
        tag, _, offset, _ = struct.unpack_from('>4sIII', data, 12 + 16 * i)
        if tag == b'head':
            struct.pack_into('>I', data, offset + 4, 0x00010000)
            return bytes(data)
    raise ValueError('no head table')


def fc_match(conf, family):
    env = dict(os.environ, FONTCONFIG_FILE=conf)
    r = subprocess.run(['fc-match', '-f', '%{file}', family], env=env,
                       stdout=subprocess.PIPE, universal_newlines=True)
    return r.stdout


def bundled_fonts_win():
    '''With tianbao-fonts.conf, a bundled document font is used even where the machine has
    the same family in a newer version, which fontconfig alone prefers. Tried here with
    the folder of the bundled fonts moved to a temporary one and a copy of the installed
    LXGW WenKai marked as version 1.0.'''
    name = ('the bundled copy of a document font wins over a newer one of the machine; '
            'families not bundled stay the machine\'s')
    system = fc_match('/etc/fonts/fonts.conf', 'LXGW WenKai')
    if not system.endswith('.ttf'):
        ok(False, name, 'LXGW WenKai is not installed (build-aux/install-deps installs it)')
        return
    with tempfile.TemporaryDirectory() as tmp:
        fonts_dir = os.path.join(tmp, 'fonts')
        os.makedirs(os.path.join(fonts_dir, 'lxgw-wenkai'))
        bundled = os.path.join(fonts_dir, 'lxgw-wenkai', 'LXGWWenKai-Regular.ttf')
        with open(system, 'rb') as f, open(bundled, 'wb') as out:
            out.write(lowered_version(f.read()))
        with open(os.path.join(SRCDIR, 'flatpak', 'tianbao-fonts.conf'), encoding='utf-8') as f:
            conf_text = f.read().replace('/app/share/fonts', fonts_dir)
        conf = os.path.join(tmp, 'tianbao-fonts.conf')
        with open(conf, 'w', encoding='utf-8') as f:
            f.write(conf_text)
        # The same without the rule: the folder only.
        plain = os.path.join(tmp, 'plain.conf')
        with open(plain, 'w', encoding='utf-8') as f:
            f.write('<?xml version="1.0"?>\n<fontconfig><include>/etc/fonts/fonts.conf</include>'
                    '<dir>%s</dir></fontconfig>\n' % fonts_dir)
        without_rule = fc_match(plain, 'LXGW WenKai')
        with_rule = fc_match(conf, 'LXGW WenKai')
        other = fc_match(conf, 'Cantarell')
        ok(without_rule == system and with_rule == bundled and
           other == fc_match('/etc/fonts/fonts.conf', 'Cantarell'),
           name, 'without the rule: %s; with it: %s (bundled: %s); Cantarell: %s'
           % (without_rule, with_rule, bundled, other))


main()
sys.exit(exit_status())
