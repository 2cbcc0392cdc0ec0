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
} // namespace

Downstream::Downstream(DownstreamOptions options)
    : m_options(std::move(options)) {}

AttemptPlan Downstream::plan(const FaultEffect& fault, SplitMix64& random) const noexcept {
    AttemptPlan plan;
    // A fixed number of draws per attempt, whatever is decided, so one knob does not shift the others.
    const double hangDraw = random.nextUnit();
    const double resetDraw = random.nextUnit();
    const double errorDraw = random.nextUnit();
    const double statusDraw = random.nextUnit();
    plan.latency = (fault.latency ? *fault.latency : m_options.latency).sample(random);

    if (hangDraw < fault.hangRate) {
        plan.hang = true;
        return plan;
    }
    if (resetDraw < fault.resetRate) {
        plan.outcome = classifyNetworkError(NetworkError::ConnectionReset);
        return plan;
    }
    const double errorRate = fault.errorRate.value_or(m_options.errorRate);
    if (errorDraw < errorRate) {
        const int status =
            fault.statusCount
                ? pickStatus(fault.statusMix.data(), fault.statusCount, statusDraw)
                : pickStatus(m_options.statusMix.data(), m_options.statusMix.size(), statusDraw);
        const bool carriesRetryAfter = status == 429 || status == 503;
        plan.outcome = classifyHttpStatus(status, carriesRetryAfter ? fault.retryAfter : std::nullopt);
        return plan;
    }
    plan.outcome = classifyHttpStatus(200);
    return plan;
}

} // namespace jimini
