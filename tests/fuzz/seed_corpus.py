#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fuzz targets' seed corpora from the documented examples.

Usage: seed_corpus.py [REPO]   (default: the repository this script is in)

Every fenced block of docs/protocol.md tagged `<!-- schema: NAME -->` goes to the target that parses
that document (an ```http block gives its body; an ```event-stream block goes to the sse target
whole, with the sse target's leading cut-count byte 0, and its data lines to the health target), plus
resources/profiles (config) and tests/data/health (the health documents). Files are named after
their source (protocol-l121.json); hand-written seeds in the same folders are left alone.
"""

import os
import re
import sys

REPO = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
CORPUS = os.path.join(REPO, "tests", "fuzz", "corpus")
TAG = re.compile(r"^<!--\s*schema:\s*(\S+)\s*-->$")
FENCE = re.compile(r"^```+\s*([A-Za-z0-9_+.-]*)\s*$")
TARGETS = {
    "health.schema.json": "health",
    "guide-health.schema.json": "guidehealth",
    "config.schema.json": "config",
    "breaker-state-request.schema.json": "breakerstate",
    "fault.schema.json": "fault",
    "events.schema.json": "events",
}


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    tag, i = None, 0
    while i < len(lines):
        if TAG.match(lines[i].strip()):
            tag = TAG.match(lines[i].strip()).group(1)
        fence = FENCE.match(lines[i])
        if fence and fence.group(1):
            start = i
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            yield start + 1, fence.group(1), tag, "\n".join(body) + "\n"
            tag = None
        elif lines[i].strip():
            if not TAG.match(lines[i].strip()):
                tag = None
        i += 1


def main():
    source = os.path.join(REPO, "docs", "protocol.md")
    for line, kind, tag, text in blocks(source):
        name = f"protocol-l{line}"
        if kind == "event-stream":
            stream = text.encode()
            write("sse", name + ".txt", b"\0" + stream)
            # The same events with \r\n and \r line ends, cut in three places (two bytes per cut,
            # little-endian), one of them between a \r and its \n.
            crlf = stream.replace(b"\n", b"\r\n")
            cuts = [7, crlf.index(b"\r\n") + 1, len(crlf) // 2]
            header = bytes([len(cuts)]) + b"".join(c.to_bytes(2, "little") for c in cuts)
            write("sse", name + "-crlf.txt", header + crlf)
            write("sse", name + "-cr.txt", header + stream.replace(b"\n", b"\r"))
            for n, data in enumerate(re.findall(r"^data: (.*)$", text, re.M)):
                if '"schema"' in data:
                    write("health", f"{name}-event{n}.json", data.encode())
            continue
        if tag not in TARGETS:
            continue
        if kind == "http":
            text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
        write(TARGETS[tag], name + ".json", text.encode())
    for profile in sorted(os.listdir(os.path.join(REPO, "resources", "profiles"))):
        write("config", "profile-" + profile, open(os.path.join(REPO, "resources", "profiles", profile), "rb").read())
    data = os.path.join(REPO, "tests", "data", "health")
    for doc in sorted(os.listdir(data)):
        target = "guidehealth" if doc.startswith("guide-") else "health"
        write(target, "data-" + doc, open(os.path.join(data, doc), "rb").read())


main()
