// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/eventstreams.h"
#include "serve/httpconnection.h"
#include "serve/targetendpoint.h"

#include "policy/listenerhandle.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace jimini {

class Agent;
class AgentApi;
class HttpServer;

// The HTTP glue of the agent: its own bounded HTTP/1.1 server (HttpServer, HttpConnection,
// HttpRequestReader: QtHttpServer 6.4 reads whole requests into memory before a handler sees them, and
// bounds neither heads, connections nor idle time) in front of AgentApi. A request is judged on its
// head first: an unknown path, a wrong method or a mutation without the right token is answered before
// a byte of its body is read; then the body, bounded; then the API. GET /stream goes to EventStreams,
// /target/{name} to TargetEndpoint (no token: it stands for a service's own API).
class AgentServer final : public QObject, private HttpConnection::Handler {
    Q_OBJECT
public:
    AgentServer(Agent& agent, AgentApi& api, QObject* parent = nullptr);
    ~AgentServer() override;

    // PEM certificate (chain) and key; call before listen().
    bool setupTls(const QString& certFile, const QString& keyFile, QString* error);
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const noexcept { return m_port; }
    bool tls() const noexcept;
    std::size_t streamCount() const noexcept { return m_streams.count(); }
    std::size_t connectionCount() const noexcept;
    const EventStreams& streams() const noexcept { return m_streams; }
    TargetEndpoint& target() noexcept { return m_target; }
    const TargetEndpoint& target() const noexcept { return m_target; }
    // Ends every stream and connection and stops listening.
    void close();

private:
    void onHead(HttpConnection& connection) override;
    void onRequest(HttpConnection& connection, const ApiRequest& request) override;

    Agent& m_agent;
    AgentApi& m_api;
    EventStreams m_streams;
    TargetEndpoint m_target;
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    ListenerHandle m_eventsListener; // on the agent's event log; dropped in the destructor
};

} // namespace jimini
