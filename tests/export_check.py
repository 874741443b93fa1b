# export_check.py: reading Tianbao's web page exports as a browser does, shared by the tests
#
# Copyright 2026 The Tianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The tests run as `/usr/bin/python3 tests/test-x.py`, so this folder is on sys.path.
# export-fixture (tests/export-fixture.c) writes what an export must contain (NAME.json: the
# format's grid items with their texts, from the format and the report, not from the
# writers); read_page() places the cells of an exported page on their grid as a browser
# does, check_grid() compares them, check_self_contained() looks for anything the page
# would fetch from elsewhere.

import html.parser
import json
import os

from tap import check


def expectation(out, name):
    """What the export of report @name must contain (@out/@name.json)."""
    with open(os.path.join(out, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


class Page(html.parser.HTMLParser):
    """The tables of a page with their cells placed on the grid, and what a reader of the
    markup cares about: elements, attributes, style blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []          # each: {"caption": str, "cells": [...]}
        self.elements = []        # (tag, attrs dict)
        self.styles = []
        self._table = None
        self._row = -1
        self._cell = None
        self._caption = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "style":
            self._in_style = True
            self.styles.append("")
        elif tag == "table":
            self._table = {"caption": "", "cells": [], "taken": set()}
            self._row = -1
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr" and self._table is not None:
            self._row += 1
            self._col = 0
        elif tag in ("td", "th") and self._table is not None:
            taken = self._table["taken"]
            while (self._row, self._col) in taken:
                self._col += 1
            rs, cs = int(a.get("rowspan", 1)), int(a.get("colspan", 1))
            for y in range(self._row, self._row + rs):
                for x in range(self._col, self._col + cs):
                    taken.add((y, x))
            self._cell = {"row": self._row, "col": self._col, "rowspan": rs, "colspan": cs,
                          "text": "", "header": tag == "th"}
            self._col += cs

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        elif tag == "caption" and self._table is not None:
            self._table["caption"] = self._caption
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._table["cells"].append(self._cell)
            self._cell = None
        elif tag == "table" and self._table is not None:
            del self._table["taken"]
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data):
        if self._in_style:
            self.styles[-1] += data
        if self._cell is not None:
            self._cell["text"] += data
        if self._caption is not None:
            self._caption += data


def read_page(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def check_grid(page, expected, what):
    check(len(page.tables) == len(expected["tables"]),
          "%s: %d tables, expected %d" % (what, len(page.tables), len(expected["tables"])))
    for table, want in zip(page.tables, expected["tables"]):
        check(table["caption"] == want["caption"],
              "%s: caption %r, expected %r" % (what, table["caption"], want["caption"]))
        got = {(c["row"], c["col"]): c for c in table["cells"]}
        check(len(got) == len(want["items"]),
              "%s %s: %d cells, the format has %d" % (what, want["id"], len(got),
                                                      len(want["items"])))
        for item in want["items"]:
            cell = got.get((item["row"], item["col"]))
            where = "%s %s row %d col %d" % (what, want["id"], item["row"], item["col"])
            check(cell is not None, where + ": no cell starts here")
            check((cell["rowspan"], cell["colspan"]) == (item["rowspan"], item["colspan"]),
                  "%s: spans %s, expected %s" % (where, (cell["rowspan"], cell["colspan"]),
                                                 (item["rowspan"], item["colspan"])))
            check(cell["text"] == item["text"],
                  "%s: %r, expected %r" % (where, cell["text"], item["text"]))
            header = item["kind"] == "label" and item["role"] != "note"
            check(cell["header"] == header, "%s: header %s, expected %s"
                  % (where, cell["header"], header))


def check_self_contained(page, what):
    for tag, attrs in page.elements:
        check(tag not in ("script", "link", "img", "iframe", "object", "embed", "base"),
              "%s: a <%s> element" % (what, tag))
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            check(name not in attrs, "%s: <%s %s=…>" % (what, tag, name))
        check("url(" not in attrs.get("style", ""), "%s: url( in a style attribute" % what)
    for css in page.styles:
        check("url(" not in css and "@import" not in css, "%s: an external style" % what)
