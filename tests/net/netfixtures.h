// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Loopback fixtures for the net tests: a tiny HTTP server with canned answers (bad JSON, huge bodies,
// 401 unless the right token, 503), counting its connections; and a TCP proxy in front of an agent
// that can drop every connection and stop accepting for a while.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

struct CannedAnswer {
    QByteArray head; // status line and headers, without the blank line
    QByteArray body;
    bool sendContentLength = true;
    qsizetype declaredLength = -1; // >= 0: Content-Length says this (and only the head is sent)
};

inline CannedAnswer cannedJson(int status, const QByteArray& body) {
    return {"HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json", body, true,
            -1};
}

// Answers every request with answerFor(request head); closes the connection after each answer.
class FixtureServer : public QObject {
public:
    explicit FixtureServer(std::function<CannedAnswer(const QByteArray& requestHead)> answerFor)
        : m_answerFor(std::move(answerFor)) {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    lastRequest = buffer->left(end);
                    const CannedAnswer a = m_answerFor(lastRequest);
                    buffer->clear();
                    QByteArray out = a.head + "\r\nConnection: close\r\n";
                    if (a.declaredLength >= 0)
                        out += "Content-Length: " + QByteArray::number(a.declaredLength) + "\r\n";
                    else if (a.sendContentLength)
                        out += "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n";
                    out += "\r\n";
                    if (a.declaredLength < 0)
                        out += a.body;
                    socket->write(out);
                    socket->disconnectFromHost(); // after the bytes are written
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

    int connections = 0;
    QByteArray lastRequest;

private:
    std::function<CannedAnswer(const QByteArray&)> m_answerFor;
    QTcpServer m_server;
};

// Forwards 127.0.0.1:port() to target. pause() drops every connection and refuses new ones until
// resume() (same port).
class TcpProxy : public QObject {
public:
    explicit TcpProxy(quint16 target)
        : m_target(target) {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
        m_server.listen(QHostAddress::LocalHost, 0);
        m_port = m_server.serverPort();
    }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    void pause() {
        m_server.close();
        for (const auto& pair : m_pairs) {
            if (pair.first)
                pair.first->abort();
            if (pair.second)
                pair.second->abort();
        }
        m_pairs.clear();
    }
    bool resume() { return m_server.listen(QHostAddress::LocalHost, m_port); }

    QList<QByteArray> requests; // the first bytes each client sent

private:
    void accept() {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            auto* upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
            const int index = int(requests.size());
            requests.append(QByteArray());
            QObject::connect(client, &QTcpSocket::readyRead, client, [this, client, upstream, index] {
                const QByteArray bytes = client->readAll();
                if (index < requests.size() && requests[index].size() < 4096)
                    requests[index] += bytes;
                upstream->write(bytes);
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, client,
                             [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(upstream, &QTcpSocket::disconnected, client,
                             [client] { client->disconnectFromHost(); });
            QObject::connect(client, &QTcpSocket::disconnected, client, [client] { client->deleteLater(); });
            m_pairs.append(qMakePair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream)));
        }
    }

    QTcpServer m_server;
    quint16 m_target;
    quint16 m_port = 0;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};
