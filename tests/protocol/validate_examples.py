#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every example of docs/protocol.md (and the other docs named) validates against its JSON Schema.

Usage: validate_examples.py DOC.md [DOC.md ...] SCHEMA_DIR   (the first one is docs/protocol.md)

A fenced block is an example when the last non-blank line before it is `<!-- schema: NAME -->`
(NAME is a file in SCHEMA_DIR, optionally with a JSON pointer: `health.schema.json#/$defs/x`):
- ```json: the block is one JSON document;
- ```http: one raw HTTP message; its body (after the first blank line) is the document;
- ```event-stream: text/event-stream; `health` events are checked against health.schema.json,
  the others against NAME, and an audit event's `type` must equal its SSE event name.
Fails when a ```json block (or an http / event-stream block carrying JSON) is not tagged, when a
schema file is not a valid draft 2020-12 schema or is never used, and when the minimal Python
service (docs/examples/minimal_service.py) does not serve a valid health document.
Stdlib + python3-jsonschema (Debian 12: 4.10) only.
"""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import warnings

import jsonschema
from jsonschema import Draft202012Validator

warnings.filterwarnings("ignore", category=DeprecationWarning)

TAG = re.compile(r"^<!--\s*schema:\s*(\S+)\s*-->$")
FENCE = re.compile(r"^(```+)\s*([A-Za-z0-9_+.-]*)\s*$")
ERROR_RATE_THRESHOLD, RESPONSE_TIME_THRESHOLD = 0.10, 5.0

failures = []


def fail(line, message):
    failures.append((line, message))


def json_path(parts):
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


class Schemas:
    def __init__(self, directory):
        self.by_name = {}
        self.store = {}
        self.used = set()
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".schema.json"):
                continue
            path = os.path.join(directory, name)
            try:
                with open(path, encoding="utf-8") as f:
                    schema = json.load(f)
                Draft202012Validator.check_schema(schema)
            except (ValueError, jsonschema.SchemaError) as e:
                fail(0, f"{name}: not a valid JSON Schema: {getattr(e, 'message', e)}")
                continue
            if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
                fail(0, f"{name}: $schema must be draft 2020-12")
            if not str(schema.get("$id", "")).endswith("/" + name):
                fail(0, f"{name}: $id must end with /{name}")
                continue
            self.by_name[name] = schema
            self.store[schema["$id"]] = schema

    def errors(self, tag, instance):
        name, _, pointer = tag.partition("#")
        if name not in self.by_name:
            return [("$", f"unknown schema {tag!r}")]
        self.used.add(name)
        root = self.by_name[name]
        resolver = jsonschema.RefResolver(root["$id"], root, store=self.store)
        schema = {"$ref": root["$id"] + ("#" + pointer if pointer else "")}
        validator = Draft202012Validator(schema, resolver=resolver)
        out = []
        for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
            # oneOf / anyOf (a block or null, ...): report the branch that came closest, not the union.
            while e.context:
                e = min(e.context, key=lambda c: (c.validator == "type" and c.validator_value == "null",
                                                  -len(c.absolute_path)))
            message = e.message if len(e.message) <= 300 else e.message[:300] + "..."
            out.append((json_path(e.absolute_path), message))
        return out


def blocks(lines):
    """Yields (first content line number, info string, text, tag or None)."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2)
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        tag = TAG.match(lines[j].strip()) if j >= 0 else None
        k = i + 1
        while k < len(lines) and lines[k].rstrip() != fence:
            k += 1
        yield i + 2, info, "\n".join(lines[i + 1 : k]), tag.group(1) if tag else None
        i = k + 1


def check(schemas, line, tag, instance, what=""):
    for path, message in schemas.errors(tag, instance):
        fail(line, f"{what}{tag}: at {path}: {message}")
    if tag == "health.schema.json" and isinstance(instance, dict):
        check_health_semantics(line, instance)


def check_health_semantics(line, doc):
    """The rules of "How health_status is derived" that a schema cannot express."""
    try:
        m = doc["metrics"]
        total, ok, failed = m["total_operations"], m["successful_operations"], m["failed_operations"]
        rate, avg, opens = m["current_error_rate"], m["average_response_time"], m["circuit_breaker_opens"]
    except (KeyError, TypeError):
        return
    if total != ok + failed:
        fail(line, f"metrics: total_operations {total} != successful {ok} + failed {failed}")
    if abs(rate - (failed / total if total else 0.0)) > 0.005:
        fail(line, f"metrics: current_error_rate {rate} != failed / total")
    parts = m.get("failures")
    if isinstance(parts, dict):
        if sum(v for v in parts.values() if isinstance(v, int)) != failed:
            fail(line, f"metrics.failures: the parts add up to {sum(parts.values())}, not failed {failed}")
        if parts.get("timeout") != m.get("timeouts") or parts.get("rate_limited") != m.get("rate_limit_hits"):
            fail(line, "metrics.failures: timeout / rate_limited differ from timeouts / rate_limit_hits")
    covered = m.get("covered_seconds")
    if isinstance(covered, (int, float)):
        if covered > doc.get("window_seconds", 0):
            fail(line, f"metrics: covered_seconds {covered} > window_seconds {doc.get('window_seconds')}")
        rps = m.get("requests_per_second", 0)
        if abs(rps - total / max(1.0, covered)) > 0.05:
            fail(line, f"metrics: requests_per_second {rps} != total_operations / max(1, covered_seconds)")
    unhealthy = rate > ERROR_RATE_THRESHOLD or avg > RESPONSE_TIME_THRESHOLD or opens > 3
    critical = unhealthy and (rate > 0.25 or avg > 10.0 or opens > 10)
    expected = "critical" if critical else "degraded" if unhealthy else "healthy"
    if doc.get("health_status") != expected:
        fail(line, f"health_status {doc.get('health_status')!r}, the metrics give {expected!r}")
    alerts = []
    if rate > ERROR_RATE_THRESHOLD:
        alerts.append(("error_rate", "warning" if rate < 0.20 else "critical"))
    if avg > RESPONSE_TIME_THRESHOLD:
        alerts.append(("response_time", "warning"))
    if opens > 0:
        alerts.append(("circuit_breaker_opens", "warning"))
    got = [(a.get("metric"), a.get("level")) for a in doc.get("alerts", []) if isinstance(a, dict)]
    # A service may append alerts of its own after the guide's, under other metric names.
    own = [g for g in got[len(alerts):] if g[0] in ("error_rate", "response_time", "circuit_breaker_opens")]
    if got[: len(alerts)] != alerts or own:
        fail(line, f"alerts {got}, the metrics give {alerts}")
    names = [p.get("name") for p in doc.get("policies", []) if isinstance(p, dict)]
    if len(names) != len(set(names)):
        fail(line, f"policy names are not unique: {names}")


def parse_json(line, text):
    try:
        return json.loads(text), True
    except ValueError as e:
        fail(line + getattr(e, "lineno", 1) - 1, f"malformed JSON: {e}")
        return None, False


def check_http(schemas, line, text, tag):
    head, sep, body = text.partition("\n\n")
    head_lines = head.split("\n")
    start = head_lines[0]
    status = re.match(r"^HTTP/1\.1 (\d{3}) [A-Za-z -]+$", start)
    if not status and not re.match(r"^(GET|PUT|POST|DELETE) /\S* HTTP/1\.1$", start):
        fail(line, f"http: not a request or status line: {start!r}")
    headers = {}
    for h in head_lines[1:]:
        name, colon, value = h.partition(":")
        if not colon or not re.match(r"^[A-Za-z0-9-]+$", name):
            fail(line, f"http: malformed header line {h!r}")
        headers[name.lower()] = value.strip()
    if "content-length" in headers and headers["content-length"] != str(len(body.encode())):
        fail(line, f"http: Content-Length {headers['content-length']} != body size {len(body.encode())}")
    is_json = "json" in headers.get("content-type", "")
    if not tag:
        if is_json and body.strip():
            fail(line, "http message with a JSON body has no <!-- schema: ... --> tag")
        return
    if not is_json or not body.strip():
        fail(line, f"tagged http message has no JSON body (Content-Type {headers.get('content-type')!r})")
        return
    if tag.startswith("problem") or tag.startswith("config-errors"):
        if headers.get("content-type") != "application/problem+json":
            fail(line, "http: a problem needs Content-Type: application/problem+json")
    body_line = line + len(head_lines) + 1
    document, ok = parse_json(body_line, body)
    if not ok:
        return
    check(schemas, body_line, tag, document)
    if status and isinstance(document, dict) and "status" in document:
        if str(document["status"]) != status.group(1):
            fail(line, f"http: status line {status.group(1)} != body status {document['status']}")


def check_event_stream(schemas, line, text, tag):
    event, data, data_line, event_id = None, [], line, None
    for n, raw in enumerate(text.split("\n") + [""]):
        if raw == "":
            if data:
                name = event or "message"
                document, ok = parse_json(data_line, "\n".join(data))
                if ok:
                    if name == "health":
                        check(schemas, data_line, "health.schema.json", document, "event health: ")
                    elif name in ("transition", "control", "config", "fault", "gap"):
                        if not tag:
                            fail(data_line, "event-stream block has no <!-- schema: ... --> tag")
                        else:
                            check(schemas, data_line, tag, document, f"event {name}: ")
                        if name != "gap" and isinstance(document, dict) and document.get("type") != name:
                            fail(data_line, f"event {name}: data.type is {document.get('type')!r}")
                        if name != "gap" and isinstance(document, dict) and event_id is not None:
                            if document.get("sequence") != event_id:
                                fail(data_line, f"event {name}: id {event_id} != data.sequence")
                    else:
                        fail(data_line, f"unknown event type {name!r}")
                    if event_id is None:
                        fail(data_line, f"event {name}: no id: line")
            event, data, event_id = None, [], None
            continue
        if raw.startswith(":"):
            continue
        field, _, value = raw.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event = value
        elif field == "data":
            if not data:
                data_line = line + n
            data.append(value)
        elif field == "id":
            if not re.match(r"^[0-9]+$", value):
                fail(line + n, f"id {value!r} is not a sequence number")
            event_id = int(value) if value.isdigit() else None
        elif field != "retry":
            fail(line + n, f"event-stream: unknown field {field!r}")


PROM_LINE = re.compile(
    r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? '
    r"(-?[0-9.]+(e[+-]?[0-9]+)?|\+Inf|-Inf|NaN)$"
)


def check_prometheus(line, text):
    for n, raw in enumerate(text.split("\n")):
        if raw.startswith("# TYPE "):
            if not re.match(r"^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$", raw):
                fail(line + n, f"prometheus: malformed TYPE line {raw!r}")
        elif raw.startswith("# HELP ") or raw == "":
            continue
        elif not PROM_LINE.match(raw):
            fail(line + n, f"prometheus: malformed sample line {raw!r}")


def run_minimal_service(schemas, doc_path):
    script = os.path.join(os.path.dirname(doc_path), "examples", "minimal_service.py")
    with open(doc_path, encoding="utf-8") as f:
        if "examples/minimal_service.py" not in f.read():
            fail(0, "the doc does not reference examples/minimal_service.py")
    proc = subprocess.Popen([sys.executable, script, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        m = re.match(r"^listening on (http://127\.0\.0\.1:[0-9]+)$", first)
        if not m:
            fail(0, f"minimal_service.py: first line is {first!r}, stderr: {proc.stderr.read()[-2000:]}")
            return
        base = m.group(1)
        with urllib.request.urlopen(base + "/resilience/v1/health", timeout=10) as r:
            if r.status != 200 or r.headers.get_content_type() != "application/json":
                fail(0, f"minimal_service.py: health answered {r.status} {r.headers.get('Content-Type')}")
            check(schemas, 0, "health.schema.json", json.loads(r.read()), "minimal_service.py: ")
        try:
            urllib.request.urlopen(base + "/nowhere", timeout=10)
            fail(0, "minimal_service.py: an unknown path did not answer 404")
        except urllib.error.HTTPError as e:
            if e.code != 404 or e.headers.get_content_type() != "application/problem+json":
                fail(0, f"minimal_service.py: unknown path answered {e.code} {e.headers.get('Content-Type')}")
            else:
                check(schemas, 0, "problem.schema.json", json.loads(e.read()), "minimal_service.py 404: ")
    except (OSError, ValueError) as e:
        fail(0, f"minimal_service.py: {e}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    doc_paths, schema_dir = sys.argv[1:-1], sys.argv[-1]
    schemas = Schemas(schema_dir)
    examples = 0
    for doc_path in doc_paths:
        with open(doc_path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        start = len(failures)
        for line, info, text, tag in blocks(lines):
            if info == "json":
                if not tag:
                    fail(line, "```json block without a <!-- schema: ... --> tag: every JSON example must be validated")
                    continue
                document, ok = parse_json(line, text)
                if ok:
                    check(schemas, line, tag, document)
            elif info == "http":
                check_http(schemas, line, text, tag)
            elif info == "event-stream":
                check_event_stream(schemas, line, text, tag)
            elif info == "prometheus":
                check_prometheus(line, text)
            elif tag:
                fail(line, f"schema tag on a ```{info} block (only json, http and event-stream are validated)")
                continue
            examples += 1 if tag or info == "event-stream" else 0
        if doc_path == doc_paths[0]:
            run_minimal_service(schemas, doc_path)
        name = os.path.basename(doc_path)
        for line, message in failures[start:]:
            print(f"{name}:{line}: {message}")
    unused = len(failures)
    for name in sorted(set(schemas.by_name) - schemas.used):
        fail(0, f"{name}: no example in the docs uses this schema")
    for line, message in failures[unused:]:
        print(message)
    print(f"{examples} examples, {len(schemas.by_name)} schemas, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
