// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleetingest.h"

#include "health/healthnames.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace jimini;

namespace {
const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, QTimeZone::utc());
const QString url = QStringLiteral("http://127.0.0.1:8081");

ServiceEndpoint endpoint(const QString& group = {}, const QString& env = {},
                         ServiceEndpoint::Mode mode = ServiceEndpoint::Mode::Poll) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(url);
    e.group = group;
    e.environment = env;
    e.mode = mode;
    return e;
}

HealthDocument document(const QString& paymentsBreaker = QStringLiteral("closed"), double errorRate = 0.125) {
    HealthDocument d;
    d.service = QStringLiteral("checkout");
    d.instance = QStringLiteral("checkout-1");
    d.environment = QStringLiteral("prod");
    d.timestamp = t0;
    d.healthStatus = HealthLevel::Degraded;
    d.metrics.currentErrorRate = errorRate;
    d.metrics.requestsPerSecond = 42.5;
    d.metrics.p50ResponseTime = 0.01;
    d.metrics.p95ResponseTime = 0.25;
    d.metrics.p99ResponseTime = 0.5;
    d.metrics.failedOperations = 15;
    d.metrics.timeouts = 4;
    d.metrics.rateLimitHits = 6;
    d.alerts.push_back(HealthAlert{AlertLevel::Warning, QStringLiteral("High error rate: 12.50%"),
                                   QStringLiteral("error_rate"), 0.125, 0.1});
    PolicyHealth payments;
    payments.name = QStringLiteral("payments");
    payments.circuitBreaker = BreakerHealth{};
    payments.circuitBreaker->state = breakerStateFromName(paymentsBreaker).value();
    payments.circuitBreaker->opens = 2;
    payments.rateLimiter = RateLimiterHealth{7, 10, 10, 1, 0};
    payments.bulkhead = BulkheadHealth{3, 2, 8, 4, 0};
    PolicyHealth search;
    search.name = QStringLiteral("search");
    search.circuitBreaker = BreakerHealth{};
    search.circuitBreaker->state = BreakerState::Isolated;
    search.circuitBreaker->manual = true;
    d.policies = {payments, search};
    return d;
}

SourceSample good(const QDateTime& at, HealthDocument d = document()) {
    SourceSample s;
    s.endpointId = url;
    s.receivedAt = at;
    s.status = SourceStatus::Ok;
    s.document = std::move(d);
    s.lastSeen = at;
    return s;
}

SourceSample bad(const QDateTime& at, SourceStatus status, const QString& reason, bool stale = false) {
    SourceSample s;
    s.endpointId = url;
    s.receivedAt = at;
    s.status = status;
    s.reason = reason;
    s.stale = stale;
    return s;
}
} // namespace

class tst_FleetIngest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void newEndpointIsConnecting() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint(QStringLiteral("shop")));
        const InstanceRow* row = ingest.row(url);
        QVERIFY(row);
        QCOMPARE(row->endpointId, url);
        QCOMPARE(row->documentUrl, url + QStringLiteral("/resilience/v1/health")); // a base URL
        QCOMPARE(row->service, QStringLiteral("shop"));
        QCOMPARE(row->instance, QStringLiteral("127.0.0.1:8081"));
        QCOMPARE(int(row->status), int(SourceStatus::Connecting));
        QVERIFY(!row->hasDocument);
        QVERIFY(row->errorSparkline.isEmpty()); // nothing known: no line at all, not a flat 0
        QVERIFY(!row->errorRate && !row->requestRate && !row->p95Seconds);
    }

    void serviceIsUnnamedUntilItSaysItsName() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        std::vector<FleetEvent> events;
        QVERIFY(ingest.row(url)->service.isEmpty()); // not "127.0.0.1": a host is no service name
        ingest.ingest(bad(t0, SourceStatus::Refused, QStringLiteral("connection refused")), events);
        QVERIFY(ingest.row(url)->service.isEmpty());
        ingest.ingest(good(t0.addSecs(1)), events);
        QCOMPARE(ingest.row(url)->service, QStringLiteral("checkout"));
        ingest.ingest(bad(t0.addSecs(2), SourceStatus::Refused, QStringLiteral("connection refused")),
                      events);
        QCOMPARE(ingest.row(url)->service, QStringLiteral("checkout")); // what it said stays
    }

    void backoffKeepsTheCause_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("refused") << int(SourceStatus::Refused) << "connection refused";
        QTest::newRow("timed out") << int(SourceStatus::TimedOut) << "no answer within 2000 ms";
        QTest::newRow("HTTP status") << int(SourceStatus::HttpError) << "HTTP 503";
        QTest::newRow("TLS") << int(SourceStatus::TlsError) << "TLS: certificate expired";
    }
    void backoffKeepsTheCause() {
        QFETCH(int, status);
        QFETCH(QString, reason);
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint(QStringLiteral("shop")));
        std::vector<FleetEvent> events;
        ingest.ingest(bad(t0, SourceStatus(status), reason), events);
        QCOMPARE(int(ingest.row(url)->cause), status);
        ingest.ingest(
            bad(t0.addSecs(1), SourceStatus::Backoff, QStringLiteral("not reachable after 3 tries")), events);
        const InstanceRow& row = *ingest.row(url);
        QCOMPARE(int(row.status), int(SourceStatus::Backoff));
        QCOMPARE(int(row.cause), status);
        QCOMPARE(row.causeReason, reason);
        ingest.ingest(good(t0.addSecs(2)), events);
        QCOMPARE(int(ingest.row(url)->cause), int(SourceStatus::Ok));
        QVERIFY(ingest.row(url)->causeReason.isEmpty());
    }

    void rowFromDocument_data() {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("environment");
        QTest::newRow("from the document") << QString() << QString() << "checkout"
                                           << "prod";
        QTest::newRow("from the workspace") << "shop"
                                            << "staging"
                                            << "shop"
                                            << "staging";
    }
    void rowFromDocument() {
        QFETCH(QString, group);
        QFETCH(QString, env);
        QFETCH(QString, service);
        QFETCH(QString, environment);
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint(group, env));
        std::vector<FleetEvent> events;
        QVERIFY(ingest.ingest(good(t0), events));
        QVERIFY(events.empty());
        const InstanceRow& row = *ingest.row(url);
        QCOMPARE(row.service, service);
        QCOMPARE(row.instance, QStringLiteral("checkout-1"));
        QCOMPARE(row.environment, environment);
        QCOMPARE(int(row.status), int(SourceStatus::Ok));
        QVERIFY(row.reason.isEmpty());
        QVERIFY(!row.stale);
        QCOMPARE(row.lastSeen, t0);
        QVERIFY(row.hasDocument);
        QCOMPARE(int(row.level), int(HealthLevel::Degraded));
        QCOMPARE(row.errorRate, std::optional<double>(0.125));
        QCOMPARE(row.requestRate, std::optional<double>(42.5));
        QCOMPARE(row.p95Seconds, std::optional<double>(0.25));
        QCOMPARE(row.alerts, document().alerts);
        QCOMPARE(row.policies.size(), std::size_t(2));
        const PolicyRow payments{QStringLiteral("payments"),
                                 BreakerState::Closed,
                                 false,
                                 2,
                                 true,
                                 7,
                                 10,
                                 true,
                                 3,
                                 2,
                                 8,
                                 std::nullopt,
                                 std::nullopt,
                                 std::nullopt};
        QCOMPARE(row.policies[0], payments);
        const PolicyRow search{QStringLiteral("search"),
                               BreakerState::Isolated,
                               true,
                               0,
                               false,
                               0,
                               std::nullopt,
                               false,
                               0,
                               0,
                               0,
                               std::nullopt,
                               std::nullopt,
                               std::nullopt};
        QCOMPARE(row.policies[1], search);
        QCOMPARE(row.errorSparkline.size(), 60);
        QCOMPARE(row.errorSparkline.back(), 0.125f);
        QCOMPARE(row.errorSparkline.front(), InstanceRow::sparklineGap); // before the first document
        // The same sample again changes nothing.
        QVERIFY(!ingest.ingest(good(t0), events));
    }

    void seriesFromDocument() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        std::vector<FleetEvent> events;
        ingest.ingest(good(t0), events);
        // 5 of the instance and its 2 known failure kinds (no breakdown: timeouts and rate limited), 2
        // rate limiter + 3 bulkhead + 1 breaker of payments, 1 breaker of search.
        QCOMPARE(store.seriesCount(), std::size_t(14));
        const std::int64_t ms = t0.toMSecsSinceEpoch();
        const auto value = [&](const QString& policy, Metric metric) {
            std::vector<SeriesPoint> out;
            store.read(SeriesKey{url, policy, metric}, ms, ms, out);
            return out.size() == 1 ? out[0].value : -1.0f;
        };
        QCOMPARE(value(QString(), Metric::RequestRate), 42.5f);
        QCOMPARE(value(QString(), Metric::ErrorRate), 0.125f);
        QCOMPARE(value(QString(), Metric::LatencyP50), 0.01f);
        QCOMPARE(value(QString(), Metric::LatencyP95), 0.25f);
        QCOMPARE(value(QString(), Metric::LatencyP99), 0.5f);
        QCOMPARE(value(QString(), Metric::FailuresTimeout), 4.0f);
        QCOMPARE(value(QString(), Metric::FailuresRateLimited), 6.0f);
        QCOMPARE(value(QString(), Metric::FailuresDownstream), -1.0f); // not reported: no point, not 0
        QCOMPARE(value(QString(), Metric::FailuresBreakerOpen), -1.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::TokensAvailable), 7.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::TokenLimit), 10.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::BulkheadActive), 3.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::BulkheadQueued), 2.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::BulkheadCapacity), 8.0f);
        QCOMPARE(value(QStringLiteral("payments"), Metric::BreakerState), 0.0f);
        QCOMPARE(value(QStringLiteral("search"), Metric::BreakerState), 3.0f);
        QCOMPARE(value(QStringLiteral("search"), Metric::TokenLimit), -1.0f);
        ingest.removeEndpoint(url);
        QCOMPARE(store.seriesCount(), std::size_t(0));
        QVERIFY(!ingest.row(url));
        QVERIFY(!ingest.ingest(good(t0.addSecs(1)), events));
        QCOMPARE(ingest.stats().ignored, std::uint64_t(1));
        QCOMPARE(ingest.stats().ingested, std::uint64_t(1));
    }

    // With metrics.failures every kind has its series and the row its parts.
    void failureBreakdown() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        HealthDocument d = document();
        d.metrics.failures = FailureBreakdown{3, 4, 6, 1, 1, 0};
        d.windowSeconds = 60;
        d.metrics.coveredSeconds = 12.5; // a service 12.5 s old
        std::vector<FleetEvent> events;
        ingest.ingest(good(t0, d), events);
        QCOMPARE(ingest.row(url)->metricsSpanSeconds, std::optional<double>(12.5));
        QCOMPARE(ingest.row(url)->metricsWindowSeconds, std::optional<double>(60));
        const std::int64_t ms = t0.toMSecsSinceEpoch();
        const float expected[] = {3, 4, 6, 1, 1, 0};
        for (std::size_t k = 0; k < failureKindCount; ++k) {
            std::vector<SeriesPoint> out;
            store.read(SeriesKey{url, QString(), failureMetric(k)}, ms, ms, out);
            QCOMPARE(out.size(), std::size_t(1));
            QCOMPARE(out[0].value, expected[k]);
        }
        QVERIFY(ingest.row(url)->failures.complete());
        QCOMPARE(ingest.row(url)->failures.count(FailureKind::BulkheadFull), std::optional<std::uint64_t>(1));
        QCOMPARE(ingest.row(url)->failures.failed(), std::uint64_t(15));
    }

    void staleAndReason_data() {
        QTest::addColumn<bool>("hadDocument");
        QTest::addColumn<int>("afterMs");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("netStale");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<QString>("shownReason");
        QTest::newRow("refused, fresh") << true << 1000 << int(SourceStatus::Refused) << "connection refused"
                                        << false << false << "connection refused";
        QTest::newRow("refused, three intervals")
            << true << 3000 << int(SourceStatus::Refused) << "connection refused" << false << true
            << "connection refused";
        QTest::newRow("stale, said by the source")
            << true << 1500 << int(SourceStatus::Stale) << "no data for 3 intervals (3000 ms)" << true << true
            << "no data for 3 intervals (3000 ms)";
        QTest::newRow("malformed, never a document")
            << false << 5000 << int(SourceStatus::Malformed) << "policies[0].name: expected a string" << false
            << false << "policies[0].name: expected a string";
        QTest::newRow("no reason given")
            << false << 0 << int(SourceStatus::TimedOut) << QString() << false << false << "timed_out";
    }
    void staleAndReason() {
        QFETCH(bool, hadDocument);
        QFETCH(int, afterMs);
        QFETCH(int, status);
        QFETCH(QString, reason);
        QFETCH(bool, netStale);
        QFETCH(bool, stale);
        QFETCH(QString, shownReason);
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        std::vector<FleetEvent> events;
        if (hadDocument)
            ingest.ingest(good(t0), events);
        QVERIFY(ingest.ingest(bad(t0.addMSecs(afterMs), SourceStatus(status), reason, netStale), events));
        const InstanceRow& row = *ingest.row(url);
        QCOMPARE(int(row.status), int(SourceStatus(status)));
        QCOMPARE(row.reason, shownReason);
        QCOMPARE(row.stale, stale);
        QCOMPARE(row.hasDocument, hadDocument);
        QCOMPARE(row.lastSeen, hadDocument ? t0 : QDateTime());
        // The last good figures stay on the row.
        QCOMPARE(row.errorRate, hadDocument ? std::optional<double>(0.125) : std::nullopt);
        QCOMPARE(row.isUnreachable(), !hadDocument || stale);
        QCOMPARE(row.isCurrent(), hadDocument && !stale);
        QCOMPARE(row.policies.size(), std::size_t(hadDocument ? 2 : 0));
        // A good document clears it all.
        ingest.ingest(good(t0.addMSecs(afterMs + 1000)), events);
        QCOMPARE(int(ingest.row(url)->status), int(SourceStatus::Ok));
        QVERIFY(ingest.row(url)->reason.isEmpty());
        QVERIFY(!ingest.row(url)->stale);
    }

    void polledTransitions_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("record"); // the source found the service's event record
        QTest::addColumn<int>("expected");
        QTest::newRow("poll, no record: inferred") << int(ServiceEndpoint::Mode::Poll) << false << 3;
        QTest::newRow("poll, record: the source reports them")
            << int(ServiceEndpoint::Mode::Poll) << true << 0;
        QTest::newRow("stream: the source reports them") << int(ServiceEndpoint::Mode::Stream) << true << 0;
    }
    void polledTransitions() {
        QFETCH(int, mode);
        QFETCH(bool, record);
        QFETCH(int, expected);
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint(QStringLiteral("shop"), {}, ServiceEndpoint::Mode(mode)));
        ingest.setStreaming(url, record);
        const QStringList states{"open", "open", "half_open", "", "closed", "closed", "open"};
        std::vector<FleetEvent> events;
        for (int i = 0; i < states.size(); ++i) {
            const QDateTime at = t0.addSecs(i);
            if (states[i].isEmpty()) { // an outage in between does not break the chain
                ingest.ingest(bad(at, SourceStatus::Refused, QStringLiteral("refused")), events);
                continue;
            }
            HealthDocument d = document(states[i]);
            d.timestamp = at;
            ingest.ingest(good(at, d), events);
        }
        QCOMPARE(int(events.size()), expected);
        if (expected == 0)
            return;
        const QList<QPair<QString, QString>> changes{
            {"open", "half_open"}, {"half_open", "closed"}, {"closed", "open"}};
        const QList<int> seconds{2, 4, 6};
        for (int i = 0; i < 3; ++i) {
            const FleetEvent& e = events[i];
            QCOMPARE(e.endpointId, url);
            QCOMPARE(e.service, QStringLiteral("shop"));
            QCOMPARE(e.instance, QStringLiteral("checkout-1"));
            QCOMPARE(toString(e.type), QStringLiteral("transition"));
            // Not the service's word: no reason, no actor, and marked as inferred.
            QVERIFY(e.inferred);
            QVERIFY(e.reason.isEmpty());
            QVERIFY(e.actor.isEmpty());
            QCOMPARE(e.note, QStringLiteral("between two polls"));
            QCOMPARE(e.policy, QStringLiteral("payments"));
            QCOMPARE(breakerStateName(e.from), changes[i].first);
            QCOMPARE(breakerStateName(e.to), changes[i].second);
            QCOMPARE(e.time, t0.addSecs(seconds[i]));
        }
    }

    void sparkline() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        std::vector<FleetEvent> events;
        for (int i = 0; i < 70; ++i)
            ingest.ingest(good(t0.addSecs(i), document(QStringLiteral("closed"), i / 100.0)), events);
        const QVector<float>& line = ingest.row(url)->errorSparkline;
        QCOMPARE(line.size(), 60);
        for (int i = 0; i < 60; ++i)
            QCOMPARE(line[i], float((i + 10) / 100.0));
        // Polled every 5 s: steps, not holes.
        ServiceEndpoint slow = endpoint();
        slow.interval = std::chrono::seconds(5);
        ingest.addEndpoint(slow);
        for (int i = 75; i <= 130; i += 5)
            ingest.ingest(good(t0.addSecs(i), document(QStringLiteral("closed"), i / 1000.0)), events);
        const QVector<float>& steps = ingest.row(url)->errorSparkline;
        QCOMPARE(steps.size(), 60);
        QCOMPARE(steps[0], 0.69f);  // second 71: still the value of second 69
        QCOMPARE(steps[4], 0.075f); // second 75
        QCOMPARE(steps[8], 0.075f);
        QCOMPARE(steps[59], 0.13f);
        // Unreachable from second 131: the last value holds for three intervals (15 s), then a gap.
        for (int i = 135; i <= 150; i += 5)
            ingest.ingest(bad(t0.addSecs(i), SourceStatus::Refused, QStringLiteral("connection refused")),
                          events);
        const QVector<float>& ended = ingest.row(url)->errorSparkline;
        QCOMPARE(ended.size(), 60);
        QCOMPARE(ended[59 - 20], 0.13f);                    // second 130
        QCOMPARE(ended[59 - 6], 0.13f);                     // second 144: 14 s after it
        QCOMPARE(ended[59 - 5], InstanceRow::sparklineGap); // second 145: stale, nothing known
        QCOMPARE(ended[59], InstanceRow::sparklineGap);
    }

    // A source that does not report a figure (the guide's document: no percentiles, no request rate,
    // no token limit) leaves it absent on the row and a gap in its series, never a 0.
    void absentFiguresStayAbsent() {
        SeriesStore store;
        FleetIngest ingest(store);
        ingest.addEndpoint(endpoint());
        HealthDocument d = document();
        d.format = HealthFormat::GuideDocument;
        d.metrics.requestsPerSecond.reset();
        d.metrics.p50ResponseTime.reset();
        d.metrics.p95ResponseTime.reset();
        d.metrics.p99ResponseTime.reset();
        d.policies[0].rateLimiter->maxTokens.reset();
        std::vector<FleetEvent> events;
        QVERIFY(ingest.ingest(good(t0, d), events));
        const InstanceRow& row = *ingest.row(url);
        QCOMPARE(row.errorRate, std::optional<double>(0.125));
        QVERIFY(!row.metricsSpanSeconds); // lifetime totals: no window
        QVERIFY(!row.metricsWindowSeconds);
        QVERIFY(!row.requestRate);
        QVERIFY(!row.p95Seconds);
        QVERIFY(row.policies[0].hasRateLimiter);
        QCOMPARE(row.policies[0].tokensAvailable, 7.0);
        QVERIFY(!row.policies[0].tokenLimit);
        const std::int64_t ms = t0.toMSecsSinceEpoch();
        std::vector<SeriesPoint> out;
        for (Metric m : {Metric::RequestRate, Metric::LatencyP50, Metric::LatencyP95, Metric::LatencyP99}) {
            QCOMPARE(store.read(SeriesKey{url, QString(), m}, ms - 1000, ms + 1000, out), std::int64_t(0));
            QVERIFY(out.empty());
        }
        QCOMPARE(store.read(SeriesKey{url, QStringLiteral("payments"), Metric::TokenLimit}, ms, ms, out),
                 std::int64_t(0));
        QVERIFY(store.read(SeriesKey{url, QString(), Metric::ErrorRate}, ms, ms, out) > 0);
        QCOMPARE(out.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(tst_FleetIngest)
#include "tst_fleetingest.moc"
