// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"
#include "serve/httplimits.h"

#include "policy/clock.h"
#include "policy/timertask.h"

#include <QByteArray>

#include <cstdint>
#include <list>
#include <map>
#include <memory>

namespace jimini {

class Agent;
class AgentApi;
class HttpConnection;
struct AgentEvent;

// The subscribers of GET /resilience/v1/stream (text/event-stream). What they are sent is built once
// and shared: one health document per tick for every subscriber (health ticks fall on a grid of the
// interval, so subscribers of one interval share them), each audit event encoded once. Subscribers are
// capped (503 past the cap) and each may fall behind by a bounded backlog only, then it is dropped.
class EventStreams {
public:
    EventStreams(Agent& agent, AgentApi& api, const HttpLimits& limits);
    ~EventStreams();
    EventStreams(const EventStreams&) = delete;
    EventStreams& operator=(const EventStreams&) = delete;

    // Answers the request on the connection: the stream (the connection is the stream's from now on), or
    // 422 for a bad interval, or 503 at the cap.
    void open(HttpConnection& connection, const ApiRequest& request);
    // New audit events to every subscriber.
    void flushEvents();
    void drop(const HttpConnection* connection);
    void closeAll();
    std::size_t count() const noexcept { return m_subscribers.size(); }
    // Health documents built for the streams since the start: grows with ticks, not with subscribers.
    std::uint64_t healthBuilds() const noexcept { return m_healthBuilds; }

private:
    struct Subscriber;

    void sendPending(Subscriber& s);
    void writeGap(Subscriber& s, std::uint64_t from, std::uint64_t to);
    void onTimer(Subscriber& s);
    void write(Subscriber& s, const QByteArray& chunk);
    const QByteArray& healthEvent(std::uint64_t id, TimePoint now);
    const QByteArray& auditEvent(const AgentEvent& event);
    TimePoint nextTick(TimePoint now, Duration interval) const;

    Agent& m_agent;
    AgentApi& m_api;
    HttpLimits m_limits;
    std::list<std::unique_ptr<Subscriber>> m_subscribers;
    // The latest health event: its document and the id it was sent with.
    QByteArray m_healthJson;
    QByteArray m_healthEvent;
    TimePoint m_healthBuiltAt{};
    std::uint64_t m_healthEventId = 0;
    std::uint64_t m_healthBuilds = 0;
    std::map<std::uint64_t, QByteArray> m_encoded; // audit events by sequence, the newest few
};

} // namespace jimini
