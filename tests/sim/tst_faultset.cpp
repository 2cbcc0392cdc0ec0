// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/faultcodec.h"
#include "sim/faultset.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
Fault fault(const QString& policy, std::optional<double> errorRate, Duration duration) {
    Fault f;
    f.policy = policy;
    f.errorRate = errorRate;
    f.duration = duration;
    return f;
}
} // namespace

class tst_FaultSet : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void noFaultNoEffect() {
        FaultSet set;
        const FaultEffect e = set.effect(QStringLiteral("default"), TimePoint{});
        QVERIFY(!e.active);
        QCOMPARE(e.count, std::size_t(0));
    }

    void rulesInIdOrderForThePolicy() {
        FaultSet set;
        const TimePoint t0{};
        Fault first = fault(QString(), 0.5, 60s);
        first.hangRate = 0.1;
        first.statusMix = {{429, 1}};
        first.retryAfter = 5s;
        QCOMPARE(set.add(first, t0), 1);
        QCOMPARE(set.add(fault(QStringLiteral("default"), 1.0, 10s), t0), 2);
        QCOMPARE(set.add(fault(QStringLiteral("payments"), std::nullopt, 10s), t0), 3);

        const FaultEffect d = set.effect(QStringLiteral("default"), t0 + 1s);
        QVERIFY(d.active);
        QCOMPARE(d.count, std::size_t(2));
        QCOMPARE(d.rules[0].id, 1);
        QCOMPARE(d.rules[0].errorRate, 0.5);
        QCOMPARE(d.rules[0].hangRate, 0.1);
        QCOMPARE(d.rules[0].statusCount, std::size_t(1));
        QCOMPARE(d.rules[0].statusMix[0].status, 429);
        QCOMPARE(*d.rules[0].retryAfter, Duration(5s));
        QCOMPARE(d.rules[1].id, 2);
        QCOMPARE(d.rules[1].errorRate, 1.0);

        const FaultEffect p = set.effect(QStringLiteral("payments"), t0 + 1s);
        QCOMPARE(p.count, std::size_t(2));
        QCOMPARE(p.rules[1].id, 3);
        QCOMPARE(p.rules[1].errorRate, 0.0); // absent error_rate: no errors

        // At 10 s the two short faults have expired.
        QCOMPARE(set.effect(QStringLiteral("default"), t0 + 10s).count, std::size_t(1));
        QVERIFY(!set.effect(QStringLiteral("default"), t0 + 60s).active);
    }

    void purgeReturnsExpiredInOrder() {
        FaultSet set;
        set.add(fault(QString(), 0.1, 5s), TimePoint{});
        set.add(fault(QString(), 0.2, 50s), TimePoint{});
        set.add(fault(QString(), 0.3, 6s), TimePoint{});
        QCOMPARE(set.purge(TimePoint{} + 4s).size(), std::size_t(0));
        const std::vector<Fault> expired = set.purge(TimePoint{} + 6s);
        QCOMPARE(expired.size(), std::size_t(2));
        QCOMPARE(expired[0].id, 1);
        QCOMPARE(expired[1].id, 3);
        QCOMPARE(set.active(TimePoint{} + 6s).size(), std::size_t(1));
        const std::vector<Fault> cleared = set.clear();
        QCOMPARE(cleared.size(), std::size_t(1));
        QCOMPARE(cleared[0].id, 2);
        QVERIFY(set.active(TimePoint{}).empty());
    }

    void parsesTheProtocolExample() {
        const FaultParseResult r = FaultCodec::parse(
            R"({"policy": "default", "error_rate": 0.5, "status_mix": {"503": 0.7, "429": 0.3}, "retry_after_seconds": 5,
                "latency": {"distribution": "normal", "mean_ms": 800, "stddev_ms": 200},
                "hang_rate": 0.05, "reset_rate": 0.05, "duration_seconds": 120})");
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
        const Fault& f = *r.fault;
        QCOMPARE(f.policy, QStringLiteral("default"));
        QCOMPARE(*f.errorRate, 0.5);
        QCOMPARE(f.statusMix.size(), std::size_t(2));
        QCOMPARE(*f.retryAfter, Duration(5s));
        QCOMPARE(f.latency->kind(), LatencyDistribution::Kind::Normal);
        QCOMPARE(f.latency->mean(), Duration(800ms));
        QCOMPARE(f.hangRate, 0.05);
        QCOMPARE(f.duration, Duration(120s));
        // Listed back as stored, with id and expiry.
        Fault listed = f;
        listed.id = 3;
        const QJsonObject o = FaultCodec::toJson(listed);
        QCOMPARE(o.value("id").toInt(), 3);
        QCOMPARE(o.value("retry_after_seconds").toInt(), 5);
        QVERIFY(o.contains("expires_at"));
        QCOMPARE(FaultCodec::toJson(*FaultCodec::parse(R"({"duration_seconds": 1})").fault).keys(),
                 (QStringList{"duration_seconds", "expires_at", "id"})); // absent keys stay absent
    }

    // The agent answers 201 to any duration in (0, 86400]: the fault must then apply, however short.
    void anyAcceptedDurationApplies_data() {
        QTest::addColumn<QByteArray>("duration");
        QTest::addColumn<Duration>("expected");
        QTest::newRow("below a nanosecond (fuzz/fault)") << QByteArray("1e-126") << Duration(1ns);
        QTest::newRow("1.5 ns") << QByteArray("1.5e-9") << Duration(2ns);
        QTest::newRow("a whole day") << QByteArray("86400") << Duration(86400s);
    }
    void anyAcceptedDurationApplies() {
        QFETCH(QByteArray, duration);
        QFETCH(Duration, expected);
        const FaultParseResult r =
            FaultCodec::parse(R"({"error_rate": 1, "duration_seconds": )" + duration + "}");
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
        QCOMPARE(r.fault->duration, expected);
        FaultSet faults;
        faults.add(*r.fault, TimePoint{});
        QVERIFY(faults.effect(QStringLiteral("default"), TimePoint{}).active);
        QVERIFY(!faults.effect(QStringLiteral("default"), TimePoint{} + expected).active);
    }

    void rejectsWithPaths_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::newRow("no duration") << QByteArray(R"({"error_rate": 1})") << "duration_seconds";
        QTest::newRow("rate above 1")
            << QByteArray(R"({"error_rate": 1.5, "duration_seconds": 1})") << "error_rate";
        QTest::newRow("unknown key") << QByteArray(R"({"eror_rate": 1, "duration_seconds": 1})")
                                     << "eror_rate";
        QTest::newRow("2xx in the mix")
            << QByteArray(R"({"status_mix": {"200": 1}, "duration_seconds": 1})") << "status_mix.200";
        QTest::newRow("bad distribution")
            << QByteArray(R"({"latency": {"distribution": "pareto"}, "duration_seconds": 1})")
            << "latency.distribution";
        QTest::newRow("uniform max below min")
            << QByteArray(
                   R"({"latency": {"distribution": "uniform", "min_ms": 5, "max_ms": 1}, "duration_seconds": 1})")
            << "latency.max_ms";
        QTest::newRow("not JSON") << QByteArray("{") << "";
        QTest::newRow("lease of 0 s")
            << QByteArray(R"({"ttl_seconds": 0, "duration_seconds": 1})") << "ttl_seconds";
        QTest::newRow("lease as text")
            << QByteArray(R"({"ttl_seconds": "15", "duration_seconds": 1})") << "ttl_seconds";
        QTest::newRow("lease over a day")
            << QByteArray(R"({"ttl_seconds": 86401, "duration_seconds": 1})") << "ttl_seconds";
        QTest::newRow("rates above 1 together")
            << QByteArray(
                   R"({"error_rate": 0.5, "hang_rate": 0.3, "reset_rate": 0.3, "duration_seconds": 1})")
            << "";
    }
    void rejectsWithPaths() {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        const FaultParseResult r = FaultCodec::parse(json);
        QVERIFY(!r.fault);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].path, path);
        QVERIFY(!r.errors[0].message.isEmpty());
    }

    // A lease ends the fault unless renewed; a renewal never outlasts the duration; a scenario's phase
    // (parseObject) takes no lease.
    void leaseEndsTheFaultUnlessRenewed() {
        const FaultParseResult r =
            FaultCodec::parse(R"({"error_rate": 1, "duration_seconds": 30, "ttl_seconds": 10})");
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
        QCOMPARE(*r.fault->ttl, Duration(10s));
        FaultSet set;
        const TimePoint t0{};
        const int id = set.add(*r.fault, t0);
        QCOMPARE(set.find(id, t0)->expiresAt, t0 + 10s);
        const FaultLeaseParseResult lease = FaultCodec::parseLease(R"({"ttl_seconds": 10})");
        QVERIFY(lease.lease);
        QCOMPARE(set.renew(id, *lease.lease, t0 + 8s)->expiresAt, t0 + 18s);
        QCOMPARE(set.renew(id, *lease.lease, t0 + 17s)->expiresAt, t0 + 27s);
        QCOMPARE(set.renew(id, *lease.lease, t0 + 25s)->expiresAt, t0 + 30s); // never past the duration
        QCOMPARE(set.renew(id, *lease.lease, t0 + 25s)->stored.value("ttl_seconds").toDouble(), 10.0);
        QVERIFY(set.effect(QStringLiteral("x"), t0 + 29s).active);
        QVERIFY(!set.renew(id, *lease.lease, t0 + 30s)); // ended: nothing to renew
        QVERIFY(!set.remove(id, t0 + 30s));

        const int other = set.add(*r.fault, t0 + 40s);
        QVERIFY(!set.effect(QStringLiteral("x"), t0 + 50s).active); // not renewed: gone after 10 s
        QCOMPARE(set.remove(other, t0 + 45s)->id, other);
        QVERIFY(set.active(t0 + 45s).empty());

        QCOMPARE(FaultCodec::parseObject(QJsonObject{{"duration_seconds", 1}, {"ttl_seconds", 1}})
                     .errors.value(0)
                     .path,
                 QStringLiteral("ttl_seconds"));
    }

    void leaseRenewalRejectsWithPaths_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::newRow("missing") << QByteArray("{}") << "ttl_seconds";
        QTest::newRow("negative") << QByteArray(R"({"ttl_seconds": -1})") << "ttl_seconds";
        QTest::newRow("another key") << QByteArray(R"({"ttl_seconds": 5, "error_rate": 1})") << "error_rate";
        QTest::newRow("not an object") << QByteArray("[5]") << "";
    }
    void leaseRenewalRejectsWithPaths() {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        const FaultLeaseParseResult r = FaultCodec::parseLease(json);
        QVERIFY(!r.lease);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].path, path);
    }
};

QTEST_GUILESS_MAIN(tst_FaultSet)
#include "tst_faultset.moc"
