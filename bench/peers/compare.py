# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints Jimini's figures beside Cockatiel's and the Python stack's, with the ratios (peer / Jimini)."""
import json
import sys

jimini_file, cockatiel_file, python_file = sys.argv[1:4]
runs = {b["name"]: b["real_time"] for b in json.load(open(jimini_file))["benchmarks"]
        if b.get("run_type", "iteration") == "iteration" and b["time_unit"] == "ns"}


def ours(prefix):
    for name, ns in runs.items():
        if name.startswith(prefix):
            return ns
    raise SystemExit(f"compare: no Jimini benchmark named {prefix}*")


cockatiel = json.load(open(cockatiel_file))
python = json.load(open(python_file))
rows = [
    ("full pipeline, 5 stages (Jimini) vs Cockatiel 4 stages", ours("BM_Pipeline_FullSuccess_SteadyClock"),
     cockatiel["pipeline4_ns"], None),
    ("4 stages: bulkhead, breaker, retry, timeout", ours("BM_Pipeline_FourStageSuccess_SteadyClock"),
     cockatiel["pipeline4_ns"], None),
    ("breaker -> retry (Python: circuitbreaker + tenacity)", ours("BM_Pipeline_BreakerRetrySuccess_SteadyClock"),
     None, python["pipeline_ns"]),
    ("breaker alone, success", ours("BM_Pipeline_SingleStage_SteadyClock/stage:2"), cockatiel["breaker_ns"],
     python["breaker_ns"]),
    ("open-breaker rejection", ours("BM_Pipeline_OpenBreakerRejection"), cockatiel["open_rejection_ns"],
     python["open_rejection_ns"]),
]
print(f"{'shape':58} {'Jimini ns':>10} {'Cockatiel ns':>13} {'ratio':>7} {'Python ns':>10} {'ratio':>7}")
for name, j, c, p in rows:
    cs = f"{c:13.1f} {c / j:6.1f}x" if c else f"{'-':>13} {'-':>7}"
    ps = f"{p:10.1f} {p / j:6.1f}x" if p else f"{'-':>10} {'-':>7}"
    print(f"{name:58} {j:10.1f} {cs} {ps}")
print(f"(Node's bare 'await' of an async function costs {cockatiel['baseline_await_ns']:.1f} ns on this machine.)")
