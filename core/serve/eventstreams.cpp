// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventstreams.h"

#include "serve/agent.h"
#include "serve/agentapi.h"
#include "serve/eventlog.h"
#include "serve/httpconnection.h"

#include "policy/scheduler.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
// Subscribers whose ticks fall within this of the last build share its document (it says its own time).
constexpr Duration kShareWindow = std::chrono::milliseconds(100);
constexpr std::size_t kEncodedKept = 256;

QByteArray sseEvent(std::uint64_t id, const QByteArray& type, const QByteArray& data) {
    return "id: " + QByteArray::number(quint64(id)) + "\nevent: " + type + "\ndata: " + data + "\n\n";
}
} // namespace

struct EventStreams::Subscriber {
    struct Timer final : TimerTask {
        void fire() override { streams->onTimer(*subscriber); }
        EventStreams* streams = nullptr;
        Subscriber* subscriber = nullptr;
    };

    HttpConnection* connection = nullptr;
    Timer timer;
    std::uint64_t lastSent = 0;
    Duration interval{};
    TimePoint nextHealth{};
    TimePoint lastWrite{};
    bool dead = false;
};

EventStreams::EventStreams(Agent& agent, AgentApi& api, const HttpLimits& limits)
    : m_agent(agent)
    , m_api(api)
    , m_limits(limits) {}

EventStreams::~EventStreams() {
    closeAll();
}

void EventStreams::closeAll() {
    for (auto& s : m_subscribers)
        m_agent.scheduler().cancel(s->timer);
    m_subscribers.clear();
}

void EventStreams::open(HttpConnection& connection, const ApiRequest& request) {
    const double minimum = std::chrono::duration<double>(m_limits.minStreamInterval).count();
    double seconds = std::chrono::duration<double>(m_agent.options().streamInterval).count();
    if (request.query.hasQueryItem(QStringLiteral("interval"))) {
        bool ok = false;
        const double asked = request.query.queryItemValue(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || !std::isfinite(asked) || asked < minimum || asked > 3600) {
            ApiResponse a = ApiResponse::invalid(
                QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                {{QStringLiteral("interval"),
                  QStringLiteral("must be a number of seconds in [%1, 3600]").arg(minimum)}},
                request.path);
            a.setHeader("Cache-Control", "no-store");
            connection.respond(a);
            return;
        }
        seconds = asked;
    }
    if (int(m_subscribers.size()) >= m_limits.maxStreams) {
        ApiResponse a = ApiResponse::problem(
            503, QStringLiteral("too-many-streams"), QStringLiteral("Too many streams"),
            QStringLiteral("the agent already serves %1 event streams; poll /resilience/v1/health or retry")
                .arg(m_limits.maxStreams),
            request.path);
        a.setHeader("Retry-After", "5");
        a.setHeader("Cache-Control", "no-store");
        connection.respond(a);
        return;
    }

    auto owned = std::make_unique<Subscriber>();
    Subscriber& s = *owned;
    s.connection = &connection;
    s.timer.streams = this;
    s.timer.subscriber = &s;
    s.interval = std::max(m_limits.minStreamInterval,
                          std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds)));
    connection.beginStream(
        {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-store"}, {"X-Accel-Buffering", "no"}});
    m_subscribers.push_back(std::move(owned));
    write(s, QByteArray(": jimini.health/v1 stream\nretry: 1000\n\n"));

    bool ok = false;
    const std::uint64_t resumeAfter = request.header("Last-Event-ID").trimmed().toULongLong(&ok);
    s.lastSent = ok ? resumeAfter : m_agent.events().lastSequence();
    if (ok && resumeAfter > m_agent.events().lastSequence()) {
        // An id from the future: this agent restarted and its sequence began again. Everything retained
        // is news to the client.
        const std::uint64_t first = m_agent.events().firstRetained();
        writeGap(s, 0, first ? first : m_agent.events().lastSequence() + 1);
    }
    sendPending(s); // replay first, then the current health
    s.nextHealth = m_agent.now();
    onTimer(s);
}

void EventStreams::drop(const HttpConnection* connection) {
    const auto it = std::find_if(m_subscribers.begin(), m_subscribers.end(),
                                 [&](const auto& s) { return s->connection == connection; });
    if (it == m_subscribers.end())
        return;
    m_agent.scheduler().cancel((*it)->timer);
    m_subscribers.erase(it);
}

void EventStreams::flushEvents() {
    for (auto& s : m_subscribers)
        sendPending(*s);
    while (m_encoded.size() > kEncodedKept)
        m_encoded.erase(m_encoded.begin());
}

const QByteArray& EventStreams::auditEvent(const AgentEvent& e) {
    auto it = m_encoded.find(e.sequence);
    if (it == m_encoded.end())
        it = m_encoded
                 .emplace(e.sequence, sseEvent(e.sequence, AgentEvent::typeName(e.type).toLatin1(),
                                               QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact)))
                 .first;
    return it->second;
}

const QByteArray& EventStreams::healthEvent(std::uint64_t id, TimePoint now) {
    if (m_healthJson.isNull() || now - m_healthBuiltAt >= kShareWindow || now < m_healthBuiltAt) {
        m_healthJson = m_api.healthJson();
        m_healthBuiltAt = now;
        m_healthEvent.clear();
        ++m_healthBuilds;
    }
    if (m_healthEvent.isNull() || m_healthEventId != id) {
        m_healthEvent = sseEvent(id, "health", m_healthJson);
        m_healthEventId = id;
    }
    return m_healthEvent;
}

void EventStreams::sendPending(Subscriber& s) {
    if (s.dead)
        return;
    const EventSlice slice = m_agent.events().after(s.lastSent);
    if (slice.gapFrom)
        writeGap(s, *slice.gapFrom, slice.gapTo);
    for (const AgentEvent& e : slice.events) {
        write(s, auditEvent(e));
        s.lastSent = e.sequence;
    }
}

void EventStreams::writeGap(Subscriber& s, std::uint64_t from, std::uint64_t to) {
    // Its id is the last lost sequence, so a client that drops right after it resumes cleanly.
    const QJsonObject gap{{QStringLiteral("from"), qint64(from)}, {QStringLiteral("to"), qint64(to)}};
    write(s, sseEvent(to - 1, "gap", QJsonDocument(gap).toJson(QJsonDocument::Compact)));
    s.lastSent = to - 1;
}

TimePoint EventStreams::nextTick(TimePoint now, Duration interval) const {
    // On the grid of the interval, so that every subscriber of that interval ticks together.
    const auto since = now.time_since_epoch();
    return TimePoint((since / interval + 1) * interval);
}

void EventStreams::onTimer(Subscriber& s) {
    if (s.dead)
        return;
    const TimePoint now = m_agent.now();
    const Duration heartbeat = m_agent.options().heartbeatInterval;
    if (now >= s.nextHealth) {
        sendPending(s); // the health event's id promises every event up to it was sent
        write(s, healthEvent(s.lastSent, now));
        s.nextHealth = nextTick(now, s.interval);
    } else if (now - s.lastWrite >= heartbeat) {
        write(s, QByteArray(": heartbeat\n\n"));
    }
    if (s.dead)
        return;
    m_agent.scheduler().schedule(s.timer, std::min(s.nextHealth, s.lastWrite + heartbeat) - now);
}

void EventStreams::write(Subscriber& s, const QByteArray& chunk) {
    if (s.dead)
        return;
    // Behind by more than two health events (or the floor): the client does not keep up; drop it rather
    // than hold what it has not taken.
    const qsizetype backlog = std::max(m_limits.streamBacklogBytes, 2 * m_healthEvent.size());
    if (!s.connection->writeStream(chunk, backlog)) {
        s.dead = true; // the connection's closed() drops it
        m_agent.scheduler().cancel(s.timer);
        return;
    }
    s.lastWrite = m_agent.now();
}

} // namespace jimini
