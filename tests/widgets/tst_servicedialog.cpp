// SPDX-License-Identifier: GPL-3.0-or-later
// File > Add service: every setting of a workspace entry, and a refused entry keeps what was typed and says
// which field is wrong, in the dialog.
#include "widgets/workspace/servicedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using namespace jimini;

class tst_ServiceDialog : public QObject {
    Q_OBJECT
private:
    static void type(QWidget& dialog, const char* name, const QString& text) {
        auto* edit = dialog.findChild<QLineEdit*>(QLatin1String(name));
        QVERIFY(edit);
        edit->setText(text);
    }
    static void clickAdd(QWidget& dialog) {
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void addsEverySetting() {
        QStringList held;
        ServiceDialog dialog(QStringLiteral("memory"),
                             [&held](const QString& id, const QByteArray& token, QString*) {
                                 held << id + QLatin1Char('=') + QString::fromUtf8(token);
                                 return true;
                             });
        QSignalSpy added(&dialog, &ServiceDialog::added);
        dialog.open(); // no event loop of its own
        QVERIFY(dialog.isVisible());
        type(dialog, "url", QStringLiteral("127.0.0.1:8081"));
        type(dialog, "environment", QStringLiteral("staging"));
        type(dialog, "group", QStringLiteral("shop"));
        type(dialog, "token", QStringLiteral("abc"));
        dialog.findChild<QSpinBox*>(QStringLiteral("interval"))->setValue(2500);
        dialog.findChild<QComboBox*>(QStringLiteral("mode"))->setCurrentIndex(1);
        dialog.findChild<QComboBox*>(QStringLiteral("kind"))->setCurrentIndex(1);
        clickAdd(dialog);
        QCOMPARE(added.count(), 1);
        const auto endpoint = added.at(0).at(0).value<ServiceEndpoint>();
        QCOMPARE(endpoint.id(), QStringLiteral("http://127.0.0.1:8081"));
        QCOMPARE(endpoint.environment, QStringLiteral("staging"));
        QCOMPARE(endpoint.group, QStringLiteral("shop"));
        QCOMPARE(endpoint.interval.count(), 2500);
        QCOMPARE(int(endpoint.mode), int(ServiceEndpoint::Mode::Stream));
        QCOMPARE(int(endpoint.kind), int(ServiceEndpoint::Kind::Guide));
        QVERIFY(added.at(0).at(1).toString().startsWith(QLatin1String("no scheme given, http assumed")));
        QCOMPARE(held, QStringList{"http://127.0.0.1:8081=abc"});
        QVERIFY(!dialog.isVisible());
    }

    void refusedEntryStaysWithTheError_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("tokenFile");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("error"); // a prefix of it
        QTest::newRow("bad URL") << "ftp://h"
                                 << ""
                                 << ""
                                 << "URL: \"ftp://h\": scheme";
        QTest::newRow("no URL") << ""
                                << ""
                                << ""
                                << "URL: give the service's";
        QTest::newRow("missing token file") << "h:1"
                                            << "/nonexistent/token"
                                            << ""
                                            << "Token file: ";
        QTest::newRow("token refused") << "h:1"
                                       << ""
                                       << "bad token"
                                       << "Token: refused for the test";
        QTest::newRow("token file and token") << "h:1"
                                              << "/nonexistent/token"
                                              << "abc"
                                              << "Token file: "; // the file is checked first
    }
    void refusedEntryStaysWithTheError() {
        QFETCH(QString, url);
        QFETCH(QString, tokenFile);
        QFETCH(QString, token);
        QFETCH(QString, error);
        ServiceDialog dialog(QStringLiteral("memory"), [](const QString&, const QByteArray&, QString* why) {
            *why = QStringLiteral("refused for the test");
            return false;
        });
        QSignalSpy added(&dialog, &ServiceDialog::added);
        dialog.open();
        type(dialog, "url", url);
        type(dialog, "group", QStringLiteral("shop"));
        type(dialog, "tokenFile", tokenFile);
        type(dialog, "token", token);
        clickAdd(dialog);
        QCOMPARE(added.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().startsWith(error), qPrintable(dialog.errorText()));
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("error"))->isVisible());
        // What was typed is still there, to be corrected.
        QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("url"))->text(), url);
        QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("group"))->text(), QStringLiteral("shop"));
        QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("tokenFile"))->text(), tokenFile);
    }
};

QTEST_MAIN(tst_ServiceDialog)
#include "tst_servicedialog.moc"
