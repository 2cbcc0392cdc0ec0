// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/eventlog.h"

#include <QLocale>
#include <QTest>

#include <set>
#include <thread>
#include <vector>

using namespace jimini;

namespace {
AgentEvent control(const QString& policy) {
    AgentEvent e;
    e.type = AgentEventType::Control;
    e.policy = policy;
    e.action = QStringLiteral("isolate");
    e.time = QDateTime(QDate(2026, 11, 29), QTime(2, 31), Qt::UTC);
    return e;
}
} // namespace

class tst_EventLog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void numbersFromOneWithoutHoles() {
        EventLog log;
        QCOMPARE(log.lastSequence(), quint64(0));
        QCOMPARE(log.firstRetained(), quint64(0));
        QCOMPARE(log.append(control("a")), quint64(1));
        QCOMPARE(log.append(control("b")), quint64(2));
        const EventSlice all = log.after(0);
        QCOMPARE(all.events.size(), std::size_t(2));
        QCOMPARE(all.events[0].sequence, quint64(1));
        QCOMPARE(all.events[1].policy, QStringLiteral("b"));
        QCOMPARE(all.next, quint64(3));
        QVERIFY(!all.gapFrom);
        QCOMPARE(log.after(1).events.size(), std::size_t(1));
        QCOMPARE(log.after(2).events.size(), std::size_t(0));
        QCOMPARE(log.after(~quint64(0)).events.size(), std::size_t(0));
    }

    void afterRespectsMax() {
        EventLog log;
        for (int i = 0; i < 10; ++i)
            log.append(control("p"));
        const EventSlice s = log.after(3, 4);
        QCOMPARE(s.events.size(), std::size_t(4));
        QCOMPARE(s.events.front().sequence, quint64(4));
        QCOMPARE(s.events.back().sequence, quint64(7));
    }

    void ringDropsOldestAndReportsGap_data() {
        QTest::addColumn<quint64>("after");
        QTest::addColumn<bool>("gap");
        QTest::addColumn<quint64>("firstSent");
        QTest::newRow("from the start: gap") << quint64(0) << true << quint64(1025);
        QTest::newRow("just before the first retained: gap") << quint64(1023) << true << quint64(1025);
        QTest::newRow("exactly the last dropped: no gap") << quint64(1024) << false << quint64(1025);
        QTest::newRow("inside the ring") << quint64(1500) << false << quint64(1501);
    }
    void ringDropsOldestAndReportsGap() {
        QFETCH(quint64, after);
        QFETCH(bool, gap);
        QFETCH(quint64, firstSent);
        EventLog log;
        QCOMPARE(log.capacity(), std::size_t(1024));
        for (int i = 0; i < 2048; ++i)
            log.append(control("p"));
        QCOMPARE(log.firstRetained(), quint64(1025));
        QCOMPARE(log.lastSequence(), quint64(2048));
        const EventSlice s = log.after(after);
        QCOMPARE(bool(s.gapFrom), gap);
        if (gap) {
            QCOMPARE(*s.gapFrom, after);
            QCOMPARE(s.gapTo, quint64(1025));
        }
        QCOMPARE(s.events.front().sequence, firstSent);
        QCOMPARE(s.events.back().sequence, quint64(2048));
    }

    void listenerSeesEverySequence() {
        EventLog log;
        std::vector<quint64> seen;
        const ListenerHandle handle = log.addListener([&](std::uint64_t s) { seen.push_back(s); });
        log.append(control("a"));
        log.append(control("b"));
        QCOMPARE(seen, (std::vector<quint64>{1, 2}));
    }

    void twoListenersBothHearAndDropIndependently() {
        EventLog log;
        std::vector<quint64> first;
        std::vector<quint64> second;
        ListenerHandle firstHandle = log.addListener([&](std::uint64_t s) { first.push_back(s); });
        ListenerHandle secondHandle = log.addListener([&](std::uint64_t s) { second.push_back(s); });
        log.append(control("a"));
        secondHandle.reset();
        log.append(control("b"));
        QCOMPARE(first, (std::vector<quint64>{1, 2}));
        QCOMPARE(second, (std::vector<quint64>{1}));
        firstHandle.reset();
        log.append(control("c"));
        QCOMPARE(first, (std::vector<quint64>{1, 2}));
    }

    void jsonOfEachType() {
        AgentEvent e = control(QStringLiteral("default"));
        e.sequence = 43;
        e.ttlSeconds = 300;
        e.before = QStringLiteral("closed");
        e.after = QStringLiteral("isolated");
        e.actor = QStringLiteral("bearer:3f9a");
        const QJsonObject o = e.toJson();
        QCOMPARE(o.value("type").toString(), QStringLiteral("control"));
        QCOMPARE(o.value("sequence").toInteger(), 43);
        QCOMPARE(o.value("time").toString(), QStringLiteral("2026-11-29T02:31:00.000Z"));
        QCOMPARE(o.value("ttl_seconds").toDouble(), 300.0);
        QCOMPARE(o.value("after").toString(), QStringLiteral("isolated"));
        QVERIFY(!o.contains("from"));

        AgentEvent t;
        t.type = AgentEventType::Transition;
        t.from = QStringLiteral("closed");
        t.to = QStringLiteral("open");
        t.reason = QStringLiteral("failure_threshold");
        const QJsonObject to = t.toJson();
        QCOMPARE(to.value("to").toString(), QStringLiteral("open"));
        QCOMPARE(to.value("actor").toString(), QStringLiteral("system"));
        QVERIFY(to.value("policy").isNull());
        QVERIFY(!to.contains("action"));
    }

    void concurrentAppendsGetDistinctDenseSequences() {
        EventLog log(100000);
        constexpr int threads = 4;
        constexpr int perThread = 2000;
        std::vector<std::vector<quint64>> got(threads);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (int i = 0; i < perThread; ++i)
                    got[t].push_back(log.append(control("p")));
            });
        for (auto& th : pool)
            th.join();
        std::set<quint64> all;
        for (const auto& g : got) {
            QVERIFY(std::is_sorted(g.begin(), g.end()));
            all.insert(g.begin(), g.end());
        }
        QCOMPARE(all.size(), std::size_t(threads * perThread));
        QCOMPARE(*all.begin(), quint64(1));
        QCOMPARE(*all.rbegin(), quint64(threads * perThread));
        const EventSlice s = log.after(0);
        for (std::size_t i = 0; i < s.events.size(); ++i)
            QCOMPARE(s.events[i].sequence, quint64(i + 1));
    }
};

QTEST_GUILESS_MAIN(tst_EventLog)
#include "tst_eventlog.moc"
