# SPDX-License-Identifier: GPL-3.0-or-later
"""The guide's Python stack (circuitbreaker + tenacity, Debian packages) in the Jimini pipeline shape:
breaker -> retry -> operation, a breaker alone and an open-breaker rejection. Prints one JSON object of
nanoseconds per call. Run with Debian's /usr/bin/python3."""
import json
import sys
import time

import circuitbreaker
import tenacity

iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 100000


def measure(fn, n):
    for _ in range(min(n, 10000)):
        fn()
    start = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - start) / n


def op():
    return 1


breaker = circuitbreaker.CircuitBreaker(failure_threshold=3, recovery_timeout=60)
retrying = tenacity.Retrying(stop=tenacity.stop_after_attempt(3),
                             wait=tenacity.wait_random_exponential(multiplier=1, max=10),
                             retry=tenacity.retry_if_exception_type((ConnectionError, TimeoutError)),
                             reraise=True)
pipeline = breaker(lambda: retrying(op))
breaker_alone = circuitbreaker.CircuitBreaker(failure_threshold=3, recovery_timeout=60)(op)

open_breaker = circuitbreaker.CircuitBreaker(failure_threshold=1, recovery_timeout=3600)


def down():
    raise ConnectionError("down")


try:
    open_breaker(down)()
except ConnectionError:
    pass
guarded = open_breaker(op)


def rejected():
    try:
        guarded()
    except circuitbreaker.CircuitBreakerError:
        pass


print(json.dumps({
    "pipeline_ns": measure(pipeline, iterations),
    "breaker_ns": measure(breaker_alone, iterations),
    "open_rejection_ns": measure(rejected, iterations),
}))
