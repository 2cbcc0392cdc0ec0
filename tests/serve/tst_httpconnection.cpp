// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/httpconnection.h"
#include "serve/httpserver.h"

#include "rawhttpclient.h"

#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Answers "<path>:<body size>"; refuses /refuse on its head; /big answers 16 MiB; /stream streams.
struct TestHandler final : HttpConnection::Handler {
    void onHead(HttpConnection& c) override {
        ++heads;
        if (c.head().path == QLatin1String("/refuse"))
            c.respond(ApiResponse::problem(401, QStringLiteral("unauthorized"),
                                           QStringLiteral("Unauthorized"), QStringLiteral("no"),
                                           c.head().path));
        else
            c.readBody();
    }
    void onRequest(HttpConnection& c, const ApiRequest& r) override {
        ++requests;
        if (r.path == QLatin1String("/stream")) {
            c.beginStream({{"Content-Type", "text/event-stream"}});
            stream = &c;
        } else if (r.path == QLatin1String("/big")) {
            c.respond(ApiResponse::text(200, "text/plain", QByteArray(16 * 1024 * 1024, 'b')));
        } else {
            c.respond(ApiResponse::text(200, "text/plain",
                                        r.path.toUtf8() + ':' + QByteArray::number(r.body.size())));
        }
    }
    int heads = 0;
    int requests = 0;
    HttpConnection* stream = nullptr;
};
} // namespace

class tst_HttpConnection : public QObject {
    Q_OBJECT

    HttpLimits m_limits;
    std::unique_ptr<SimulatedScheduler> m_scheduler;
    std::unique_ptr<TestHandler> m_handler;
    std::unique_ptr<HttpServer> m_server;

    HttpConnection* only() const {
        return m_server->connections().size() == 1 ? *m_server->connections().begin() : nullptr;
    }
    // Until the server has read n bytes of the (only) connection.
    bool waitRead(RawHttpClient& c, qint64 n) {
        return c.waitFor([&] { return only() && only()->bytesRead() >= n; });
    }
    void advance(Duration d) {
        m_scheduler->advance(d);
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init() {
        m_limits = HttpLimits();
        m_scheduler = std::make_unique<SimulatedScheduler>();
        m_handler = std::make_unique<TestHandler>();
        m_server = std::make_unique<HttpServer>(m_limits, *m_scheduler, *m_handler);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    void cleanup() {
        m_server.reset();
        m_handler.reset();
        m_scheduler.reset();
    }

    void deadlines_data() {
        QTest::addColumn<QByteArray>("sent");
        QTest::addColumn<qint64>("deadlineMs"); // from the last byte sent (or the last answer)
        QTest::addColumn<int>("status");        // what the server says before it closes; 0: nothing
        QTest::addColumn<int>("answersBefore");
        QTest::newRow("silent connection") << QByteArray() << qint64(10000) << 0 << 0;
        QTest::newRow("part of a head") << QByteArray("GET / HTTP/1.1\r\nHo") << qint64(10000) << 408 << 0;
        QTest::newRow("part of a body")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nabc") << qint64(30000)
            << 408 << 0;
        QTest::newRow("idle after an answer")
            << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\n\r\n") << qint64(30000) << 0 << 1;
    }
    void deadlines() {
        QFETCH(QByteArray, sent);
        QFETCH(qint64, deadlineMs);
        QFETCH(int, status);
        QFETCH(int, answersBefore);
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        QVERIFY(c.waitFor([&] { return only() != nullptr; }));
        c.send(sent);
        QVERIFY(waitRead(c, sent.size()));
        if (answersBefore)
            QVERIFY(c.waitFor([&] { return c.answers() == answersBefore && c.received.endsWith(":0"); }));
        const QByteArray before = c.received;
        advance(std::chrono::milliseconds(deadlineMs) - 1ms);
        QVERIFY(!c.waitForClose(100)); // still open just before its deadline
        QCOMPARE(c.received, before);
        advance(2ms);
        QVERIFY(c.waitForClose());
        const QByteArray after = c.received.mid(before.size());
        if (status) {
            QVERIFY2(after.startsWith("HTTP/1.1 " + QByteArray::number(status)), after.constData());
            QVERIFY(after.contains("Connection: close\r\n"));
        } else {
            QCOMPARE(after, QByteArray());
        }
    }

    // A byte a second never completes a head: the deadline runs from the first byte, not the last.
    void trickleIsCutAtTheHeadDeadline() {
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        const QByteArray head = "GET /slow HTTP/1.1\r\nHost: a\r\nX-Pad: aaaaaaaaaaaa\r\n\r\n";
        int second = 0;
        for (; second < head.size() && c.status() == 0; ++second) {
            c.send(head.mid(second, 1));
            QVERIFY(waitRead(c, second + 1));
            advance(1s);
            c.waitFor([&] { return c.status() != 0; }, 50);
        }
        QVERIFY(c.waitForClose());
        QCOMPARE(c.status(), 408);
        QCOMPARE(second, 10);
        QCOMPARE(m_handler->heads, 0);
    }

    // Refused on its head: the 200 MB the client announced is never read into memory, and the client
    // sees the answer before the connection ends.
    void refusalComesBeforeTheBody() {
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send("POST /refuse HTTP/1.1\r\nHost: a\r\nContent-Length: 200000000\r\n\r\n");
        QVERIFY(c.waitForAnswer());
        QCOMPARE(c.status(), 401);
        QVERIFY(c.received.contains("Connection: close\r\n"));
        QCOMPARE(m_handler->requests, 0);
        // Whatever of the body still comes is dropped as it arrives; the connection ends at the linger.
        const QByteArray some(1024 * 1024, 'x');
        c.send(some);
        QVERIFY(c.waitFor([&] { return !only() || only()->bytesDropped() >= some.size(); }));
        advance(2s);
        QVERIFY(c.waitForClose());
    }

    void bodyLimits_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("chunked");
        QTest::newRow("Content-Length over the limit")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n") << false;
        QTest::newRow("chunked past the limit")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") << true;
    }
    void bodyLimits() {
        QFETCH(QByteArray, head);
        QFETCH(bool, chunked);
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send(head);
        const QByteArray chunk = "4000\r\n" + QByteArray(0x4000, 'c') + "\r\n";
        for (int i = 0; chunked && i < 80 && c.status() == 0; ++i) { // 1.25 MiB if it were all read
            c.send(chunk);
            c.waitFor(
                [&] {
                    return c.status() != 0 ||
                           (only() && only()->bytesRead() >= head.size() + (i + 1) * chunk.size());
                },
                2000);
        }
        QVERIFY(c.waitForAnswer());
        QCOMPARE(c.status(), 413);
        QVERIFY(c.received.contains("payload-too-large"));
        QCOMPARE(m_handler->requests, 0);
        // Read no further than the limit and one read's worth of bytes past it.
        if (only())
            QVERIFY(only()->bytesRead() <= head.size() + m_limits.maxBodyBytes + 2 * chunk.size());
    }

    void pipelinedRequestsAreAnsweredInOrder() {
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
               "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(c.waitFor([&] { return c.received.endsWith("/3:0"); }));
        QCOMPARE(c.answers(), 3);
        QVERIFY(c.received.indexOf("/1:0") < c.received.indexOf("/2:3"));
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
    }

    void http10ConnectionIsClosedAfterItsAnswer() {
        RawHttpClient c;
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send("GET /old HTTP/1.0\r\n\r\n");
        QVERIFY(c.waitForClose());
        QCOMPARE(c.status(), 200);
        QVERIFY(c.received.contains("Connection: close\r\n"));
        QVERIFY(c.received.endsWith("/old:0"));
    }

    // A client that does not take its answer is cut at the write deadline.
    void unreadAnswerIsCutAtTheWriteDeadline() {
        RawHttpClient c;
        c.socket.setReadBufferSize(1024);
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return m_handler->requests == 1; }));
        advance(m_limits.writeTimeout - 1ms);
        QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 1; }, 100));
        advance(2ms);
        QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 0; }));
    }

    // A subscriber that stops reading is dropped once its unsent backlog would pass the bound.
    void slowSubscriberIsDropped() {
        RawHttpClient c;
        c.socket.setReadBufferSize(1024);
        QVERIFY(c.connectTo(m_server->serverPort()));
        c.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return m_handler->stream != nullptr; }));
        HttpConnection* s = m_handler->stream;
        const QByteArray event = "data: " + QByteArray(64 * 1024, 'e') + "\n\n";
        const qsizetype backlog = 256 * 1024;
        int written = 0;
        while (written < 10000 && s->writeStream(event, backlog)) {
            ++written;
            QCoreApplication::processEvents(); // lets the socket hand what it can to the kernel
        }
        QVERIFY2(written < 10000, "a reader that never reads must be dropped");
        QVERIFY(!s->isOpen());
        QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 0; }));
    }
};

QTEST_GUILESS_MAIN(tst_HttpConnection)
#include "tst_httpconnection.moc"
