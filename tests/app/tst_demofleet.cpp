// SPDX-License-Identifier: GPL-3.0-or-later
// The demo fleet: a dozen agents across four services, one of each kind of trouble, restarts on its port.
#include "serve/agent.h"
#include "serve/demofleet.h"
#include "sim/faultset.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <memory>

using namespace jimini;

class tst_DemoFleet : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void startsTwelveAgentsInFourServices();
    void downMemberComesBackOnItsPort();
    void flappingMemberOpensItsBreaker();
};

void tst_DemoFleet::startsTwelveAgentsInFourServices() {
    DemoFleet::Options options;
    options.scripted = false;
    DemoFleet fleet(options);
    QString error;
    QVERIFY2(fleet.start(&error), qPrintable(error));
    QCOMPARE(fleet.members().size(), 12);
    QMap<QString, int> perService;
    int flapping = 0, down = 0, limited = 0;
    for (int i = 0; i < fleet.members().size(); ++i) {
        const DemoFleet::Member& member = fleet.members()[i];
        ++perService[member.service];
        flapping += member.role == DemoFleet::Role::Flapping;
        down += member.role == DemoFleet::Role::DownAndUp;
        limited += member.role == DemoFleet::Role::RateLimited;
        QVERIFY(fleet.agent(i));
        QCOMPARE(fleet.agent(i)->identity().service, member.service);
        QCOMPARE(fleet.agent(i)->baseUrl(), member.baseUrl);
        QVERIFY(member.baseUrl.port() > 0);
    }
    const QMap<QString, int> expected{{"payments", 3}, {"inventory", 3}, {"search", 4}, {"notifications", 2}};
    QCOMPARE(perService, expected);
    QCOMPARE(flapping, 1);
    QCOMPARE(down, 1);
    QCOMPARE(limited, 1);

    // Every agent answers its health document over HTTP.
    QNetworkAccessManager network;
    QUrl url = fleet.members()[5].baseUrl;
    url.setPath(QStringLiteral("/resilience/v1/health"));
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("\"inventory\""));
    fleet.stop();
    QVERIFY(!fleet.agent(0));
}

void tst_DemoFleet::downMemberComesBackOnItsPort() {
    DemoFleet::Options options;
    options.scripted = false;
    DemoFleet fleet(options);
    QString error;
    QVERIFY2(fleet.start(&error), qPrintable(error));
    const QUrl before = fleet.members()[4].baseUrl;
    QSignalSpy stopped(&fleet, &DemoFleet::memberStopped);
    QSignalSpy restarted(&fleet, &DemoFleet::memberRestarted);
    fleet.stopMember(4);
    QVERIFY(!fleet.agent(4));
    QCOMPARE(stopped.size(), 1);
    QVERIFY2(fleet.restartMember(4, &error), qPrintable(error));
    QCOMPARE(restarted.size(), 1);
    QVERIFY(fleet.agent(4));
    QCOMPARE(fleet.agent(4)->baseUrl(), before);
}

void tst_DemoFleet::flappingMemberOpensItsBreaker() {
    DemoFleet::Options options;
    options.firstFlap = std::chrono::milliseconds(10);
    options.firstDown = std::chrono::hours(1);
    DemoFleet fleet(options);
    QString error;
    QVERIFY2(fleet.start(&error), qPrintable(error));
    Agent* flapping = fleet.agent(1);
    QCOMPARE(fleet.members()[1].role, DemoFleet::Role::Flapping);
    const auto open = [flapping] {
        for (const PolicyHealth& policy : flapping->health().policies) {
            if (policy.circuitBreaker && policy.circuitBreaker->state == BreakerState::Open)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(open(), 10000);
    // The rate-limited member carries a standing 429 fault.
    Agent* limited = fleet.agent(8);
    QTRY_VERIFY_WITH_TIMEOUT(!limited->faults().active(limited->now()).empty(), 5000);
}

QTEST_MAIN(tst_DemoFleet)
#include "tst_demofleet.moc"
