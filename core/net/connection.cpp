// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include "net/endpointaccess.h"
#include "net/eventrecordreader.h"
#include "net/httpexchange.h"
#include "net/replyoutcome.h"

#include "health/healthcodec.h"
#include "policy/scheduler.h"
#include "runtime/consoleclock.h"

#include <QNetworkAccessManager>

#include <algorithm>
#include <limits>

namespace jimini {

using namespace std::chrono_literals;

namespace {
bool counted(const Outcome& o) {
    return !o.ok() && o.category != ErrorCategory::BusinessLogic;
}

// Reads only: a redirect to another origin is followed, without the token (docs/protocol.md, "Client").
// The deadline stays on the Scheduler (simulated in tests).
HttpExchange::Options exchangeOptions(HttpExchange::Kind kind) {
    HttpExchange::Options o;
    o.kind = kind;
    o.limit = HealthCodec::maxDocumentSize;
    o.crossOrigin = RedirectPolicy::CrossOrigin::FollowWithoutCredentials;
    return o;
}
} // namespace

CircuitBreakerOptions Connection::Options::defaultBreaker() {
    CircuitBreakerOptions o;
    o.mode = BreakerMode::ConsecutiveFailures;
    o.failureThreshold = 5;
    o.openDuration = 30s;
    o.backoffMultiplier = 2.0;
    o.maxOpenDuration = 5min;
    o.halfOpenTrials = 1;
    return o;
}

RetryOptions Connection::Options::defaultRetry() {
    RetryOptions o;
    o.maxAttempts = std::numeric_limits<std::uint32_t>::max(); // the breaker, not a count, gives up
    o.backoff = BackoffKind::Exponential;
    o.initialDelay = 250ms;
    o.multiplier = 2.0;
    o.maxDelay = 30s;
    o.jitter = JitterKind::Full;
    o.budget = RetryBudgetKind::None;
    o.honourRetryAfter = false;
    return o;
}

Connection::Connection(std::shared_ptr<const SourceProtocol> protocol, ServiceEndpoint endpoint,
                       ConsoleClock& clock, QNetworkAccessManager* pollNam, QObject* parent)
    : Connection(std::move(protocol), std::move(endpoint), clock, pollNam, Options{}, parent) {}

Connection::Connection(std::shared_ptr<const SourceProtocol> protocol, ServiceEndpoint endpoint,
                       ConsoleClock& clock, QNetworkAccessManager* pollNam, Options options, QObject* parent)
    : FleetSource(parent)
    , m_protocol(std::move(protocol))
    , m_endpoint(std::move(endpoint))
    , m_clock(clock)
    , m_scheduler(clock.scheduler())
    , m_pollNam(pollNam)
    , m_options(options)
    , m_mode(m_endpoint.mode)
    , m_breaker(options.breaker, m_scheduler.clock())
    , m_retry(options.retry, options.seed) {
    m_next.self = m_deadline.self = m_staleTask.self = this;
    m_next.run = &Connection::attempt;
    m_deadline.run = &Connection::onDeadline;
    m_staleTask.run = &Connection::onStale;
    m_last.endpointId = m_endpoint.id();
    if (m_options.singleShot) {
        m_mode = ServiceEndpoint::Mode::Poll;
        return;
    }
    if (!m_protocol->hasEventRecord())
        return;
    m_record = new EventRecordReader(m_endpoint, clock, this);
    connect(m_record, &EventRecordReader::eventReady, this, &Connection::eventReady);
    connect(m_record, &EventRecordReader::absent, this, [this](const QString& reason) {
        emitConnectionEvent(QStringLiteral("no event record"),
                            reason + QStringLiteral("; transitions are inferred from polls"));
    });
}

bool Connection::reportsTransitions() const {
    if (m_mode == ServiceEndpoint::Mode::Stream)
        return true;
    return m_record && m_record->record() != EventRecordReader::Record::Absent;
}

void Connection::readRecord() {
    if (!m_record || !m_running || !m_lastDocument)
        return;
    QNetworkAccessManager* nam = m_pollNam ? m_pollNam : m_streamNam;
    if (nam)
        m_record->read(*nam, timeout(), m_lastDocument->service, m_lastDocument->instance,
                       m_lastDocument->timestamp);
}

Connection::~Connection() {
    if (!m_stopped)
        stop();
}

void Connection::start() {
    if (m_running)
        return;
    m_running = true;
    m_stopped = false;
    m_scheduler.schedule(m_next, Duration::zero());
}

void Connection::stop() {
    m_running = false;
    m_stopped = true;
    m_scheduler.cancel(m_next);
    m_scheduler.cancel(m_deadline);
    m_scheduler.cancel(m_staleTask);
    dropRequest();
    if (m_record)
        m_record->cancel();
    if (m_permit) {
        m_breaker.release(*m_permit);
        m_permit.reset();
    }
}

Duration Connection::interval() const {
    // Agents refuse stream intervals under half a second (docs/protocol.md): a stream asks for no less,
    // and its silence and staleness are judged on what it asked for.
    const Duration floor = m_mode == ServiceEndpoint::Mode::Stream ? Duration(500ms) : Duration(100ms);
    return std::max<Duration>(m_endpoint.interval, floor);
}

// Anchored at the last poll's start, so a slow answer does not stretch the period (at 2,000 endpoints
// a 0.6 s answer made 1 Hz into 0.6 Hz); still never two polls at once, and a tenth of the interval of
// rest for a service that answers slower than its interval.
Duration Connection::untilNextPoll() const {
    const Duration spent = m_scheduler.now() - m_attemptStarted;
    return std::max(interval() - spent, interval() / 10);
}

std::chrono::milliseconds Connection::timeout() const {
    if (m_options.timeout)
        return *m_options.timeout;
    return std::max(std::chrono::duration_cast<std::chrono::milliseconds>(interval()),
                    std::chrono::milliseconds(1000));
}

void Connection::dropRequest() {
    if (m_request) {
        m_request->disconnect(this);
        m_request->cancel();
        m_request->deleteLater();
    }
    m_request = nullptr;
}

void Connection::attempt() {
    if (!m_running || m_request)
        return;
    const BreakerPermit permit = m_breaker.tryAcquire();
    if (!permit.permitted) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(permit.retryAfter);
        SourceSample s;
        s.status = SourceStatus::Backoff;
        // One arg() call: the last failure may name a URL whose "%2F" is no placeholder.
        s.reason = QStringLiteral("not reachable after %1 tries (%2); next try in %3 s")
                       .arg(QString::number(m_failures), m_lastFailure,
                            QString::number(double(wait.count()) / 1000.0, 'f', 1));
        emitSample(std::move(s));
        m_scheduler.schedule(m_next, permit.retryAfter);
        return;
    }
    const EndpointAccess access = EndpointAccess::load(m_endpoint);
    m_permit = permit;
    if (!access.ok()) {
        ReplyVerdict v;
        v.status = access.error().startsWith(QStringLiteral("TLS")) ? SourceStatus::TlsError
                                                                    : SourceStatus::Unauthorized;
        v.reason = access.error();
        m_breaker.record(*m_permit, Outcome::failure(ErrorCategory::BusinessLogic, false), Duration::zero());
        m_permit.reset();
        SourceSample s;
        s.status = v.status;
        s.reason = v.reason;
        m_lastFailure = v.reason;
        emitSample(std::move(s));
        if (m_running && !m_options.singleShot)
            m_scheduler.schedule(m_next, interval());
        return;
    }
    if (m_mode == ServiceEndpoint::Mode::Stream) {
        // A document URL without a base (or a kind without streams) has no stream to ask for: poll it
        // (this very attempt), and say why.
        if (const QString why = m_protocol->noStreamReason(m_endpoint, access); !why.isEmpty()) {
            m_mode = ServiceEndpoint::Mode::Poll;
            emitConnectionEvent(QStringLiteral("no stream"), why + QStringLiteral("; polling"));
        }
    }
    ++m_requests;
    m_elapsed.start();
    m_attemptStarted = m_scheduler.now();
    if (m_mode == ServiceEndpoint::Mode::Stream) {
        if (!m_streamNam)
            m_streamNam = new QNetworkAccessManager(this);
        const QNetworkRequest request = m_protocol->streamRequest(access, interval(), m_lastEventId);
        m_request =
            new HttpExchange(*m_streamNam, request, exchangeOptions(HttpExchange::Kind::Stream), this);
        connect(m_request, &HttpExchange::opened, this, &Connection::onOpened);
        connect(m_request, &HttpExchange::message, this, &Connection::onMessage);
        connect(m_request, &HttpExchange::activity, this, &Connection::onActivity);
    } else {
        QNetworkAccessManager* nam = m_pollNam;
        if (!nam) {
            if (!m_streamNam)
                m_streamNam = new QNetworkAccessManager(this);
            nam = m_streamNam;
        }
        m_request = new HttpExchange(*nam, m_protocol->documentRequest(access),
                                     exchangeOptions(HttpExchange::Kind::Document), this);
    }
    connect(m_request, &HttpExchange::finished, this, &Connection::onFinished);
    m_scheduler.schedule(m_deadline, timeout());
}

void Connection::onDeadline() {
    if (!m_request)
        return;
    if (m_request->isOpen()) { // a stream gone silent
        emitConnectionEvent(
            QStringLiteral("stream silent"),
            QStringLiteral("nothing received for %1 ms; reconnecting")
                .arg(std::max<qint64>(
                    m_options.streamSilence.count(),
                    3 * std::chrono::duration_cast<std::chrono::milliseconds>(interval()).count())));
    }
    m_request->abortTimedOut(timeout().count());
}

void Connection::onOpened() {
    // The service is there: the connection's breaker hears a success now, not when the stream ends.
    if (m_permit) {
        m_breaker.record(*m_permit, Outcome::success(), Duration::zero());
        m_permit.reset();
    }
    m_failures = 0;
    m_previousDelay = Duration::zero();
    onActivity();
}

void Connection::onActivity() {
    const auto silence = std::max<Duration>(m_options.streamSilence, 3 * interval());
    m_scheduler.schedule(m_deadline, silence);
}

void Connection::onMessage(const SseMessage& message) {
    if (!message.id.isEmpty())
        m_lastEventId = message.id;
    switch (m_protocol->messageKind(message.type)) {
    case SourceProtocol::Message::Document:
        acceptDocument(message.data, 0, {});
        return;
    case SourceProtocol::Message::Ignored:
        return;
    case SourceProtocol::Message::Event:
        break;
    }
    const QString service = m_lastDocument ? m_lastDocument->service : m_endpoint.group;
    const QString instance = m_lastDocument ? m_lastDocument->instance : QString();
    if (auto e = m_protocol->decodeEvent(m_endpoint.id(), service, instance, message.type, message.data,
                                         m_clock.wallNow()))
        emit eventReady(*e);
}

bool Connection::acceptDocument(const QByteArray& body, qint64 latencyMs, const QByteArray& contentType) {
    const QDateTime now = m_clock.wallNow();
    HealthParseResult parsed = m_protocol->decodeDocument(body, now);
    SourceSample s;
    s.latencyMs = latencyMs;
    if (!parsed.ok()) {
        s.status = SourceStatus::Malformed;
        // A login page or a web UI on that port: its type says more than "malformed JSON at offset 1".
        s.reason = ReplyVerdict::notJson(contentType);
        if (s.reason.isEmpty())
            s.reason = parsed.errorPath.isEmpty() ? parsed.error
                                                  : parsed.errorPath + QStringLiteral(": ") + parsed.error;
        m_lastFailure = s.reason;
        emitSample(std::move(s));
        return false;
    }
    m_lastDocument = parsed.document;
    m_lastSeen = now;
    m_stale = false;
    if (m_running && !m_options.singleShot)
        m_scheduler.schedule(m_staleTask, m_options.staleIntervals * interval());
    s.status = SourceStatus::Ok;
    s.document = std::move(parsed.document);
    emitSample(std::move(s));
    return true;
}

void Connection::onFinished(const ReplyVerdict& verdict, const QByteArray& body, bool wasOpen) {
    m_scheduler.cancel(m_deadline);
    if (m_request)
        m_request->deleteLater();
    m_request = nullptr;
    const qint64 latency = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;

    if (m_mode == ServiceEndpoint::Mode::Stream && !wasOpen && verdict.httpStatus == 404) {
        // The stream is optional (docs/protocol.md): without one, poll the document.
        if (m_permit) {
            m_breaker.record(*m_permit, Outcome::success(), Duration::zero());
            m_permit.reset();
        }
        m_mode = ServiceEndpoint::Mode::Poll;
        if (m_record)
            m_record->resumeAfter(m_lastEventId.toLongLong());
        emitConnectionEvent(QStringLiteral("no stream"),
                            QStringLiteral("the service has no event stream; polling"));
        if (m_running)
            m_scheduler.schedule(m_next, Duration::zero());
        return;
    }
    if (wasOpen) {
        // A live stream ended: resume at once (with Last-Event-ID), unless that fails too.
        if (verdict.status == SourceStatus::TooLarge) {
            SourceSample s;
            s.status = verdict.status;
            s.reason = verdict.reason;
            m_lastFailure = verdict.reason;
            emitSample(std::move(s));
        }
        emitConnectionEvent(QStringLiteral("stream dropped"), verdict.reason);
        if (m_running) {
            // A stream that drops right after opening must not reconnect in a tight loop: jitter it.
            ++m_failures;
            const RetryDecision d =
                m_retry.decide(connectionOutcome(verdict), m_failures, m_previousDelay, m_scheduler.now());
            m_previousDelay = d.delay;
            m_scheduler.schedule(m_next, d.delay);
        }
        return;
    }
    if (verdict.ok()) {
        if (acceptDocument(body, latency, verdict.contentType))
            readRecord();
    } else {
        SourceSample s;
        s.status = verdict.status;
        s.reason = verdict.reason;
        s.latencyMs = latency;
        m_lastFailure = verdict.reason;
        emitSample(std::move(s));
    }
    settle(verdict);
}

void Connection::settle(const ReplyVerdict& verdict) {
    const Outcome outcome = connectionOutcome(verdict);
    if (m_permit) {
        m_breaker.record(*m_permit, outcome, Duration::zero());
        m_permit.reset();
    }
    if (!m_running || m_options.singleShot) {
        m_running = false;
        return;
    }
    if (!counted(outcome)) {
        m_failures = 0;
        m_previousDelay = Duration::zero();
        m_scheduler.schedule(m_next,
                             m_mode == ServiceEndpoint::Mode::Poll ? untilNextPoll() : Duration::zero());
        return;
    }
    ++m_failures;
    const RetryDecision d = m_retry.decide(outcome, m_failures, m_previousDelay, m_scheduler.now());
    m_previousDelay = d.delay;
    Duration delay = d.delay;
    if (m_mode == ServiceEndpoint::Mode::Poll)
        delay = std::max(delay, interval());
    if (m_breaker.state() == BreakerState::Open)
        delay = Duration::zero(); // say Backoff now; the breaker holds the next try
    m_scheduler.schedule(m_next, delay);
}

void Connection::onStale() {
    if (!m_running || m_stale)
        return;
    m_stale = true;
    SourceSample s;
    s.status = SourceStatus::Stale;
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(m_options.staleIntervals * interval());
    s.reason =
        QStringLiteral("no data for %1 intervals (%2 ms)").arg(m_options.staleIntervals).arg(ms.count());
    if (!m_lastFailure.isEmpty())
        s.reason += QStringLiteral("; last error: ") + m_lastFailure;
    emitSample(std::move(s));
}

void Connection::emitSample(SourceSample sample) {
    sample.endpointId = m_endpoint.id();
    sample.receivedAt = m_clock.wallNow();
    sample.lastSeen = m_lastSeen;
    sample.stale = m_stale;
    m_last = sample;
    emit sampleReady(sample);
}

void Connection::emitConnectionEvent(const QString& reason, const QString& note) {
    FleetEvent e;
    e.endpointId = m_endpoint.id();
    e.service = m_lastDocument ? m_lastDocument->service : m_endpoint.group;
    e.instance = m_lastDocument ? m_lastDocument->instance : QString();
    e.time = m_clock.wallNow();
    e.type = FleetEventType::Connection;
    e.reason = reason;
    e.note = note;
    emit eventReady(e);
}

} // namespace jimini
