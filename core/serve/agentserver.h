// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"

#include "policy/clock.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <cstdint>
#include <list>
#include <memory>

class QHttpServer;
class QHttpServerResponder;

namespace jimini {

class Agent;
class AgentApi;
class Scheduler;

// All of the QtHttpServer glue: turns requests into ApiRequest for AgentApi and answers, and serves the
// event stream (text/event-stream). A stream keeps its QHttpServerResponder and writes each event as a
// body chunk as it happens; health events follow the stream's interval and a heartbeat comment keeps
// idle streams open. A stream ends when its client disconnects.
//
// Every request is routed through one handler (QHttpServer's missing-route handler), so that 404, 405
// and every other error are problem+json documents rather than QtHttpServer's plain defaults.
class AgentServer final : public QObject {
    Q_OBJECT
public:
    AgentServer(Agent& agent, AgentApi& api, QObject* parent = nullptr);
    ~AgentServer() override;

    // PEM certificate (chain) and key; call before listen().
    bool setupTls(const QString& certFile, const QString& keyFile, QString* error);
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const noexcept { return m_port; }
    bool tls() const noexcept { return m_tls; }
    std::size_t streamCount() const noexcept { return m_streams.size(); }
    // Ends every stream and stops listening.
    void close();

private:
    struct Stream;

    void openStream(const ApiRequest& request, QHttpServerResponder&& responder);
    void flushEvents();
    void sendPending(Stream& stream);
    void writeGap(Stream& stream, std::uint64_t from, std::uint64_t to);
    void onStreamTimer(Stream& stream);
    void write(Stream& stream, const QByteArray& chunk);
    void drop(std::uint64_t id);

    Agent& m_agent;
    AgentApi& m_api;
    std::unique_ptr<QHttpServer> m_server;
    std::list<std::unique_ptr<Stream>> m_streams;
    quint16 m_port = 0;
    bool m_tls = false;
    std::uint64_t m_nextStreamId = 1;
};

} // namespace jimini
