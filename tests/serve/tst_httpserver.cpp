// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/httpserver.h"

#include "rawhttpclient.h"

#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct OkHandler final : HttpConnection::Handler {
    void onHead(HttpConnection& c) override { c.readBody(); }
    void onRequest(HttpConnection& c, const ApiRequest&) override {
        c.respond(ApiResponse::text(200, "text/plain", "ok"));
    }
};
} // namespace

class tst_HttpServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void capStaysBelowTheDescriptorLimit_data() {
        QTest::addColumn<int>("wanted");
        QTest::newRow("small cap") << 3;
        QTest::newRow("cap above the descriptor limit") << 1000000;
    }
    void capStaysBelowTheDescriptorLimit() {
        QFETCH(int, wanted);
        rlimit limit{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        HttpLimits limits;
        limits.maxConnections = wanted;
        SimulatedScheduler scheduler;
        OkHandler handler;
        HttpServer server(limits, scheduler, handler);
        QVERIFY(server.connectionCap() <= wanted);
        QVERIFY(rlim_t(server.connectionCap()) < limit.rlim_cur);
        QVERIFY(server.connectionCap() >= 1);
    }

    // At the cap a new client takes the place of a connection that has not begun a request.
    void idleConnectionsMakeRoom() {
        HttpLimits limits;
        limits.maxConnections = 3;
        SimulatedScheduler scheduler;
        OkHandler handler;
        HttpServer server(limits, scheduler, handler);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        RawHttpClient idle[3];
        for (RawHttpClient& c : idle)
            QVERIFY(c.connectTo(server.serverPort()));
        QVERIFY(QTest::qWaitFor([&] { return server.connectionCount() == 3; }));

        RawHttpClient next;
        QVERIFY(next.connectTo(server.serverPort()));
        next.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(next.waitFor([&] { return next.received.endsWith("ok"); }));
        QCOMPARE(next.status(), 200);
        QCOMPARE(server.evictedConnections(), std::uint64_t(1));
        QCOMPARE(server.refusedConnections(), std::uint64_t(0));
        QVERIFY(QTest::qWaitFor([&] {
            return std::count_if(std::begin(idle), std::end(idle), [](RawHttpClient& c) {
                       c.received += c.socket.readAll();
                       return c.socket.state() == QAbstractSocket::UnconnectedState;
                   }) == 1;
        }));
    }

    // When every connection is in the middle of a request, a new client is told 503 at once; the busy ones
    // end at their deadline and free room.
    void pastTheCapBusyServerAnswersServiceUnavailable() {
        HttpLimits limits;
        limits.maxConnections = 3;
        SimulatedScheduler scheduler;
        OkHandler handler;
        HttpServer server(limits, scheduler, handler);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        RawHttpClient busy[3];
        for (RawHttpClient& c : busy) {
            QVERIFY(c.connectTo(server.serverPort()));
            c.send("GET / HTTP/1.1\r\n");
        }
        QVERIFY(QTest::qWaitFor([&] {
            return server.connectionCount() == 3 &&
                   std::all_of(server.connections().begin(), server.connections().end(),
                               [](const HttpConnection* c) { return !c->isIdle(); });
        }));

        RawHttpClient extra;
        QVERIFY(extra.connectTo(server.serverPort()));
        QVERIFY(extra.waitForClose());
        QCOMPARE(extra.status(), 503);
        QVERIFY(extra.received.contains("too-many-connections"));
        QVERIFY(extra.received.contains("Retry-After: 1\r\n"));
        QCOMPARE(server.refusedConnections(), std::uint64_t(1));

        scheduler.advance(limits.headTimeout);
        for (RawHttpClient& c : busy) {
            QVERIFY(c.waitForClose());
            QCOMPARE(c.status(), 408);
        }
        QVERIFY(QTest::qWaitFor([&] { return server.connectionCount() == 0; }));
        RawHttpClient next;
        QVERIFY(next.connectTo(server.serverPort()));
        next.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(next.waitFor([&] { return next.received.endsWith("ok"); }));
        QCOMPARE(next.status(), 200);
    }
};

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
