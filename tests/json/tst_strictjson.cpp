// SPDX-License-Identifier: GPL-3.0-or-later
// What QJsonDocument lets through (duplicate keys, NUL, lone surrogates, raw control characters, deep
// nesting) found over the raw bytes, with the path and offset of the first one.
#include "json/strictjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace jimini;

namespace {
QByteArray nested(int depth) {
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}
} // namespace

class tst_StrictJson : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void issues_data();
    void issues();
    void cleanDocuments_data();
    void cleanDocuments();
    void syntaxErrorsAreLeftToTheParser_data();
    void syntaxErrorsAreLeftToTheParser();
    void duplicateKeepsTheLastInQt();
};

void tst_StrictJson::issues_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qsizetype>("offset");
    const auto row = [](const char* name, const QByteArray& json, const char* path, const char* message,
                        qsizetype offset) {
        QTest::newRow(name) << json << QString::fromUtf8(path) << QString::fromUtf8(message) << offset;
    };
    row("duplicate key", R"({"a": 1, "a": 2})", "a", "duplicate key at offset 9", 9);
    row("duplicate through an escape", R"({"a": 1, "\u0061": 2})", "a", "duplicate key at offset 9", 9);
    row("duplicate policy", R"({"policies": {"x": {}, "y": {}, "x": {}}})", "policies.x",
        "duplicate key at offset 32", 32);
    row("duplicate deep", R"({"p": {"x": {"retry": {"max_attempts": 1, "max_attempts": 2}}}})",
        "p.x.retry.max_attempts", "duplicate key at offset 42", 42);
    row("duplicate in an array's object", R"({"a": [{}, {"k": 1, "k": 1}]})", "a[1].k",
        "duplicate key at offset 20", 20);
    row("NUL in a value", R"({"reason": "a\u0000b"})", "reason", "NUL character (\\u0000) at offset 13", 13);
    row("NUL in a key", R"({"a\u0000": 1})", "a\\u0000", "NUL character (\\u0000) in a key at offset 3", 3);
    row("NUL in an array", R"({"a": [1, "\u0000"]})", "a[1]", "NUL character (\\u0000) at offset 11", 11);
    row("NUL in a nested key", R"({"status_mix": {"5\u000000": 1}})", "status_mix.5\\u000000",
        "NUL character (\\u0000) in a key at offset 18", 18);
    row("lone high surrogate", R"({"reason": "\ud800"})", "reason", "lone surrogate \\ud800 at offset 12",
        12);
    row("high surrogate then a letter", R"({"reason": "\uD800\u0041"})", "reason",
        "lone surrogate \\ud800 at offset 12", 12);
    row("lone low surrogate", R"({"reason": "x\udc00"})", "reason", "lone surrogate \\udc00 at offset 13",
        13);
    row("pair in the wrong order", R"({"reason": "\udc00\ud800"})", "reason",
        "lone surrogate \\udc00 at offset 12", 12);
    row("lone surrogate in a key", R"({"\ud800": 1})", "\\ud800",
        "lone surrogate \\ud800 in a key at offset 2", 2);
    row("raw control character", "{\"a\": \"x\x01\"}", "a", "unescaped control character U+0001 at offset 8",
        8);
    row("raw tab", "{\"a\": \"x\ty\"}", "a", "unescaped control character U+0009 at offset 8", 8);
    row("invalid escape", R"({"a": "\q"})", "a", "invalid escape \\q at offset 7", 7);
    row("invalid escape of a control character, then NULs",
        QByteArray("[\"\\\x0b\0\0\0"
                   "00\"]",
                   11),
        "[0]", "invalid escape: \\ then byte 0x0b at offset 2", 2);
    row("the first of two", R"({"a": "\u0000", "a": 2})", "a", "NUL character (\\u0000) at offset 7", 7);
    row("too deep", nested(StrictJson::maxDepth + 1),
        QByteArray("[0]").repeated(StrictJson::maxDepth).constData(),
        "nested deeper than 64 levels at offset 64", 64);
}

void tst_StrictJson::issues() {
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(qsizetype, offset);
    // Qt's parser takes every one of these without a word.
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);

    const std::optional<StrictJsonIssue> issue = StrictJson::check(json);
    QVERIFY(issue);
    QCOMPARE(issue->path, path);
    QCOMPARE(issue->message, message);
    QCOMPARE(issue->offset, offset);
}

void tst_StrictJson::cleanDocuments_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("same key in sibling objects") << QByteArray(R"({"a": {"k": 1}, "b": {"k": 1}})");
    QTest::newRow("same key at two depths") << QByteArray(R"({"k": {"k": {"k": [{"k": 1}, {"k": 2}]}}})");
    QTest::newRow("a surrogate pair") << QByteArray(R"({"emoji": "\ud83d\ude00", "\uD83D\uDE00": 1})");
    QTest::newRow("escapes") << QByteArray(R"({"a": "\"\\\/\b\f\n\r\t\u0001\u00e9", "a\"": 1, "a\\": 2})");
    QTest::newRow("raw UTF-8") << QByteArray("{\"caf\xc3\xa9\": \"\xe2\x82\xac\"}");
    QTest::newRow("scalars") << QByteArray(R"({"n": -1.5e-3, "t": true, "f": false, "z": null, "l": []})");
    QTest::newRow("as deep as allowed") << nested(StrictJson::maxDepth);
    QTest::newRow("whitespace") << QByteArray(" \r\n\t{ \"a\" : [ 1 , 2 ] } \n");
}

void tst_StrictJson::cleanDocuments() {
    QFETCH(QByteArray, json);
    const std::optional<StrictJsonIssue> issue = StrictJson::check(json);
    QVERIFY2(!issue, issue ? qPrintable(issue->path + QLatin1String(": ") + issue->message) : "");
}

void tst_StrictJson::syntaxErrorsAreLeftToTheParser_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("unterminated object") << QByteArray(R"({"a": )");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("unterminated string") << QByteArray(R"({"a": "x)");
    QTest::newRow("short escape") << QByteArray(R"({"a": "\u12)");
    QTest::newRow("key not a string") << QByteArray(R"({1: 2})");
    QTest::newRow("trailing backslash") << QByteArray("{\"a\": \"\\");
    QTest::newRow("closing only") << QByteArray("}]");
}

void tst_StrictJson::syntaxErrorsAreLeftToTheParser() {
    QFETCH(QByteArray, json);
    QVERIFY(!StrictJson::check(json));
}

void tst_StrictJson::duplicateKeepsTheLastInQt() {
    // Why the check exists: Qt silently keeps one of two values.
    const QJsonObject o = QJsonDocument::fromJson(R"({"state": "isolated", "state": "auto"})").object();
    QCOMPARE(o.size(), 1);
    QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("auto"));
}

QTEST_GUILESS_MAIN(tst_StrictJson)
#include "tst_strictjson.moc"
