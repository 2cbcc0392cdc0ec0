// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/fleetsource.h"
#include "net/replyverdict.h"
#include "net/serviceendpoint.h"
#include "net/sourceprotocol.h"
#include "net/sourcesample.h"
#include "net/ssedecoder.h"

#include "health/healthdocument.h"
#include "policy/circuitbreaker.h"
#include "policy/retrypolicy.h"
#include "policy/timertask.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace jimini {

class ConsoleClock;
class EventRecordReader;
class HttpExchange;
class Scheduler;

// The transport of one endpoint: reads it by polling its health document or by its event stream, and
// reports every answer as a SourceSample (parsed here, off the UI thread) and every audit event as a
// FleetEvent: from the stream, or, when polling, from the service's record read after each poll
// (EventRecordReader). What to ask and how to read the answer is its SourceProtocol's (the endpoint's
// kind: sources/jimini, sources/guide); everything below is the same for every kind.
//
// Polls never overlap: the next one is scheduled when the last one finished. Reconnects go through the
// policy core: a RetryPolicy (exponential, full jitter) picks the delay after a failure, and a
// CircuitBreaker per connection stops asking a dead service at all while it is open (one Backoff
// sample, then nothing until its open period ends; the period grows on each failed trial). Every timer
// runs on the clock's Scheduler (live in the console, simulated in tests), which must fire on this
// object's thread (ConsoleClock::forThisThread); times on samples and events are the clock's wall time.
class Connection final : public FleetSource {
    Q_OBJECT
public:
    struct Options {
        // Deadline of one poll, or of a stream's connection; empty: the interval, at least 1 s.
        std::optional<std::chrono::milliseconds> timeout;
        int staleIntervals = 3;
        // A stream that sends nothing (no event, no heartbeat) this long is reconnected; at least three
        // intervals.
        std::chrono::milliseconds streamSilence{45000};
        CircuitBreakerOptions breaker = defaultBreaker();
        RetryOptions retry = defaultRetry();
        bool singleShot = false; // one read and stop (no retry, no staleness): the CLI
        std::uint64_t seed = 0;  // jitter; 0: random

        static CircuitBreakerOptions defaultBreaker(); // 5 failures in a row, open 30 s, x2 up to 5 min
        static RetryOptions defaultRetry();            // exponential from 250 ms, x2, up to 30 s, full jitter
    };

    // pollNam: shared by the polls of many sources (it must outlive this). A stream gets a manager of
    // its own, so that long-lived streams never take the connections polls need.
    Connection(std::shared_ptr<const SourceProtocol> protocol, ServiceEndpoint endpoint, ConsoleClock& clock,
               QNetworkAccessManager* pollNam, QObject* parent = nullptr);
    Connection(std::shared_ptr<const SourceProtocol> protocol, ServiceEndpoint endpoint, ConsoleClock& clock,
               QNetworkAccessManager* pollNam, Options options, QObject* parent = nullptr);
    ~Connection() override;

    void start() override; // the first read goes out at once
    void stop() override;  // ends any request; no more samples

    const ServiceEndpoint& endpoint() const noexcept override { return m_endpoint; }
    ServiceEndpoint::Mode mode() const noexcept { return m_mode; } // Poll after a stream 404
    BreakerState connectionState() const noexcept { return m_breaker.state(); }
    const SourceSample& lastSample() const noexcept { return m_last; }
    quint64 requestCount() const noexcept { return m_requests; }
    const QByteArray& lastEventId() const noexcept { return m_lastEventId; }
    // Whether the service's own record gives the transitions (a stream, or /events that answers or has
    // not yet been refused); false: they must be inferred from the documents.
    bool reportsTransitions() const override;
    const EventRecordReader* eventRecord() const noexcept { return m_record; } // null for a single read

private:
    struct Task final : TimerTask {
        Connection* self = nullptr;
        void (Connection::*run)() = nullptr;
        void fire() override { (self->*run)(); }
    };

    void attempt();
    void onDeadline();
    void onStale();
    void onFinished(const ReplyVerdict& verdict, const QByteArray& body, bool wasOpen);
    void onOpened();
    void onMessage(const SseMessage& message);
    void onActivity();
    bool acceptDocument(const QByteArray& body, qint64 latencyMs, const QByteArray& contentType);
    void readRecord();                        // after a poll's document
    void settle(const ReplyVerdict& verdict); // records the permit and schedules the next attempt
    void emitSample(SourceSample sample);
    void emitConnectionEvent(const QString& reason, const QString& note);
    void dropRequest();
    std::chrono::milliseconds timeout() const;
    Duration interval() const;
    Duration untilNextPoll() const;

    std::shared_ptr<const SourceProtocol> m_protocol;
    ServiceEndpoint m_endpoint;
    ConsoleClock& m_clock;
    Scheduler& m_scheduler;
    QNetworkAccessManager* m_pollNam;
    QNetworkAccessManager* m_streamNam = nullptr; // owned (child), made on the first stream
    EventRecordReader* m_record = nullptr;        // child; none for a single read
    Options m_options;
    ServiceEndpoint::Mode m_mode;
    CircuitBreaker m_breaker;
    RetryPolicy m_retry;
    Task m_next;
    Task m_deadline;
    Task m_staleTask;
    QPointer<HttpExchange> m_request;
    std::optional<BreakerPermit> m_permit;
    QElapsedTimer m_elapsed;
    SourceSample m_last;
    std::optional<HealthDocument> m_lastDocument;
    QDateTime m_lastSeen;
    QString m_lastFailure;
    QByteArray m_lastEventId;
    Duration m_previousDelay{};
    TimePoint m_attemptStarted{}; // a poll's period runs from its start, not its end
    quint32 m_failures = 0;       // counted failures in a row
    quint64 m_requests = 0;
    bool m_running = false;
    bool m_stopped = true; // stop() ran (or start() never did): no timer is armed
    bool m_stale = false;
};

} // namespace jimini
