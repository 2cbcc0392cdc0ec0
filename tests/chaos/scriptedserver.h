// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A hostile peer on loopback for the chaos tests: a QTcpServer that answers each connection with exactly
// the bytes a test scripts (a redirect, an endless chunked or close-delimited body, a header flood, a
// trickle), and records what each client sent (the request heads, so a test can say which headers
// reached it) and how many bytes it wrote. Lives on the test's thread: wait by spinning the event loop.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

class ScriptedServer : public QObject {
public:
    // Writes the answer to one request; `head` is the request line and headers.
    using Script = std::function<void(ScriptedServer& server, QTcpSocket* socket, const QByteArray& head)>;

    explicit ScriptedServer(Script script, const QHostAddress& address = QHostAddress::LocalHost)
        : m_script(std::move(script)) {
        m_server.listen(address, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    ~ScriptedServer() override { stop(); }

    bool listening() const { return m_server.isListening(); }
    QString origin() const {
        return QStringLiteral("http://%1:%2")
            .arg(m_server.serverAddress().toString())
            .arg(m_server.serverPort());
    }
    int connections() const { return m_connections; }
    int openConnections() const {
        int open = 0;
        for (const QPointer<QTcpSocket>& s : m_sockets)
            open += s && s->state() == QAbstractSocket::ConnectedState ? 1 : 0;
        return open;
    }
    const QList<QByteArray>& requests() const { return m_requests; }
    qint64 bytesSent() const { return m_bytesSent; }
    bool anyRequestHas(const QByteArray& header) const {
        for (const QByteArray& r : m_requests)
            if (r.toLower().contains("\r\n" + header.toLower() + ":"))
                return true;
        return false;
    }
    // Closes every connection, so nothing keeps feeding a client after a test.
    void stop() {
        m_server.close();
        for (const QPointer<QTcpSocket>& s : std::as_const(m_sockets))
            if (s)
                s->abort();
        m_sockets.clear();
    }

    // Writes what `next` produces whenever the socket's send queue runs low, until it returns an empty
    // array, the client goes away, or `cap` bytes were written.
    void pump(QTcpSocket* socket, std::function<QByteArray()> next, qint64 cap) {
        auto fill = [this, socket, next, cap] {
            while (socket->state() == QAbstractSocket::ConnectedState &&
                   socket->bytesToWrite() < 256 * 1024 && m_bytesSent < cap) {
                const QByteArray bytes = next();
                if (bytes.isEmpty())
                    return;
                m_bytesSent += socket->write(bytes);
            }
        };
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, fill);
        fill();
    }
    // One byte every `everyMs`, for ever.
    void trickle(QTcpSocket* socket, const QByteArray& bytes, int everyMs) {
        auto* timer = new QTimer(socket);
        auto at = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [this, socket, bytes, at] {
            if (socket->state() != QAbstractSocket::ConnectedState)
                return;
            m_bytesSent += socket->write(bytes.mid(*at % bytes.size(), 1));
            ++*at;
        });
        timer->start(everyMs);
    }

private:
    void accept() {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            ++m_connections;
            m_sockets.append(socket);
            auto buffer = std::make_shared<QByteArray>();
            auto answered = std::make_shared<bool>(false);
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, answered] {
                const QByteArray bytes = socket->readAll();
                if (*answered)
                    return; // one request per connection: the rest (a body) is ignored
                *buffer += bytes;
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                *answered = true;
                m_requests.append(buffer->left(end));
                m_script(*this, socket, buffer->left(end));
            });
        }
    }

    Script m_script;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    QList<QByteArray> m_requests;
    qint64 m_bytesSent = 0;
    int m_connections = 0;
};
