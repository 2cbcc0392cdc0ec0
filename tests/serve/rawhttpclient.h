// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A client that writes exactly the bytes a test scripts and keeps every byte it gets back: for the
// tests that play a broken or hostile peer. Its waits spin the event loop (the server runs in the same
// thread) until a condition holds or a deadline passes; they never sleep a fixed time.

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <functional>

struct RawHttpClient {
    QTcpSocket socket;
    QByteArray received;

    bool connectTo(quint16 port) {
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(5000);
    }
    void send(const QByteArray& bytes) {
        socket.write(bytes);
        socket.flush();
    }
    bool waitFor(const std::function<bool()>& condition, int timeoutMs = 5000) {
        return QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                return condition();
            },
            timeoutMs);
    }
    bool waitForAnswer(int timeoutMs = 5000) {
        return waitFor([&] { return received.contains("\r\n\r\n"); }, timeoutMs);
    }
    bool waitForClose(int timeoutMs = 5000) {
        return waitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    int status() const { return received.startsWith("HTTP/1.1 ") ? received.mid(9, 3).toInt() : 0; }
    int answers() const { return int(received.count("HTTP/1.1 ")); }
};
