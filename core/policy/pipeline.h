// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkhead.h"
#include "circuitbreaker.h"
#include "execution.h"
#include "listenerlist.h"
#include "pipelinelistener.h"
#include "pipelineoptions.h"
#include "pipelinestats.h"
#include "ratelimiter.h"
#include "retrypolicy.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

namespace jimini {

// The guide's policies composed in order (rate limit, bulkhead, breaker, retry, timeout by default)
// around an asynchronous operation. One flow for real and virtual time: every wait goes through the
// Scheduler. Calls are caller-owned Execution objects, so the success path never allocates; stages are
// a small array dispatched by switch, not a chain of heap-allocated decorators.
class Pipeline {
public:
    // breaker: a circuit breaker to use instead of building one, so that its state (window, open
    // backoff, manual override) carries on in a rebuilt pipeline. It must have been built from
    // options.circuitBreaker on scheduler's clock; ignored when that stage is off.
    Pipeline(const PipelineOptions& options, Scheduler& scheduler, std::uint64_t seed = 0,
             std::shared_ptr<CircuitBreaker> breaker = {});
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;
    ~Pipeline();

    // Starts a call. execution.finished() follows exactly once, possibly before execute() returns.
    void execute(Execution& execution) noexcept;

    PipelineStats stats() const noexcept;
    const PipelineOptions& options() const noexcept { return m_options; }
    Scheduler& scheduler() const noexcept { return m_scheduler; }

    // Each is null when its stage is off.
    CircuitBreaker* circuitBreaker() const noexcept { return m_breaker.get(); }
    const std::shared_ptr<CircuitBreaker>& sharedCircuitBreaker() const noexcept { return m_breaker; }
    Bulkhead* bulkhead() const noexcept { return m_bulkhead.get(); }
    RateLimiter* rateLimiter() const noexcept { return m_rateLimiter.get(); }
    RetryPolicy* retryPolicy() const noexcept { return m_retry.get(); }

    // Opt-in telemetry: listener gets every event until the handle is dropped. Adding and dropping are
    // safe while calls run on other threads (a drop waits for an event in progress), but not from inside
    // the listener. The listener must outlive the handle.
    ListenerHandle addListener(PipelineListener& listener) { return m_listeners.add(&listener); }

private:
    friend class Execution;
    enum class Step : std::uint8_t { Next, Unwind, Suspend, Reenter };

    void run(Execution& e, std::size_t stage, bool entering) noexcept;
    Step enterStage(Execution& e, std::size_t index) noexcept;
    Step leaveStage(Execution& e, std::size_t index) noexcept;
    Step startAttempt(Execution& e) noexcept;
    void finish(Execution& e) noexcept;
    TimePoint attemptDeadline(const Execution& e) const noexcept;
    void notify(PipelineEventKind kind, Stage stage, const Outcome& outcome, std::uint32_t attempt,
                Duration delay) const noexcept;

    // Continuations from timers and queues.
    void onAttemptTimeout(Execution& e) noexcept;
    void onRetryDue(Execution& e) noexcept;
    void onQueueAdmitted(Execution& e) noexcept;
    void onQueueTimeout(Execution& e) noexcept;
    void onCompleted(Execution& e) noexcept;

    PipelineOptions m_options;
    Scheduler& m_scheduler;
    std::array<Stage, stageCount> m_stages{};
    std::size_t m_stageCount = 0;
    std::size_t m_bulkheadIndex = 0;
    std::size_t m_retryIndex = 0;
    bool m_successNeedsClock = true;
    std::unique_ptr<RateLimiter> m_rateLimiter;
    std::unique_ptr<Bulkhead> m_bulkhead;
    std::shared_ptr<CircuitBreaker> m_breaker; // shared with the pipeline it may be handed on to
    std::unique_ptr<RetryPolicy> m_retry;
    PipelineCounters m_counters;
    ListenerList<PipelineListener*> m_listeners;
};

} // namespace jimini
