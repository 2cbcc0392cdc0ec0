// SPDX-License-Identifier: GPL-3.0-or-later
#include "probe/probeoptions.h"
#include "probe/probeprofile.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

class TestProbeOptions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void validate_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("error"); // a part of the one message; empty: valid
        QTest::newRow("valid") << "http://127.0.0.1:8080/x" << QByteArray("GET") << 20.0 << QString();
        QTest::newRow("https") << "https://example.org/" << QByteArray("POST") << 1.0 << QString();
        QTest::newRow("no scheme") << "localhost:8080" << QByteArray("GET") << 20.0 << "url: ";
        QTest::newRow("ftp") << "ftp://example.org/" << QByteArray("GET") << 20.0
                             << "scheme must be http or https";
        QTest::newRow("no host") << "http:///x" << QByteArray("GET") << 20.0 << "has no host";
        QTest::newRow("credentials") << "http://u:p@example.org/" << QByteArray("GET") << 20.0
                                     << "credentials in a URL are refused";
        QTest::newRow("empty") << "" << QByteArray("GET") << 20.0 << "is not a URL";
        QTest::newRow("lower-case method") << "http://h/" << QByteArray("get") << 20.0 << "method: ";
        QTest::newRow("rate 0") << "http://h/" << QByteArray("GET") << 0.0 << "rate: ";
        QTest::newRow("rate too high") << "http://h/" << QByteArray("GET") << 1e6 << "rate: ";
    }
    void validate() {
        QFETCH(QString, url);
        QFETCH(QByteArray, method);
        QFETCH(double, rate);
        QFETCH(QString, error);
        ProbeOptions o;
        o.url = QUrl(url, QUrl::StrictMode);
        o.request.method = method;
        o.load.rate = rate;
        o.load.duration = 1s;
        const QStringList errors = o.validate();
        if (error.isEmpty()) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        } else {
            QCOMPARE(errors.size(), 1);
            QVERIFY2(errors.first().contains(error), qPrintable(errors.first()));
        }
    }

    void needsALimit() {
        ProbeOptions o;
        o.url = QUrl(QStringLiteral("http://h/"));
        QCOMPARE(o.validate().size(), 1);
        o.load.requests = 0;
        QVERIFY(o.validate().first().startsWith(QLatin1String("requests")));
    }

    void managersFollowConcurrency_data() {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("managers");
        QTest::newRow("slow") << 1.0 << 1;    // 1/s x 1 s timeout: one connection
        QTest::newRow("60/s") << 60.0 << 10;  // 60 at once at worst: 10 managers of 6
        QTest::newRow("capped") << 1e5 << 64; // beyond 384 connections more buys nothing
    }
    void managersFollowConcurrency() {
        QFETCH(double, rate);
        QFETCH(int, managers);
        ProbeOptions o;
        o.load.rate = rate;
        o.policy.pipeline.timeout = TimeoutOptions{};
        o.policy.pipeline.timeout->perAttempt = 1s;
        QCOMPARE(o.managerCount(), managers);
    }

    void profiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("production") << "production" << true;
        QTest::newRow("staging") << "staging" << true;
        QTest::newRow("development") << "development" << true;
        QTest::newRow("unknown") << "prod" << false;
    }
    void profiles() {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        const ProbeProfileResult r = ProbeProfile::builtIn(name);
        QCOMPARE(r.policy.has_value(), ok);
        if (!ok)
            QVERIFY2(r.error.contains(QLatin1String("production, staging, development")),
                     qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestProbeOptions)
#include "tst_probeoptions.moc"
