// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/sourcemanager.h"

#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "serve/agent.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace jimini;
using namespace std::chrono_literals;

class tst_SourceManager : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void readsOnAWorkerThreadAndDeliversQueued() {
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 0;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));

        QThread worker;
        auto* manager = new SourceManager(ConsoleClock::live(), standardSourceFactory());
        manager->moveToThread(&worker);
        connect(&worker, &QThread::finished, manager, &QObject::deleteLater);
        worker.start();
        QSignalSpy samples(manager, &SourceManager::sampleReady);
        QThread* deliveredOn = nullptr;
        connect(manager, &SourceManager::sampleReady, this, [&] { deliveredOn = QThread::currentThread(); });

        ServiceEndpoint e;
        e.baseUrl = agent.baseUrl();
        e.interval = 100ms;
        QMetaObject::invokeMethod(manager, "addEndpoint", Q_ARG(jimini::ServiceEndpoint, e));
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 10000);
        const SourceSample s = samples.at(0).at(0).value<SourceSample>();
        QCOMPARE(toString(s.status), toString(SourceStatus::Ok));
        QCOMPARE(s.endpointId, e.id());
        QCOMPARE(deliveredOn, QThread::currentThread());

        QMetaObject::invokeMethod(manager, "removeEndpoint", Qt::BlockingQueuedConnection,
                                  Q_ARG(QString, e.id()));
        int count = -1;
        QMetaObject::invokeMethod(
            manager, [&] { count = manager->count(); }, Qt::BlockingQueuedConnection);
        QCOMPARE(count, 0);
        QCoreApplication::processEvents(); // samples already queued to us
        const qsizetype after = samples.size();
        QVERIFY(!samples.wait(400)); // four intervals: nothing more comes
        QCOMPARE(samples.size(), after);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }
};

QTEST_GUILESS_MAIN(tst_SourceManager)
#include "tst_sourcemanager.moc"
