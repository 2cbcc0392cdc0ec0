// SPDX-License-Identifier: GPL-3.0-or-later
#include "execution.h"

#include "pipeline.h"

namespace jimini {

Execution::Execution() {
    m_attemptTimer.self = this;
    m_retryTimer.self = this;
    m_queueSlot.self = this;
}

void Execution::complete(Token token, const Outcome& outcome) noexcept {
    if (token != m_token.load(std::memory_order_acquire))
        return;
    std::uint8_t phase = m_phase.load(std::memory_order_acquire);
    if (phase == Running) {
        // Still inside runAttempt() (or just leaving it): the starting thread carries the call on.
        m_completion = outcome;
        if (m_phase.compare_exchange_strong(phase, CompletedInline, std::memory_order_acq_rel))
            return;
    }
    if (phase == Pending && m_phase.compare_exchange_strong(phase, Resolved, std::memory_order_acq_rel)) {
        m_outcome = outcome;
        m_pipeline->onCompleted(*this);
    }
}

void Execution::AttemptTimer::fire() {
    self->m_pipeline->onAttemptTimeout(*self);
}
void Execution::RetryTimer::fire() {
    self->m_pipeline->onRetryDue(*self);
}
void Execution::QueueSlot::onAdmitted() {
    self->m_pipeline->onQueueAdmitted(*self);
}
void Execution::QueueSlot::onQueueTimeout() {
    self->m_pipeline->onQueueTimeout(*self);
}

} // namespace jimini
