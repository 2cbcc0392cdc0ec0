// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecall.h"

#include "probe/proberun.h"

#include "policy/pipeline.h"

namespace jimini {

ProbeCall::ProbeCall(ProbeRun& run)
    : m_run(run) {}

ProbeCall::~ProbeCall() {
    abortRequest();
}

void ProbeCall::begin(TimePoint due) {
    m_due = due;
    m_started = m_run.now();
    m_run.pipeline().execute(*this);
}

void ProbeCall::abortRequest() noexcept {
    HttpExecution::abort(std::exchange(m_reply, nullptr));
}

void ProbeCall::runAttempt(Token token) {
    m_attemptStarted = m_run.now();
    m_run.onAttemptSent();
    m_reply = m_run.http().send(*this, token);
}

void ProbeCall::onHttpOutcome(std::uint64_t tag, const Outcome& outcome) {
    m_reply = nullptr;
    m_run.onAttemptDone(outcome, m_run.now() - m_attemptStarted);
    complete(tag, outcome); // may finish the call, and start the next, before it returns
}

void ProbeCall::abandonAttempt(Token) noexcept {
    abortRequest();
    m_run.onAttemptDone(Outcome::timedOut(), m_run.now() - m_attemptStarted);
}

void ProbeCall::finished(const Outcome& outcome) {
    m_run.onCallDone(*this, outcome, m_run.now() - m_started);
}

} // namespace jimini
