// SPDX-License-Identifier: GPL-3.0-or-later
// The operator's name: the preference when it says something, else the OS account, always cleaned.
#include "control/operatoridentity.h"

#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace jimini;

class tst_OperatorIdentity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void osUserIsTheAccountRunningUs() {
        const passwd* entry = getpwuid(geteuid());
        QVERIFY(entry);
        QCOMPARE(OperatorIdentity::osUser(), QString::fromLocal8Bit(entry->pw_name));
    }

    void current_data() {
        QTest::addColumn<QVariant>("preference"); // invalid: not set
        QTest::addColumn<QString>("expected");    // empty: the OS user
        QTest::newRow("not set") << QVariant() << QString();
        QTest::newRow("empty") << QVariant(QString()) << QString();
        QTest::newRow("blank") << QVariant(QStringLiteral("   ")) << QString();
        QTest::newRow("only control characters") << QVariant(QStringLiteral("\n\t")) << QString();
        QTest::newRow("set") << QVariant(QStringLiteral("Ada Lovelace")) << QStringLiteral("Ada Lovelace");
        QTest::newRow("cleaned") << QVariant(QStringLiteral(" ada\r\n ")) << QStringLiteral("ada");
        QTest::newRow("bounded") << QVariant(QString(200, 'q')) << QString(64, 'q');
    }
    void current() {
        QFETCH(QVariant, preference);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QSettings settings(dir.filePath("console.ini"), QSettings::IniFormat);
        if (preference.isValid())
            settings.setValue(QLatin1String(OperatorIdentity::settingsKey), preference);
        const QString name = OperatorIdentity::current(settings);
        QCOMPARE(name, expected.isEmpty() ? OperatorIdentity::osUser() : expected);
        QVERIFY(!name.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_OperatorIdentity)
#include "tst_operatoridentity.moc"
