#!/usr/bin/python3
# test-mime.py: desktops recognise *.tianbao files, and the merged data files carry Chinese
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-mime.py MIME-XML [DESKTOP-FILE METAINFO-FILE]   (the files merged in the build dir)
# Builds a private MIME database from our shared-mime-info package with update-mime-database
# and asks GIO (gio info) for the type of a report named *.tianbao and of one without the
# extension (found by its root element). Prints TAP.

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from tap import exit_status, ok, plan, skip_all

MIME_TYPE = 'application/x-tianbao'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'

REPORT = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<tianbao-report version="1" format="2021">\n'
          '  <meta><year>2024</year></meta>\n'
          '</tianbao-report>\n')


def content_type(env, path):
    r = subprocess.run(['gio', 'info', '--attributes=standard::content-type', path], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    for line in r.stdout.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    return r.stderr.strip() or '?'


def main():
    mime_xml = sys.argv[1]
    desktop = sys.argv[2] if len(sys.argv) > 2 else None
    metainfo = sys.argv[3] if len(sys.argv) > 3 else None
    if shutil.which('update-mime-database') is None or shutil.which('gio') is None:
        skip_all('update-mime-database or gio is not installed')
    plan(8 if desktop else 5)

    root = ET.parse(mime_xml).getroot()
    comments = {c.get(XML_LANG): c.text for c in root.iter(MIME_NS + 'comment')}
    ok(comments.get('zh_CN') == '政府信息公开工作年度报告' and None in comments,
       'the file type comment is translated into zh_CN', repr(comments))

    with tempfile.TemporaryDirectory(prefix='tianbao-mime-') as tmp:
        data_home = os.path.join(tmp, 'share')
        packages = os.path.join(data_home, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(mime_xml, packages)
        # Freedesktop's own types (application/xml, which ours derives from) come from the
        # system database; ours is added in XDG_DATA_HOME, which is searched first.
        env = dict(os.environ, XDG_DATA_HOME=data_home, HOME=tmp,
                   XDG_DATA_DIRS=os.environ.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share'))
        r = subprocess.run(['update-mime-database', os.path.join(data_home, 'mime')], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        ok(r.returncode == 0 and r.stderr.strip() == '',
           'update-mime-database accepts the package without warnings', r.stderr)

        named = os.path.join(tmp, 'report.tianbao')
        bare = os.path.join(tmp, 'report-without-extension')
        other = os.path.join(tmp, 'other.xml')
        for path, text in ((named, REPORT), (bare, REPORT),
                           (other, '<?xml version="1.0"?>\n<html/>\n')):
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)

        t = content_type(env, named)
        ok(t == MIME_TYPE, 'report.tianbao is %s (got %s)' % (MIME_TYPE, t))
        t = content_type(env, bare)
        ok(t == MIME_TYPE, 'a report without the extension is recognised by its root '
           'element <tianbao-report> (got %s)' % t)
        t = content_type(env, other)
        ok(t != MIME_TYPE, 'another XML file is not taken for a report (got %s)' % t)

    if not desktop:
        return

    with open(desktop, encoding='utf-8') as f:
        text = f.read()
    ok('Name[zh_CN]=填报' in text and 'MimeType=%s;' % MIME_TYPE in text and
       'Keywords[zh_CN]=' in text,
       'the desktop file has the Chinese name and keywords and opens %s' % MIME_TYPE, text)

    root = ET.parse(metainfo).getroot()
    names = {n.get(XML_LANG): n.text for n in root.findall('name')}
    summaries = {n.get(XML_LANG): n.text for n in root.findall('summary')}
    ok(names.get('zh_CN') == '填报' and summaries.get('zh_CN'),
       'the metainfo has the Chinese name and summary', repr((names, summaries)))

    # Screenshot URLs point at data/screenshots/ on the main branch: the files must exist
    # here, as PNGs small enough for software centres.
    srcdir = os.environ.get('TIANBAO_SOURCE_ROOT', '.')
    prefix = 'https://raw.githubusercontent.com/tianbao/tianbao/main/'
    problems = []
    urls = [i.text.strip() for i in root.iter('image')]
    for url in urls:
        path = os.path.join(srcdir, url[len(prefix):]) if url.startswith(prefix) else None
        if path is None or not os.path.exists(path):
            problems.append('no file for ' + url)
            continue
        with open(path, 'rb') as f:
            head = f.read(8)
        if head != b'\x89PNG\r\n\x1a\n' or os.path.getsize(path) > 300 * 1024:
            problems.append('%s: not a PNG under 300 KB' % path)
    ok(urls and not problems, 'the %d metainfo screenshots exist in data/screenshots/'
       % len(urls), '\n'.join(problems))


main()
sys.exit(exit_status())
