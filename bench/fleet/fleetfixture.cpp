// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-fleet-fixture N [PORTS]: serves N distinct health documents at /svc/<n>/resilience/v1/health
// (n in [0, N)) on PORTS loopback ports (default 8; one QNetworkAccessManager opens at most 6 connections
// per host:port, so one port would cap the console's polls). Prints "ports P1,P2,..." and then, when
// stdin closes or reads a line, "served COUNT" (200 answers) and exits. Documents change every second.
#include "fleetdocument.h"

#include "health/healthcodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace jimini;

namespace {

class Fixture : public QObject {
public:
    Fixture(int count, int ports)
        : m_documents(std::size_t(count)) {
        regenerate();
        connect(&m_timer, &QTimer::timeout, this, &Fixture::regenerate);
        m_timer.start(1000);
        QStringList listening;
        for (int i = 0; i < ports; ++i) {
            auto* server = new QTcpServer(this);
            server->listen(QHostAddress::LocalHost, 0);
            connect(server, &QTcpServer::newConnection, this, [this, server] {
                while (QTcpSocket* socket = server->nextPendingConnection()) {
                    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
            listening << QString::number(server->serverPort());
        }
        std::printf("ports %s\n", qPrintable(listening.join(QLatin1Char(','))));
        std::fflush(stdout);
    }
    quint64 served() const { return m_served; }

private:
    void regenerate() {
        const qint64 second = QDateTime::currentSecsSinceEpoch();
        for (std::size_t n = 0; n < m_documents.size(); ++n) {
            const QByteArray body = HealthCodec::encode(fleetDocument(int(n), second));
            m_documents[n] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
    }

    void serve(QTcpSocket* socket) {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (qsizetype end; (end = buffer.indexOf("\r\n\r\n")) >= 0; buffer.remove(0, end + 4)) {
            // "GET /svc/<n>/resilience/v1/health HTTP/1.1"
            const QByteArray path = buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
            const QList<QByteArray> parts = path.split('/');
            bool ok = false;
            const int n = parts.size() > 2 ? parts[2].toInt(&ok) : -1;
            if (ok && n >= 0 && std::size_t(n) < m_documents.size() &&
                path.endsWith("/resilience/v1/health")) {
                socket->write(m_documents[std::size_t(n)]);
                ++m_served;
            } else {
                socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            }
        }
        if (socket->state() != QAbstractSocket::ConnectedState)
            m_buffers.remove(socket);
    }

    std::vector<QByteArray> m_documents;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QTimer m_timer;
    quint64 m_served = 0;
};

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int count = args.value(1, QStringLiteral("2000")).toInt();
    const int ports = args.value(2, QStringLiteral("8")).toInt();
    if (count <= 0 || ports <= 0) {
        std::fprintf(stderr, "usage: jimini-fleet-fixture N [PORTS]\n");
        return 2;
    }
    Fixture fixture(count, ports);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(STDIN_FILENO, &c, 1);
        std::printf("served %llu\n", static_cast<unsigned long long>(fixture.served()));
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
