// SPDX-License-Identifier: GPL-3.0-or-later
// What a reply means to a connection: which ones trip its breaker (the policy core's classification,
// seen by a connection to a watched service).
#include "net/connection.h"
#include "net/replyoutcome.h"

#include "policy/circuitbreaker.h"
#include "policy/manualclock.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_ReplyOutcome : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void connectionCounts_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("tripsBreaker");
        QTest::addColumn<int>("category");

        const int unavailable = int(ErrorCategory::ServiceUnavailable);
        const int answeredBadly = int(ErrorCategory::BusinessLogic);
        QTest::newRow("200") << int(SourceStatus::Ok) << 200 << true << false << int(ErrorCategory::None);
        QTest::newRow("refused") << int(SourceStatus::Refused) << 0 << false << true << unavailable;
        QTest::newRow("timed out") << int(SourceStatus::TimedOut) << 0 << false << true
                                   << int(ErrorCategory::Timeout);
        QTest::newRow("tls") << int(SourceStatus::TlsError) << 0 << false << true << unavailable;
        QTest::newRow("too large") << int(SourceStatus::TooLarge) << 200 << false << true << unavailable;
        QTest::newRow("500") << int(SourceStatus::HttpError) << 500 << false << true << unavailable;
        QTest::newRow("503") << int(SourceStatus::HttpError) << 503 << false << true << unavailable;
        QTest::newRow("599") << int(SourceStatus::HttpError) << 599 << false << true << unavailable;
        QTest::newRow("429: told to back off")
            << int(SourceStatus::HttpError) << 429 << false << true << unavailable;
        QTest::newRow("401") << int(SourceStatus::Unauthorized) << 401 << false << false << answeredBadly;
        QTest::newRow("403") << int(SourceStatus::Unauthorized) << 403 << false << false << answeredBadly;
        QTest::newRow("404") << int(SourceStatus::HttpError) << 404 << false << false << answeredBadly;
        QTest::newRow("408: the service answered")
            << int(SourceStatus::HttpError) << 408 << false << false << answeredBadly;
        QTest::newRow("304: not followed")
            << int(SourceStatus::HttpError) << 304 << false << false << answeredBadly;
        QTest::newRow("600: unknown")
            << int(SourceStatus::HttpError) << 600 << false << false << answeredBadly;
        QTest::newRow("malformed body")
            << int(SourceStatus::Malformed) << 200 << false << false << answeredBadly;
    }
    void connectionCounts() {
        QFETCH(int, status);
        QFETCH(int, httpStatus);
        QFETCH(bool, ok);
        QFETCH(bool, tripsBreaker);
        QFETCH(int, category);

        ReplyVerdict verdict;
        verdict.status = SourceStatus(status);
        verdict.httpStatus = httpStatus;
        const Outcome outcome = connectionOutcome(verdict);
        QCOMPARE(outcome.ok(), ok);
        QCOMPARE(int(outcome.category), category);

        // The connection's own breaker, tripping on the first counted failure.
        CircuitBreakerOptions options = Connection::Options::defaultBreaker();
        options.failureThreshold = 1;
        ManualClock clock;
        CircuitBreaker breaker(options, clock);
        const BreakerPermit permit = breaker.tryAcquire();
        QVERIFY(permit.permitted);
        breaker.record(permit, outcome, Duration::zero());
        QCOMPARE(breaker.state() == BreakerState::Open, tripsBreaker);
    }

    void networkErrorsByName_data() {
        QTest::addColumn<int>("qtError");
        QTest::addColumn<int>("expected");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError)
                                 << int(NetworkError::ConnectionRefused);
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError)
                                << int(NetworkError::ConnectionReset);
        QTest::newRow("host") << int(QNetworkReply::HostNotFoundError) << int(NetworkError::HostNotFound);
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << int(NetworkError::Timeout);
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << int(NetworkError::Tls);
        QTest::newRow("protocol") << int(QNetworkReply::ProtocolFailure) << int(NetworkError::Other);
    }
    void networkErrorsByName() {
        QFETCH(int, qtError);
        QFETCH(int, expected);
        QCOMPARE(int(networkErrorOf(QNetworkReply::NetworkError(qtError))), expected);
    }
};

QTEST_GUILESS_MAIN(tst_ReplyOutcome)
#include "tst_replyoutcome.moc"
