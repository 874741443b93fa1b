#!/usr/bin/python3
# test-install.py: "meson install" into a temporary root gives a working application
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-install.py BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR GUI(true|false)
# Installs the already built tree with DESTDIR set, then runs the installed tianbao-cli (and
# tianbao --version, without a display) and checks the files a desktop needs. Prints TAP.

import gettext
import os
import shutil
import subprocess
import sys
import tempfile

from tap import exit_status, ok, plan

APP_ID = 'io.github.tianbao.Tianbao'


def run(args, env=None, timeout=60):
    return subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout)


def rooted(destdir, path):
    # DESTDIR + an absolute path, as meson install does it.
    return os.path.join(destdir, os.path.relpath(path, '/'))


def main():
    builddir, prefix, bindir, datadir, localedir, gui = sys.argv[1:7]
    gui = gui == 'true'
    bindir = os.path.join(prefix, bindir)
    datadir = os.path.join(prefix, datadir)
    localedir = os.path.join(prefix, localedir)

    plan(9 if gui else 6)
    with tempfile.TemporaryDirectory(prefix='tianbao-install-') as destdir:
        meson = shutil.which('meson') or 'meson'
        env = dict(os.environ, DESTDIR=destdir)
        r = run([meson, 'install', '-C', builddir, '--no-rebuild', '--quiet',
                 '--destdir', destdir], env=env, timeout=300)
        ok(r.returncode == 0, 'meson install --destdir succeeds', r.stdout + r.stderr)

        cli = rooted(destdir, os.path.join(bindir, 'tianbao-cli'))
        # A clean environment: nothing from the build tree may leak in.
        clean = {k: v for k, v in os.environ.items()
                 if not k.startswith(('TIANBAO_', 'GSETTINGS_', 'G_TEST_', 'LANG', 'LC_'))}
        clean.update(LANG='C.UTF-8', DESTDIR='')
        clean.pop('DISPLAY', None)
        clean.pop('WAYLAND_DISPLAY', None)

        r = run([cli, 'formats'], env=clean) if os.path.exists(cli) else None
        ok(r is not None and r.returncode == 0 and '2021' in r.stdout and '2019' in r.stdout,
           'the installed tianbao-cli lists the bundled formats',
           'missing: ' + cli if r is None else r.stdout + r.stderr)

        r = run([cli, '--version'], env=clean) if os.path.exists(cli) else None
        ok(r is not None and r.returncode == 0 and r.stdout.strip() != '',
           'the installed tianbao-cli --version: %s'
           % (r.stdout.strip() if r is not None else '?'),
           None if r is None else r.stdout + r.stderr)

        mo = rooted(destdir, os.path.join(localedir, 'zh_CN', 'LC_MESSAGES', 'tianbao.mo'))
        translated = None
        if os.path.exists(mo):
            with open(mo, 'rb') as f:
                translated = gettext.GNUTranslations(f).gettext('Tianbao')
        ok(translated == '填报', 'the zh_CN catalogue is installed and translates the name',
           'missing: ' + mo if translated is None else translated)

        schema = rooted(destdir, os.path.join(datadir, 'glib-2.0', 'schemas'))
        r = run(['glib-compile-schemas', '--strict', '--dry-run', schema])
        ok(os.path.exists(os.path.join(schema, APP_ID + '.gschema.xml')) and r.returncode == 0,
           'the GSettings schema is installed and compiles', r.stderr)

        mime = rooted(destdir, os.path.join(datadir, 'mime', 'packages', APP_ID + '.xml'))
        icon = rooted(destdir, os.path.join(datadir, 'icons', 'hicolor', 'scalable',
                                            'mimetypes', APP_ID + '-report.svg'))
        ok(os.path.exists(mime) and os.path.exists(icon),
           'the *.tianbao file type and its icon are installed',
           '\n'.join(p for p in (mime, icon) if not os.path.exists(p)))

        if not gui:
            return

        app = rooted(destdir, os.path.join(bindir, 'tianbao'))
        r = run([app, '--version'], env=clean) if os.path.exists(app) else None
        ok(r is not None and r.returncode == 0 and r.stdout.strip() != '',
           'the installed tianbao --version works without a display: %s'
           % (r.stdout.strip() if r is not None else '?'),
           'missing: ' + app if r is None else r.stdout + r.stderr)

        wanted = [
            os.path.join(datadir, 'applications', APP_ID + '.desktop'),
            os.path.join(datadir, 'metainfo', APP_ID + '.metainfo.xml'),
            os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg'),
            os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                         APP_ID + '-symbolic.svg'),
        ]
        missing = [p for p in wanted if not os.path.exists(rooted(destdir, p))]
        ok(not missing, 'desktop file, metainfo and icons are installed', '\n'.join(missing))

        desktop = rooted(destdir, wanted[0])
        text = ''
        if os.path.exists(desktop):
            with open(desktop, encoding='utf-8') as f:
                text = f.read()
        ok('Name[zh_CN]=填报' in text and 'Exec=tianbao %F' in text,
           'the installed desktop file carries the Chinese name', text)


main()
sys.exit(exit_status())
