// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/httpconnection.h"
#include "serve/httplimits.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>
#include <unordered_set>

namespace jimini {

class Scheduler;

// Accepts connections for an HttpConnection::Handler, plain or TLS, and keeps their number under a cap
// below the process's descriptor limit. At the cap a new client takes the place of an idle connection (one
// that has not begun a request), so a flood of idle connections cannot lock new clients out; when every
// connection is busy, the new client gets 503 and is closed at once.
class HttpServer final : public QTcpServer {
    Q_OBJECT
public:
    HttpServer(const HttpLimits& limits, Scheduler& scheduler, HttpConnection::Handler& handler,
               QObject* parent = nullptr);
    ~HttpServer() override;

    void setTls(const QSslConfiguration& configuration) { m_tls = configuration; }
    bool tls() const noexcept { return m_tls.has_value(); }
    std::size_t connectionCount() const noexcept { return m_connections.size(); }
    const std::unordered_set<HttpConnection*>& connections() const noexcept { return m_connections; }
    // limits.maxConnections, lowered to leave descriptors for everything else the process opens.
    int connectionCap() const noexcept { return m_cap; }
    std::uint64_t refusedConnections() const noexcept { return m_refused; }
    std::uint64_t evictedConnections() const noexcept { return m_evicted; }
    // Aborts every connection (closed() is not emitted for them).
    void closeAll();

signals:
    // The connection is gone; it is deleted once control returns to the event loop.
    void connectionClosed(jimini::HttpConnection* connection);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onClosed(HttpConnection* connection);

    HttpLimits m_limits;
    Scheduler& m_scheduler;
    HttpConnection::Handler& m_handler;
    std::optional<QSslConfiguration> m_tls;
    std::unordered_set<HttpConnection*> m_connections;
    int m_cap = 0;
    QByteArray m_tooMany; // the 503 a client past the cap gets
    std::uint64_t m_refused = 0;
    std::uint64_t m_evicted = 0;
};

} // namespace jimini
