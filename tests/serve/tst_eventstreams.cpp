// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/eventstreams.h"

#include "serve/agent.h"
#include "serve/agentserver.h"

#include "httptestclient.h"
#include "rawhttpclient.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

class tst_EventStreams : public QObject {
    Q_OBJECT
    std::unique_ptr<Agent> m_agent;

    const EventStreams& streams() const { return m_agent->server()->streams(); }
    std::unique_ptr<RawHttpClient> subscribe(const QByteArray& query) {
        auto c = std::make_unique<RawHttpClient>();
        if (!c->connectTo(m_agent->port()))
            return nullptr;
        c->send("GET /resilience/v1/stream" + query + " HTTP/1.1\r\nHost: a\r\n\r\n");
        return c;
    }
    void advance(Duration d) {
        m_agent->simulatedScheduler()->advance(d);
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init() {
        AgentOptions o;
        o.callsPerSecond = 0;
        o.simulatedTime = true;
        o.http.maxStreams = 12;
        m_agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
        QString error;
        QVERIFY2(m_agent->start(&error), qPrintable(error));
    }
    void cleanup() { m_agent.reset(); }

    // Ten subscribers, ten seconds: every one gets a health event a second, and the agent builds one
    // document a tick for all of them, not one per subscriber.
    void subscribersShareEachTicksDocument() {
        std::vector<std::unique_ptr<RawHttpClient>> subscribers;
        for (int i = 0; i < 10; ++i) {
            subscribers.push_back(subscribe("?interval=1"));
            QVERIFY(subscribers.back());
        }
        QVERIFY(QTest::qWaitFor([&] { return streams().count() == 10; }));
        for (int second = 0; second < 10; ++second) {
            advance(500ms);
            advance(500ms);
        }
        for (auto& c : subscribers)
            QVERIFY(c->waitFor([&] { return c->received.count("event: health") >= 10; }));
        QVERIFY2(streams().healthBuilds() <= 12, qPrintable(QString::number(streams().healthBuilds())));
    }

    void refusals_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("under the minimum interval")
            << QByteArray("?interval=0.1") << 422 << QByteArray("[0.5, 3600]");
        QTest::newRow("not a number") << QByteArray("?interval=soon") << 422 << QByteArray("interval");
        QTest::newRow("over an hour") << QByteArray("?interval=3601") << 422 << QByteArray("interval");
    }
    void refusals() {
        QFETCH(QByteArray, query);
        QFETCH(int, status);
        QFETCH(QByteArray, says);
        auto c = subscribe(query);
        QVERIFY(c && c->waitFor([&] { return c->received.contains("}"); }));
        QCOMPARE(c->status(), status);
        QVERIFY2(c->received.contains(says), c->received.constData());
        QCOMPARE(streams().count(), std::size_t(0));
    }

    // Past the cap: 503 with Retry-After; a place freed by a subscriber that left is taken again.
    void capRefusesAndFrees() {
        std::vector<std::unique_ptr<RawHttpClient>> in;
        for (int i = 0; i < 12; ++i)
            in.push_back(subscribe({}));
        QVERIFY(QTest::qWaitFor([&] { return streams().count() == 12; }));
        auto extra = subscribe({});
        QVERIFY(extra->waitFor([&] { return extra->received.contains("}"); }));
        QCOMPARE(extra->status(), 503);
        QVERIFY(extra->received.contains("too-many-streams"));
        QVERIFY(extra->received.contains("Retry-After: 5\r\n"));
        in.front()->socket.abort();
        QVERIFY(QTest::qWaitFor([&] { return streams().count() == 11; }));
        auto again = subscribe({});
        QVERIFY(again->waitFor([&] { return again->received.contains("event: health"); }));
        QCOMPARE(again->status(), 200);
        QCOMPARE(streams().count(), std::size_t(12));
    }
};

QTEST_GUILESS_MAIN(tst_EventStreams)
#include "tst_eventstreams.moc"
