// SPDX-License-Identifier: GPL-3.0-or-later
// The Jimini pipeline shapes in Cockatiel: bulkhead -> breaker -> retry -> timeout -> operation
// (Cockatiel has no rate limiter), a breaker alone, and an open-breaker rejection.
// Prints one JSON object: nanoseconds per call for each shape.
import {
  bulkhead, circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleAll, retry, timeout,
  TimeoutStrategy, wrap, BrokenCircuitError,
} from 'cockatiel';

const iterations = Number(process.argv[2] || 200000);
const op = async () => 1;

async function measure(fn, n) {
  for (let i = 0; i < Math.min(n, 20000); ++i) await fn(); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; ++i) await fn();
  return Number(process.hrtime.bigint() - start) / n;
}

const pipeline = wrap(
  bulkhead(10, 5),
  circuitBreaker(handleAll, { halfOpenAfter: 60000, breaker: new ConsecutiveBreaker(3) }),
  retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 1000, maxDelay: 10000 }) }),
  timeout(30000, TimeoutStrategy.Cooperative),
);
const breaker = circuitBreaker(handleAll, { halfOpenAfter: 60000, breaker: new ConsecutiveBreaker(3) });
const open = circuitBreaker(handleAll, { halfOpenAfter: 3600000, breaker: new ConsecutiveBreaker(1) });
try { await open.execute(async () => { throw new Error('down'); }); } catch { /* opens the breaker */ }
const rejected = async () => {
  try { await open.execute(op); } catch (e) { if (!(e instanceof BrokenCircuitError)) throw e; }
};

const result = {
  pipeline4_ns: await measure(() => pipeline.execute(op), iterations),
  breaker_ns: await measure(() => breaker.execute(op), iterations),
  open_rejection_ns: await measure(rejected, iterations),
  baseline_await_ns: await measure(op, iterations),
};
console.log(JSON.stringify(result));
