// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace jimini {

namespace {
// Descriptors kept for everything but client connections: the listener, files, the demo fleet's agents.
constexpr rlim_t kReservedDescriptors = 64;

int capBelowDescriptorLimit(int wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return wanted;
    const rlim_t usable = limit.rlim_cur > 2 * kReservedDescriptors ? limit.rlim_cur - kReservedDescriptors
                                                                    : limit.rlim_cur / 2;
    return int(std::min<rlim_t>(rlim_t(std::max(wanted, 1)), std::max<rlim_t>(usable, 1)));
}

QByteArray tooManyConnections(int cap) {
    const QByteArray body = R"({"type":"https://jimini.dev/problems/too-many-connections","title":"Too many )"
                            R"(connections","status":503,"detail":"the agent already serves its cap of )" +
                            QByteArray::number(cap) + R"( connections; try again"})";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
           "Connection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

HttpServer::HttpServer(const HttpLimits& limits, Scheduler& scheduler, HttpConnection::Handler& handler,
                       QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_scheduler(scheduler)
    , m_handler(handler)
    , m_cap(capBelowDescriptorLimit(limits.maxConnections))
    , m_tooMany(tooManyConnections(m_cap)) {
    // Out of descriptors (other code of the process holds them): try again shortly instead of either
    // spinning on a readable listener or, as QTcpServer does, never accepting again.
    connect(this, &QTcpServer::acceptError, this, [this] {
        pauseAccepting();
        QTimer::singleShot(100, this, [this] { resumeAccepting(); });
    });
}

HttpServer::~HttpServer() {
    closeAll();
}

void HttpServer::closeAll() {
    const auto connections = std::exchange(m_connections, {});
    for (HttpConnection* c : connections) {
        c->disconnect(this);
        c->abort();
        delete c;
    }
}

void HttpServer::incomingConnection(qintptr descriptor) {
    if (int(m_connections.size()) >= m_cap) {
        // A connection that has not begun a request costs its client nothing to hold: let it make room, so
        // that a flood of idle connections cannot lock out a client with something to ask.
        const auto idle = std::find_if(m_connections.begin(), m_connections.end(),
                                       [](const HttpConnection* c) { return c->isIdle(); });
        if (idle != m_connections.end()) {
            HttpConnection* evicted = *idle;
            evicted->abort();
            onClosed(evicted);
            ++m_evicted;
        }
    }
    if (int(m_connections.size()) >= m_cap) {
        ++m_refused;
        if (!m_tls) { // a plain answer would be garbage to a TLS client: it just sees the close
            [[maybe_unused]] const auto sent = ::send(int(descriptor), m_tooMany.constData(),
                                                      size_t(m_tooMany.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        }
        ::close(int(descriptor));
        return;
    }
    QTcpSocket* socket = nullptr;
    if (m_tls) {
        auto* ssl = new QSslSocket;
        ssl->setSslConfiguration(*m_tls);
        socket = ssl;
    } else {
        socket = new QTcpSocket;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    auto* connection = new HttpConnection(socket, m_limits, m_scheduler, m_handler, this);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, &HttpServer::onClosed);
    if (auto* ssl = qobject_cast<QSslSocket*>(socket))
        ssl->startServerEncryption();
}

void HttpServer::onClosed(HttpConnection* connection) {
    if (m_connections.erase(connection) == 0)
        return;
    emit connectionClosed(connection);
    connection->deleteLater();
}

} // namespace jimini
