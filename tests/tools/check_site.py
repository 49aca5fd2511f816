#!/usr/bin/env python3
"""check_site.py - content checks of a rendered pilotlog site, printing TAP.

usage: check_site.py SITE_DIR REPO_PILOT_COUNT

Checks: every internal link and #anchor resolves; every pilot in
pilots.json has its page; pilots.json has the documented shape; feed.xml is
Atom with the required elements; no page contains a script element or an
on* attribute.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlparse, unquote

site, expected = sys.argv[1], int(sys.argv[2])
n = 0
failed = 0


def ok(cond, name, detail=""):
    global n, failed
    n += 1
    if not cond:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines()[:20]:
            print(f"#   {line}")
    else:
        print(f"ok {n} - {name}")


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.scripts, self.handlers, self.csp = [], set(), 0, [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("script", "iframe", "object", "embed"):
            self.scripts += 1
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append((tag, k))
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = "script-src" not in (a.get("content") or "") and "default-src 'none'" in (a.get("content") or "")
        for attr in ("href", "src"):
            if attr in a and a[attr] is not None:
                self.links.append(a[attr])


pages = {}
for root, _, files in os.walk(site):
    for f in files:
        if f.endswith(".html"):
            path = os.path.join(root, f)
            p = Page()
            with open(path, encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[os.path.relpath(path, site)] = p

broken = []
for rel, p in pages.items():
    for link in p.links:
        u = urlparse(link)
        if u.scheme in ("http", "https", "mailto") or link == "":
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(rel), unquote(u.path))) if u.path else rel
        if not os.path.exists(os.path.join(site, target)):
            broken.append(f"{rel}: {link}")
            continue
        if u.fragment and target.endswith(".html") and u.fragment not in pages[target].ids:
            broken.append(f"{rel}: {link} (no such anchor)")
ok(not broken, "every internal link and anchor resolves", "\n".join(broken))
ok(all(p.scripts == 0 for p in pages.values()), "no script, iframe, object or embed element on any page")
ok(all(not p.handlers for p in pages.values()), "no on* attribute on any page",
   "\n".join(f"{r}: {p.handlers}" for r, p in pages.items() if p.handlers))
ok(all(p.csp for p in pages.values()), "every page carries a CSP that allows no scripts")

with open(os.path.join(site, "pilots.json"), encoding="utf-8") as fh:
    data = json.load(fh)
for key in ("generator", "title", "today", "revision", "history", "history_truncated", "summary", "pilots", "decisions"):
    ok(key in data, f"pilots.json has {key}")
summary = data["summary"]
for key in ("pilots", "per_stage", "open", "converted", "stopped", "no_go", "conversion", "median_days_to_decision", "flags"):
    ok(key in summary, f"summary has {key}")
ok(summary["pilots"] == expected == len(data["pilots"]), "pilots.json lists every pilot", f"{summary['pilots']} vs {expected}")
pilot_keys = ("id", "path", "title", "kind", "stage", "owner", "decision_owner", "decision", "flags", "valid", "errors",
              "warnings", "criteria_summary", "criteria", "fields", "problems")
ok(all(all(k in e["pilot"] for k in pilot_keys) and isinstance(e["history"], list) for e in data["pilots"]),
   "every pilot entry has the documented fields and a history list")
missing = [e["pilot"]["id"] for e in data["pilots"] if not os.path.exists(os.path.join(site, "pilots", f"{e['pilot']['id']}.html"))]
ok(not missing, "a page for every pilot", missing)
event_keys = ("kind", "pilot", "id", "commit", "author", "email", "date", "subject")
events = [ev for e in data["pilots"] for ev in e["history"]] + data["decisions"]
ok(all(all(k in ev for k in event_keys) for ev in events), "every event has the documented fields")
ok(all(ev["kind"] == "decision" and "decision" in ev for ev in data["decisions"]), "decisions are decision events")

ATOM = "{http://www.w3.org/2005/Atom}"
try:
    feed = ET.parse(os.path.join(site, "feed.xml")).getroot()
    ok(feed.tag == ATOM + "feed", "feed.xml is an Atom feed")
    for el in ("id", "title", "updated", "author"):
        ok(feed.find(ATOM + el) is not None, f"the feed has {el}")
    entries = feed.findall(ATOM + "entry")
    ok(all(all(e.find(ATOM + x) is not None for x in ("id", "title", "updated", "link")) for e in entries),
       "every entry has id, title, updated and link")
    ids = [e.find(ATOM + "id").text for e in entries]
    ok(len(ids) == len(set(ids)), "entry ids are unique")
except ET.ParseError as e:
    ok(False, "feed.xml is well-formed XML", e)

print(f"1..{n}")
sys.exit(1 if failed else 0)
