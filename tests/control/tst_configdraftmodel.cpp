// SPDX-License-Identifier: GPL-3.0-or-later
// The draft model: where a syntax error is (line, column in characters, not bytes), strict JSON caught
// with its place, field errors by path, and field edits that rewrite the text (refused on non-objects).
#include "control/configdraftmodel.h"

#include <QLocale>
#include <QSignalSpy>
#include <QtTest>

using namespace jimini;

class tst_ConfigDraftModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void syntaxErrorAt_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("start") << QByteArray("x") << qsizetype(0) << 1 << 1;
        QTest::newRow("second line") << QByteArray("{\n  x") << qsizetype(4) << 2 << 3;
        QTest::newRow("after a multi-byte character") << QByteArray("{\"é\" x") << qsizetype(6) << 1 << 6;
        QTest::newRow("past the end is clamped") << QByteArray("ab") << qsizetype(99) << 1 << 3;
    }

    void syntaxErrorAt() {
        QFETCH(QByteArray, text);
        QFETCH(qsizetype, offset);
        QFETCH(int, line);
        QFETCH(int, column);
        const JsonSyntaxError e = ConfigDraftModel::syntaxErrorAt(text, offset, QStringLiteral("m"));
        QCOMPARE(e.line, line);
        QCOMPARE(e.column, column);
        QCOMPARE(e.toString(), QStringLiteral("line %1, column %2: m").arg(line).arg(column));
    }

    void checksAsTheAgentDoes() {
        ConfigDraftModel draft;
        QSignalSpy changed(&draft, &ConfigDraftModel::changed);
        draft.setText(R"({"environment": "x", "policies": {"p": {"retry": {"max_attempts": 0}}}})");
        QCOMPARE(changed.size(), 1);
        QVERIFY(!draft.syntaxError());
        QVERIFY(!draft.config());
        QCOMPARE(draft.errors().size(), 1);
        QCOMPARE(draft.errors().front().path, QStringLiteral("policies.p.retry.max_attempts"));

        QVERIFY(draft.setField({"policies", "p", "retry", "max_attempts"}, 4));
        QVERIFY(draft.config().has_value());
        QVERIFY(draft.text().contains("\"max_attempts\": 4"));
        QCOMPARE(draft.effectiveValue({"policies", "p", "retry", "max_delay"}), QJsonValue(10)); // default
        QVERIFY(draft.writtenValue({"policies", "p", "retry", "max_delay"}).isUndefined());

        draft.setText("{\"a\": 1, \"a\": 2}");
        QVERIFY(draft.syntaxError().has_value());
        QVERIFY(draft.syntaxError()->message.contains(QStringLiteral("duplicate key")));
        QCOMPARE(draft.syntaxError()->column, 10);

        draft.setText("[1]");
        QVERIFY(!draft.setField({"environment"}, "x"));
        QCOMPARE(draft.text(), QByteArray("[1]"));
    }
};

QTEST_GUILESS_MAIN(tst_ConfigDraftModel)
#include "tst_configdraftmodel.moc"
