// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkheadwaiter.h"
#include "circuitbreaker.h"
#include "clock.h"
#include "outcome.h"
#include "timertask.h"

#include <atomic>
#include <cstdint>

namespace jimini {

class Pipeline;

// One call through a Pipeline. The caller owns it (usually embedded in its own request object), so a
// call never allocates: every piece of per-call state, timers included, lives here.
//
// Contract: keep the object alive and unused from Pipeline::execute() until finished() has been called
// (finished() may itself start the next call). An operation that is told abandonAttempt(token) must not
// call complete(token) once abandonAttempt has returned.
class Execution {
public:
    using Token = std::uint64_t;

    Execution();
    Execution(const Execution&) = delete;
    Execution& operator=(const Execution&) = delete;
    virtual ~Execution() = default;

    // Reports the outcome of the attempt started by runAttempt(token): inline, later, from any thread.
    // Reports for an attempt that already timed out, or a second report, are ignored.
    void complete(Token token, const Outcome& outcome) noexcept;

    std::uint32_t attempts() const noexcept { return m_attempts; }
    bool inFlight() const noexcept { return m_pipeline != nullptr; }

protected:
    // Starts one attempt of the operation.
    virtual void runAttempt(Token token) = 0;
    // The final outcome, exactly once per execute().
    virtual void finished(const Outcome& outcome) = 0;
    // The attempt ran out of time: stop its work if possible; its late outcome will be ignored.
    virtual void abandonAttempt(Token token) noexcept { (void)token; }

private:
    friend class Pipeline;

    enum Phase : std::uint8_t { Idle, Running, CompletedInline, Pending, Resolved, TimedOut };

    struct AttemptTimer final : TimerTask {
        void fire() override;
        Execution* self = nullptr;
    };
    struct RetryTimer final : TimerTask {
        void fire() override;
        Execution* self = nullptr;
    };
    struct QueueSlot final : BulkheadWaiter {
        void onAdmitted() override;
        void onQueueTimeout() override;
        Execution* self = nullptr;
    };

    void continueAfterAttempt() noexcept;

    Pipeline* m_pipeline = nullptr;
    Outcome m_outcome;    // the outcome being carried outwards
    Outcome m_completion; // written by complete() before it publishes the phase
    BreakerPermit m_permit;
    TimePoint m_now{}; // the last clock reading, reused while the call unwinds
    TimePoint m_breakerStart{};
    TimePoint m_overallDeadline{};
    TimePoint m_scopeDeadline{};
    Duration m_previousDelay{};
    std::atomic<Token> m_token{0};
    std::atomic<std::uint8_t> m_phase{Idle};
    std::atomic<std::uint8_t> m_arrivals{0};
    std::uint32_t m_attempts = 0;
    bool m_timerArmed = false;
    AttemptTimer m_attemptTimer;
    RetryTimer m_retryTimer;
    QueueSlot m_queueSlot;
};

} // namespace jimini
