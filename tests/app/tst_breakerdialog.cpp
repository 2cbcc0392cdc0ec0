// SPDX-License-Identifier: GPL-3.0-or-later
// The breaker dialog, offscreen: OK needs a reason, a valid TTL and, in production, the service's name
// typed; it names environment, service, policy and instance count, says what the command does, and
// "return to automatic" takes no TTL and starts on the policy in a manual state, saying what it leaves.
#include "widgets/breakers/breakerdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

using namespace jimini;
using Command = ControlClient::BreakerCommand;

namespace {
BreakerSubject subject(const QString& environment) {
    BreakerSubject s;
    s.title = QStringLiteral("3 instances of orders");
    s.environment = environment;
    s.service = QStringLiteral("orders");
    s.instances = 3;
    s.policies = {QStringLiteral("dep"), QStringLiteral("db")};
    s.manualStates.insert(QStringLiteral("db"), QStringLiteral("isolated"));
    return s;
}

QPushButton* ok(BreakerDialog& d) {
    return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}
} // namespace

class tst_BreakerDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void okNeedsReasonTtlAndTypedName_data() {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("custom"); // empty: the 5 min preset
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("staging, all given") << "staging"
                                            << "drill"
                                            << ""
                                            << "" << true;
        QTest::newRow("no reason") << "staging"
                                   << " "
                                   << ""
                                   << "" << false;
        QTest::newRow("custom ttl ok") << "staging"
                                       << "drill"
                                       << "90s"
                                       << "" << true;
        QTest::newRow("custom ttl bad") << "staging"
                                        << "drill"
                                        << "1.5h"
                                        << "" << false;
        QTest::newRow("production untyped") << "production"
                                            << "drill"
                                            << ""
                                            << "" << false;
        QTest::newRow("production wrong name") << "production"
                                               << "drill"
                                               << ""
                                               << "order" << false;
        QTest::newRow("production typed") << "production"
                                          << "drill"
                                          << ""
                                          << "orders" << true;
        QTest::newRow("prod any case typed") << "PROD"
                                             << "drill"
                                             << ""
                                             << "orders" << true;
        QTest::newRow("Prod untyped") << "Prod"
                                      << "drill"
                                      << ""
                                      << "" << false;
        QTest::newRow("production-like name is not production") << "preprod"
                                                                << "drill"
                                                                << ""
                                                                << "" << true;
    }
    void okNeedsReasonTtlAndTypedName() {
        QFETCH(QString, environment);
        QFETCH(QString, reason);
        QFETCH(QString, custom);
        QFETCH(QString, typed);
        QFETCH(bool, enabled);
        BreakerDialog d(subject(environment), Command::Isolate);
        auto* ttl = d.findChild<QComboBox*>("ttl");
        QVERIFY(ttl);
        QCOMPARE(ttl->count(), 5); // until changed, 5 min, 15 min, 1 h, custom
        d.findChild<QLineEdit*>("reason")->setText(reason);
        if (custom.isEmpty()) {
            ttl->setCurrentIndex(1);
            QCOMPARE(d.ttlSeconds().value_or(-1), 300);
        } else {
            ttl->setCurrentIndex(ttl->count() - 1);
            d.findChild<QLineEdit*>("customTtl")->setText(custom);
        }
        d.findChild<QLineEdit*>("typedName")->setText(typed);
        QCOMPARE(ok(d)->isEnabled(), enabled);
        QCOMPARE(d.needsTypedName(),
                 environment.toLower() == "production" || environment.toLower() == "prod");
        if (enabled && !custom.isEmpty())
            QCOMPARE(d.ttlSeconds().value_or(-1), 90);
    }

    void confirmationNamesWhatItTouches() {
        BreakerDialog d(subject("production"), Command::Disable);
        const QString summary = d.findChild<QLabel*>("summary")->text();
        QVERIFY2(summary.contains("production") && summary.contains("orders") && summary.contains("dep") &&
                     summary.contains("3 instances"),
                 qPrintable(summary));
        auto* policy = d.findChild<QComboBox*>("policy");
        policy->setCurrentIndex(policy->count() - 1); // all policies
        QVERIFY(d.policy().isEmpty());
        QVERIFY2(d.findChild<QLabel*>("summary")->text().contains("every policy"),
                 qPrintable(d.findChild<QLabel*>("summary")->text()));
        bool explained = false;
        for (const QLabel* label : d.findChildren<QLabel*>())
            explained |= label->text() == BreakerDialog::explanation(Command::Disable);
        QVERIFY(explained);
        QVERIFY(BreakerDialog::explanation(Command::Disable).contains("forces the breaker closed"));
        QVERIFY(BreakerDialog::explanation(Command::Isolate).contains("forces the breaker open"));
    }

    void automaticStartsOnTheManualPolicy() {
        BreakerDialog d(subject("staging"), Command::Auto);
        QCOMPARE(d.policy(), QStringLiteral("db"));
        QCOMPARE(d.findChild<QLabel*>("returnsFrom")->text(),
                 QStringLiteral("Returns policy db to automatic from isolated."));
        d.findChild<QLineEdit*>("reason")->setText("over");
        QVERIFY(ok(d)->isEnabled());
        QVERIFY(!d.ttlSeconds());
        QVERIFY(d.findChild<QComboBox*>("ttl")->isHidden());
    }
};

QTEST_MAIN(tst_BreakerDialog)
#include "tst_breakerdialog.moc"
