// SPDX-License-Identifier: GPL-3.0-or-later
// Cutting this process's connections to one peer: exactly those are closed (the peer sees it), others to
// another port stay up, and the cut socket's owner keeps a valid descriptor that only fails.
#include "net/connectioncutter.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace jimini;

namespace {
struct Link {
    std::unique_ptr<QTcpSocket> client = std::make_unique<QTcpSocket>();
    QTcpSocket* accepted = nullptr;
};

Link connectTo(QTcpServer& server) {
    Link link;
    link.client->connectToHost(QHostAddress::LocalHost, server.serverPort());
    if (link.client->waitForConnected(5000) &&
        (server.hasPendingConnections() || server.waitForNewConnection(5000)))
        link.accepted = server.nextPendingConnection();
    return link;
}
} // namespace

class tst_ConnectionCutter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void cutsOnlyTheConnectionsToThatPeer() {
#ifndef Q_OS_LINUX
        QSKIP("ConnectionCutter works on Linux only");
#endif
        QTcpServer target;
        QTcpServer other;
        QVERIFY(target.listen(QHostAddress::LocalHost, 0));
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        Link first = connectTo(target);
        Link second = connectTo(target);
        Link bystander = connectTo(other);
        QVERIFY(first.accepted && second.accepted && bystander.accepted);

        QCOMPARE(ConnectionCutter::cut(QHostAddress::LocalHost, target.serverPort()), 2);

        // The peer sees both connections go; the one to the other port stays up both ways.
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted->state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(second.accepted->state(), QAbstractSocket::UnconnectedState, 5000);
        bystander.accepted->write("still here");
        QVERIFY(bystander.accepted->waitForBytesWritten(5000));
        QVERIFY(bystander.client->waitForReadyRead(5000));
        QCOMPARE(bystander.client->readAll(), QByteArray("still here"));
        // The owner's descriptor is still its own and only fails.
        first.client->write("x");
        QTRY_COMPARE_WITH_TIMEOUT(first.client->state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(ConnectionCutter::cut(QHostAddress::LocalHost, target.serverPort()), 0);
    }

    void matchesIpv4MappedPeers() {
#ifndef Q_OS_LINUX
        QSKIP("ConnectionCutter works on Linux only");
#endif
        QTcpServer target;
        QVERIFY(target.listen(QHostAddress::LocalHost, 0));
        Link link = connectTo(target);
        QVERIFY(link.accepted);
        QCOMPARE(ConnectionCutter::cut(QHostAddress(QStringLiteral("::ffff:127.0.0.1")), target.serverPort()),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(link.accepted->state(), QAbstractSocket::UnconnectedState, 5000);
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionCutter)
#include "tst_connectioncutter.moc"
