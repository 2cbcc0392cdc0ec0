// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON type wording that config and health messages share ("expected a number, found a string").
#include "json/jsontypename.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace jimini;

class tst_JsonTypeName : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void names_data();
    void names();
    void missingKeyIsNothing();
};

void tst_JsonTypeName::initTestCase() {
    QLocale::setDefault(QLocale::c());
}

void tst_JsonTypeName::names_data() {
    QTest::addColumn<QByteArray>("json"); // the value of key "v" in a parsed document
    QTest::addColumn<QString>("name");
    QTest::newRow("null") << QByteArray("null") << QStringLiteral("null");
    QTest::newRow("true") << QByteArray("true") << QStringLiteral("a boolean");
    QTest::newRow("false") << QByteArray("false") << QStringLiteral("a boolean");
    QTest::newRow("integer") << QByteArray("42") << QStringLiteral("a number");
    QTest::newRow("negative fraction") << QByteArray("-0.25") << QStringLiteral("a number");
    QTest::newRow("string") << QByteArray("\"42\"") << QStringLiteral("a string");
    QTest::newRow("empty string") << QByteArray("\"\"") << QStringLiteral("a string");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("an array");
    QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("an array");
    QTest::newRow("object") << QByteArray("{\"a\": 1}") << QStringLiteral("an object");
    QTest::newRow("empty object") << QByteArray("{}") << QStringLiteral("an object");
}

void tst_JsonTypeName::names() {
    QFETCH(QByteArray, json);
    QFETCH(QString, name);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("{\"v\": " + json + "}", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(JsonTypeName::of(doc.object().value(QLatin1String("v"))), name);
}

void tst_JsonTypeName::missingKeyIsNothing() {
    // What a reader finds for an absent key: undefined, spelt "nothing".
    const QJsonObject empty;
    QCOMPARE(JsonTypeName::of(empty.value(QLatin1String("absent"))), QStringLiteral("nothing"));
    QCOMPARE(JsonTypeName::of(QJsonValue(QJsonValue::Undefined)), QStringLiteral("nothing"));
}

QTEST_GUILESS_MAIN(tst_JsonTypeName)
#include "tst_jsontypename.moc"
