// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpexecution.h"
#include "policy/execution.h"

class QNetworkReply;

namespace jimini {

class ProbeRun;

// One caller's call through the probe's pipeline: each attempt is a real request by the run's
// HttpExecution. Reused from call to call (the pipeline's contract allows it once finished() ran).
class ProbeCall final : public Execution, public HttpExecution::Receiver {
public:
    explicit ProbeCall(ProbeRun& run);
    ~ProbeCall() override;

    // Starts a call due at `due` (the open loop's schedule; now for the closed loop).
    void begin(TimePoint due);
    // Stops the attempt on the wire, if any, without a result (the run is torn down).
    void abortRequest() noexcept;
    TimePoint due() const noexcept { return m_due; }

protected:
    void runAttempt(Token token) override;
    void finished(const Outcome& outcome) override;
    void abandonAttempt(Token token) noexcept override;
    void onHttpOutcome(std::uint64_t tag, const Outcome& outcome) override;

private:
    ProbeRun& m_run;
    QNetworkReply* m_reply = nullptr;
    TimePoint m_due{};
    TimePoint m_started{};
    TimePoint m_attemptStarted{};
};

} // namespace jimini
