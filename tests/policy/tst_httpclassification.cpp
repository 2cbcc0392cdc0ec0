// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/httpclassification.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
constexpr qint64 none = -1;
const int success = int(OutcomeKind::Success), failure = int(OutcomeKind::Failure),
          timedOut = int(OutcomeKind::TimedOut);
const int ok = int(ErrorCategory::None), unavailable = int(ErrorCategory::ServiceUnavailable),
          timeout = int(ErrorCategory::Timeout), rateLimit = int(ErrorCategory::RateLimit),
          business = int(ErrorCategory::BusinessLogic), unknown = int(ErrorCategory::Unknown);

std::optional<Duration> fromMs(qint64 ms) {
    return ms == none ? std::nullopt : std::optional<Duration>(std::chrono::milliseconds(ms));
}

qint64 toMs(const std::optional<Duration>& d) {
    return d ? qint64(std::chrono::duration_cast<std::chrono::milliseconds>(*d).count()) : none;
}

void addOutcomeColumns() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("category");
    QTest::addColumn<bool>("canRetry");
    QTest::addColumn<bool>("mayHaveSucceeded");
    QTest::addColumn<qint64>("retryAfterMs");
}

void compareOutcome(const Outcome& o) {
    QFETCH(int, kind);
    QFETCH(int, category);
    QFETCH(bool, canRetry);
    QFETCH(bool, mayHaveSucceeded);
    QFETCH(qint64, retryAfterMs);
    QCOMPARE(int(o.kind), kind);
    QCOMPARE(int(o.category), category);
    QCOMPARE(o.canRetry, canRetry);
    QCOMPARE(o.mayHaveSucceeded, mayHaveSucceeded);
    QCOMPARE(toMs(o.retryAfter), retryAfterMs);
}

// 1994-11-06 08:49:00 UTC, 37 s before the RFC's example date.
constexpr qint64 rfcNow = 784111740;
// 2025-06-01 00:00:00 UTC.
constexpr qint64 now2025 = 1748736000;
} // namespace

class tst_HttpClassification : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void classifyHttpStatus_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("headerMs");
        QTest::addColumn<int>("expectedStatus");
        addOutcomeColumns();
        const auto row = [](const char* name, int status, qint64 headerMs, int expectedStatus, int kind,
                            int category, bool canRetry, bool mayHaveSucceeded, qint64 retryAfterMs) {
            QTest::newRow(name) << status << headerMs << expectedStatus << kind << category << canRetry
                                << mayHaveSucceeded << retryAfterMs;
        };
        row("200", 200, none, 200, success, ok, false, false, none);
        row("204 ignores header", 204, 5000, 204, success, ok, false, false, none);
        row("301", 301, none, 301, success, ok, false, false, none);
        row("304", 304, none, 304, success, ok, false, false, none);
        row("400", 400, none, 400, failure, business, false, false, none);
        row("401", 401, none, 401, failure, business, false, false, none);
        row("403", 403, none, 403, failure, business, false, false, none);
        row("404", 404, none, 404, failure, business, false, false, none);
        row("422", 422, none, 422, failure, business, false, false, none);
        row("405 other 4xx", 405, none, 405, failure, business, false, false, none);
        row("409 other 4xx", 409, none, 409, failure, business, false, false, none);
        row("499 other 4xx", 499, 1000, 499, failure, business, false, false, none);
        row("408", 408, none, 408, failure, timeout, true, true, none);
        row("408 with header", 408, 2000, 408, failure, timeout, true, true, 2000);
        row("429 default", 429, none, 429, failure, rateLimit, true, false, 30000);
        row("429 header", 429, 120000, 429, failure, rateLimit, true, false, 120000);
        row("429 header zero", 429, 0, 429, failure, rateLimit, true, false, 0);
        row("429 negative header", 429, -5, 429, failure, rateLimit, true, false, 0);
        row("500", 500, none, 500, failure, unavailable, true, false, 30000);
        row("502", 502, none, 502, failure, unavailable, true, false, 30000);
        row("503 header", 503, 7000, 503, failure, unavailable, true, false, 7000);
        row("504", 504, none, 504, failure, unavailable, true, false, 30000);
        row("599", 599, none, 599, failure, unavailable, true, false, 30000);
        row("100 is not final", 100, none, 100, failure, unknown, false, false, none);
        row("199", 199, none, 199, failure, unknown, false, false, none);
        row("600", 600, none, 600, failure, unknown, false, false, none);
        row("0", 0, none, 0, failure, unknown, false, false, none);
        row("negative", -1, none, 0, failure, unknown, false, false, none);
        row("beyond int16", 70000, none, 0, failure, unknown, false, false, none);
    }
    void classifyHttpStatus() {
        QFETCH(int, status);
        QFETCH(qint64, headerMs);
        QFETCH(int, expectedStatus);
        const Outcome o = jimini::classifyHttpStatus(status, fromMs(headerMs));
        QCOMPARE(int(o.httpStatus), expectedStatus);
        compareOutcome(o);
    }

    void classifyNetworkError_data() {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("name");
        addOutcomeColumns();
        QTest::newRow("refused") << int(NetworkError::ConnectionRefused) << "connection_refused" << failure
                                 << unavailable << true << false << 15000LL;
        QTest::newRow("reset") << int(NetworkError::ConnectionReset) << "connection_reset" << failure
                               << unavailable << true << true << 15000LL;
        QTest::newRow("dns") << int(NetworkError::HostNotFound) << "host_not_found" << failure << unavailable
                             << true << false << 15000LL;
        QTest::newRow("timeout") << int(NetworkError::Timeout) << "timeout" << timedOut << timeout << true
                                 << true << none;
        QTest::newRow("tls") << int(NetworkError::Tls) << "tls" << failure << unavailable << true << false
                             << 15000LL;
        QTest::newRow("other") << int(NetworkError::Other) << "other" << failure << unavailable << true
                               << true << 15000LL;
    }
    void classifyNetworkError() {
        QFETCH(int, error);
        QFETCH(QString, name);
        const Outcome o = jimini::classifyNetworkError(NetworkError(error));
        QCOMPARE(int(o.httpStatus), 0);
        compareOutcome(o);
        QCOMPARE(QString::fromLatin1(toString(NetworkError(error))), name);
    }

    void parseRetryAfter_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("nowSeconds");
        QTest::addColumn<qint64>("nowExtraMs");
        QTest::addColumn<qint64>("expectedMs");
        const qint64 cap =
            std::chrono::duration_cast<std::chrono::milliseconds>(kMaxParsedRetryAfter).count();
        const auto row = [](const char* name, const char* header, qint64 nowSeconds, qint64 extraMs,
                            qint64 ms) {
            QTest::newRow(name) << QByteArray(header) << nowSeconds << extraMs << ms;
        };
        // delta-seconds
        row("seconds", "120", rfcNow, 0, 120000);
        row("zero", "0", rfcNow, 0, 0);
        row("leading zeros", "00012", rfcNow, 0, 12000);
        row("surrounding whitespace", " \t5\t ", rfcNow, 0, 5000);
        row("one below cap in s", "3155759999", rfcNow, 0, 3155759999000);
        row("overflow saturates", "99999999999999999999999999", rfcNow, 0, cap);
        // HTTP-date forms, 37 s ahead of now
        row("IMF-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT", rfcNow, 0, 37000);
        row("IMF-fixdate sub-second now", "Sun, 06 Nov 1994 08:49:37 GMT", rfcNow, 500, 36500);
        row("IMF-fixdate next day", "Mon, 07 Nov 1994 08:49:00 GMT", rfcNow, 0, 86400000);
        row("IMF-fixdate leap day", "Thu, 29 Feb 1996 00:00:00 GMT", rfcNow, 0, 41440260000);
        row("IMF-fixdate now", "Sun, 06 Nov 1994 08:49:00 GMT", rfcNow, 0, 0);
        row("IMF-fixdate past", "Sun, 06 Nov 1994 08:48:00 GMT", rfcNow, 0, 0);
        row("IMF-fixdate far past", "Thu, 01 Jan 1970 00:00:00 GMT", rfcNow, 0, 0);
        row("IMF-fixdate far future saturates", "Fri, 31 Dec 9999 23:59:59 GMT", rfcNow, 0, cap);
        row("RFC 850", "Sunday, 06-Nov-94 08:49:37 GMT", rfcNow, 0, 37000);
        row("RFC 850 year 70 is 2070", "Tuesday, 01-Jan-70 00:00:00 GMT", now2025, 0, 1407024000000);
        row("RFC 850 year 80 is 1980", "Tuesday, 01-Jan-80 00:00:00 GMT", now2025, 0, 0);
        row("asctime", "Sun Nov  6 08:49:37 1994", rfcNow, 0, 37000);
        row("asctime two-digit day", "Wed Nov 16 08:49:00 1994", rfcNow, 0, 864000000);
        // invalid
        row("empty", "", rfcNow, 0, none);
        row("blank", "  \t ", rfcNow, 0, none);
        row("negative", "-5", rfcNow, 0, none);
        row("plus sign", "+5", rfcNow, 0, none);
        row("unit", "5s", rfcNow, 0, none);
        row("fraction", "1.5", rfcNow, 0, none);
        row("two numbers", "12 34", rfcNow, 0, none);
        row("hex", "0x10", rfcNow, 0, none);
        row("word", "tomorrow", rfcNow, 0, none);
        row("UTC instead of GMT", "Sun, 06 Nov 1994 08:49:37 UTC", rfcNow, 0, none);
        row("lowercase day", "sun, 06 Nov 1994 08:49:37 GMT", rfcNow, 0, none);
        row("lowercase month", "Sun, 06 nov 1994 08:49:37 GMT", rfcNow, 0, none);
        row("one-digit day", "Sun, 6 Nov 1994 08:49:37 GMT", rfcNow, 0, none);
        row("31 February", "Sun, 31 Feb 1994 08:49:37 GMT", rfcNow, 0, none);
        row("29 February 1995", "Wed, 29 Feb 1995 08:49:37 GMT", rfcNow, 0, none);
        row("hour 24", "Sun, 06 Nov 1994 24:00:00 GMT", rfcNow, 0, none);
        row("minute 60", "Sun, 06 Nov 1994 08:60:00 GMT", rfcNow, 0, none);
        row("day 00", "Sun, 00 Nov 1994 08:49:37 GMT", rfcNow, 0, none);
        row("trailing garbage", "Sun, 06 Nov 1994 08:49:37 GMTx", rfcNow, 0, none);
        row("RFC 850 four-digit year", "Sunday, 06-Nov-1994 08:49:37 GMT", rfcNow, 0, none);
        row("RFC 850 short day", "Sun, 06-Nov-94 08:49:37 GMT", rfcNow, 0, none);
        row("RFC 850 unknown day", "Funday, 06-Nov-94 08:49:37 GMT", rfcNow, 0, none);
        row("asctime single space", "Sun Nov 6 08:49:37 1994", rfcNow, 0, none);
    }
    void parseRetryAfter() {
        QFETCH(QByteArray, header);
        QFETCH(qint64, nowSeconds);
        QFETCH(qint64, nowExtraMs);
        QFETCH(qint64, expectedMs);
        const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(nowSeconds)) +
                         std::chrono::milliseconds(nowExtraMs);
        const auto parsed =
            jimini::parseRetryAfter(std::string_view(header.constData(), std::size_t(header.size())), now);
        QCOMPARE(toMs(parsed), expectedMs);
        if (parsed)
            QCOMPARE(parsed->count() % 1000000,
                     0); // whole milliseconds in every row: nothing lost in conversion
    }
};

QTEST_GUILESS_MAIN(tst_HttpClassification)
#include "tst_httpclassification.moc"
