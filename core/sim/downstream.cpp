// SPDX-License-Identifier: GPL-3.0-or-later
#include "downstream.h"

#include "policy/httpclassification.h"

namespace jimini {

namespace {
int pickStatus(const StatusWeight* mix, std::size_t n, double u) noexcept {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i)
        total += mix[i].weight;
    if (n == 0 || !(total > 0))
        return 503;
    double x = u * total;
    for (std::size_t i = 0; i < n; ++i) {
        if (x < mix[i].weight)
            return mix[i].status;
        x -= mix[i].weight;
    }
    return mix[n - 1].status;
}

Outcome httpError(int status, std::optional<Duration> retryAfter) noexcept {
    const bool carriesRetryAfter = status == 429 || status == 503;
    return classifyHttpStatus(status, carriesRetryAfter ? retryAfter : std::nullopt);
}
} // namespace

Downstream::Downstream(DownstreamOptions options)
    : m_options(std::move(options)) {}

AttemptPlan Downstream::plan(const FaultEffect& fault, SplitMix64& random) const noexcept {
    AttemptPlan plan;
    const FaultRule* decided = nullptr;
    enum { None, Hang, Reset, Error } verdict = None;
    Duration faultLatency{};
    for (std::size_t i = 0; i < fault.count; ++i) {
        const FaultRule& r = fault.rules[i];
        const double u = random.nextUnit();
        const double statusDraw = random.nextUnit();
        if (!decided) {
            if (u < r.hangRate)
                verdict = Hang;
            else if (u < r.hangRate + r.resetRate)
                verdict = Reset;
            else if (u < r.hangRate + r.resetRate + r.errorRate)
                verdict = Error;
            if (verdict != None) {
                decided = &r;
                if (verdict == Error)
                    plan.outcome =
                        httpError(pickStatus(r.statusMix.data(), r.statusCount, statusDraw), r.retryAfter);
            }
        }
        if (r.latency)
            faultLatency += r.latency->sample(random);
    }
    plan.faultLatency = faultLatency;
    switch (verdict) {
    case Hang:
        plan.hang = true;
        plan.faultId = decided->id;
        return plan;
    case Reset: // at once: the connection is gone before any answer
        plan.faultLatency = Duration::zero();
        plan.outcome = classifyNetworkError(NetworkError::ConnectionReset);
        return plan;
    case Error:
        plan.latency = faultLatency;
        return plan;
    case None:
        break;
    }
    // The downstream's own answer: a fixed number of draws, so one knob does not shift the others.
    plan.realCall = true;
    const double errorDraw = random.nextUnit();
    const double statusDraw = random.nextUnit();
    plan.latency = faultLatency + m_options.latency.sample(random);
    if (errorDraw < m_options.errorRate)
        plan.outcome =
            httpError(pickStatus(m_options.statusMix.data(), m_options.statusMix.size(), statusDraw),
                      m_options.retryAfter);
    else
        plan.outcome = classifyHttpStatus(200);
    return plan;
}

} // namespace jimini
