// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP execution adapter against a scripted loopback server: each answer becomes the outcome the
// policy core's classification gives it, Retry-After included; a refused connection is a network error.
#include "net/httpexecution.h"

#include "netfixtures.h"

#include "policy/httpclassification.h"

#include <QLocale>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct Collector final : HttpExecution::Receiver {
    void onHttpOutcome(std::uint64_t t, const Outcome& o) override {
        tag = t;
        outcome = o;
        ++calls;
    }
    std::uint64_t tag = 0;
    std::optional<Outcome> outcome;
    int calls = 0;
};
} // namespace

class tst_HttpExecution : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void answerIsClassified_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<qint64>("retryAfterSeconds"); // -1: none
        QTest::newRow("200") << QByteArray("HTTP/1.1 200 OK") << int(OutcomeKind::Success)
                             << int(ErrorCategory::None) << 200 << qint64(-1);
        QTest::newRow("503 with Retry-After")
            << QByteArray("HTTP/1.1 503 X\r\nRetry-After: 7") << int(OutcomeKind::Failure)
            << int(ErrorCategory::ServiceUnavailable) << 503 << qint64(7);
        QTest::newRow("503 without: the guide's 30 s")
            << QByteArray("HTTP/1.1 503 X") << int(OutcomeKind::Failure)
            << int(ErrorCategory::ServiceUnavailable) << 503 << qint64(30);
        QTest::newRow("429") << QByteArray("HTTP/1.1 429 X\r\nRetry-After: 2") << int(OutcomeKind::Failure)
                             << int(ErrorCategory::RateLimit) << 429 << qint64(2);
        QTest::newRow("404") << QByteArray("HTTP/1.1 404 X") << int(OutcomeKind::Failure)
                             << int(ErrorCategory::BusinessLogic) << 404 << qint64(-1);
    }
    void answerIsClassified() {
        QFETCH(QByteArray, head);
        QFETCH(int, kind);
        QFETCH(int, category);
        QFETCH(int, httpStatus);
        QFETCH(qint64, retryAfterSeconds);
        FixtureServer server([&](const QByteArray&) { return CannedAnswer{head, "{}", true, -1}; });
        HttpExecution http(QUrl(server.url() + QStringLiteral("/work")));
        Collector collector;
        http.get(collector, 42);
        QTRY_COMPARE_WITH_TIMEOUT(collector.calls, 1, 10000);
        QCOMPARE(collector.tag, quint64(42));
        QCOMPARE(int(collector.outcome->kind), kind);
        QCOMPARE(int(collector.outcome->category), category);
        QCOMPARE(int(collector.outcome->httpStatus), httpStatus);
        if (retryAfterSeconds < 0)
            QVERIFY(!collector.outcome->retryAfter);
        else
            QCOMPARE(collector.outcome->retryAfter,
                     std::optional<Duration>(std::chrono::seconds(retryAfterSeconds)));
        QVERIFY(server.lastRequest.startsWith("GET /work "));
    }

    void refusedConnectionIsANetworkError() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nobody listens there now
        HttpExecution http(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        Collector collector;
        http.get(collector, 1);
        QTRY_COMPARE_WITH_TIMEOUT(collector.calls, 1, 10000);
        const Outcome expected = classifyNetworkError(NetworkError::ConnectionRefused);
        QCOMPARE(int(collector.outcome->kind), int(expected.kind));
        QCOMPARE(int(collector.outcome->category), int(expected.category));
        QCOMPARE(collector.outcome->retryAfter, expected.retryAfter);
    }

    void abortedRequestGivesNoOutcome() {
        FixtureServer server([](const QByteArray&) { return cannedJson(200, "{}"); });
        HttpExecution http(QUrl(server.url()));
        Collector collector;
        QNetworkReply* reply = http.get(collector, 1);
        HttpExecution::abort(reply);
        // A second request on the same adapter completes: the abort stopped only the first.
        Collector second;
        http.get(second, 2);
        QTRY_COMPARE_WITH_TIMEOUT(second.calls, 1, 10000);
        QCOMPARE(collector.calls, 0);
    }
};

QTEST_GUILESS_MAIN(tst_HttpExecution)
#include "tst_httpexecution.moc"
