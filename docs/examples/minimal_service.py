#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The smallest service the Jimini console can watch: GET /resilience/v1/health, stdlib only.

    python3 minimal_service.py --port 8080     (--port 0 picks a free port)

The first line on stdout is `listening on http://127.0.0.1:PORT`. A background thread stands in
for real traffic; replace simulate() with your calls and keep the Window bookkeeping.
"""

import argparse
import collections
import json
import random
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE, INSTANCE, ENVIRONMENT, WINDOW = "orders", "orders-1", "development", 60.0


def rfc3339(epoch):
    """2026-11-29T02:30:00.123Z: UTC, exactly three fraction digits, Z."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Window:
    """Calls of the last WINDOW seconds (the health metrics) and lifetime totals (statistics)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls = collections.deque()  # (finished at, ok, seconds)
        self.total = self.ok = self.failed = 0
        self.last_success = self.last_failure = None
        self.started = time.time()

    def record(self, ok, seconds):
        now = time.time()
        with self.lock:
            self.calls.append((now, ok, seconds))
            self.total += 1
            self.ok += ok
            self.failed += not ok
            if ok:
                self.last_success = now
            else:
                self.last_failure = now

    def document(self):
        now = time.time()
        with self.lock:
            while self.calls and self.calls[0][0] < now - WINDOW:
                self.calls.popleft()
            calls = list(self.calls)
            lifetime = {"total_operations": self.total, "successful_operations": self.ok,
                        "failed_operations": self.failed, "circuit_breaker_opens": 0,
                        "rate_limit_hits": 0, "timeouts": 0, "retries": 0}
            last_success, last_failure = self.last_success, self.last_failure
        failed = sum(1 for c in calls if not c[1])
        times = sorted(c[2] for c in calls)
        rate = failed / len(calls) if calls else 0.0
        average = sum(times) / len(times) if times else 0.0

        def pct(p):
            return times[min(len(times) - 1, int(p * len(times)))] if times else 0.0

        opens = 0  # transitions into open in the window: this sketch has no breaker of its own
        unhealthy = rate > 0.10 or average > 5.0 or opens > 3
        critical = unhealthy and (rate > 0.25 or average > 10.0 or opens > 10)
        alerts = []
        if rate > 0.10:
            alerts.append({"level": "warning" if rate < 0.20 else "critical",
                           "message": f"High error rate: {rate:.2%}", "metric": "error_rate",
                           "value": rate, "threshold": 0.10})
        if average > 5.0:
            alerts.append({"level": "warning", "message": f"High response time: {average:.2f}s",
                           "metric": "response_time", "value": average, "threshold": 5.0})
        return {
            "schema": "jimini.health/v1", "service": SERVICE, "instance": INSTANCE,
            "environment": ENVIRONMENT, "timestamp": rfc3339(now),
            "health_status": "critical" if critical else "degraded" if unhealthy else "healthy",
            "is_healthy": not unhealthy, "config_version": None, "window_seconds": WINDOW,
            "metrics": {
                "service_name": SERVICE, "total_operations": len(calls),
                "successful_operations": len(calls) - failed, "failed_operations": failed,
                "circuit_breaker_opens": opens, "rate_limit_hits": 0, "timeouts": 0, "retries": 0,
                "average_response_time": average, "p50_response_time": pct(0.50),
                "p95_response_time": pct(0.95), "p99_response_time": pct(0.99),
                "last_success_time": rfc3339(last_success) if last_success else None,
                "last_failure_time": rfc3339(last_failure) if last_failure else None,
                "current_error_rate": rate,
                "requests_per_second": len(calls) / max(1e-3, min(WINDOW, now - self.started)),
            },
            "alerts": alerts,
            # One policy; its stages are off (null), only the lifetime statistics are kept.
            "policies": [{"name": "default", "circuit_breaker": None, "bulkhead": None,
                          "rate_limiter": None, "retry": None, "statistics": lifetime}],
        }


WINDOW_STATE = Window()


def simulate():
    while True:
        seconds = random.uniform(0.005, 0.050)
        time.sleep(seconds)
        WINDOW_STATE.record(random.random() >= 0.03, seconds)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.split("?")[0] == "/resilience/v1/health":
            self.send_json(200, "application/json", WINDOW_STATE.document())
        else:
            self.send_json(404, "application/problem+json", {
                "type": "https://jimini.dev/problems/not-found", "title": "Not found",
                "status": 404, "detail": f"no resource {self.path}", "instance": self.path})

    def send_json(self, status, content_type, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=simulate, daemon=True).start()
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
