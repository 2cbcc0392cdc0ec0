// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way rebase of a draft onto a config that changed underneath it: what the draft takes over,
// what conflicts, and the merged document, row by row; and the diff's wording.
#include "control/configdifftext.h"
#include "control/configmerge.h"

#include "config/configcodec.h"
#include "config/configdiff.h"

#include <QJsonDocument>
#include <QLocale>
#include <QtTest>

using namespace jimini;

namespace {

// The production profile's policy, spelled out where rows change it.
QByteArray config(const QString& defaultPolicy, const QString& more = QString()) {
    return QStringLiteral(R"({"environment": "production", "policies": {"default": {%1}%2}})")
        .arg(defaultPolicy, more.isEmpty() ? QString() : QStringLiteral(", ") + more)
        .toUtf8();
}

const QString kBase = QStringLiteral(
    R"("retry": {"max_attempts": 3, "initial_delay": 1, "max_delay": 10}, "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 30)");

ResilienceConfig parsed(const QByteArray& json) {
    ConfigParseResult result = ConfigCodec::parse(json);
    if (!result.ok())
        qFatal("test config does not parse: %s", qPrintable(result.errors.front().toString()));
    return *result.config;
}

QJsonObject object(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

QStringList pathsOf(const QList<ConfigConflict>& conflicts) {
    QStringList out;
    for (const ConfigConflict& c : conflicts)
        out.append(c.path);
    return out;
}

QStringList pathsOf(const QList<ConfigTakenChange>& taken) {
    QStringList out;
    for (const ConfigTakenChange& c : taken)
        out.append(c.path);
    return out;
}

QByteArray serialized(const QJsonObject& object) {
    ConfigParseResult result = ConfigCodec::parse(QJsonDocument(object).toJson());
    return result.ok() ? ConfigCodec::serialize(*result.config) : QByteArray("invalid");
}

} // namespace

class tst_ConfigMerge : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void rebase_data() {
        QTest::addColumn<QByteArray>("base");
        QTest::addColumn<QByteArray>("theirs");
        QTest::addColumn<QByteArray>("mine");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QStringList>("conflicts");
        QTest::addColumn<QByteArray>("merged"); // with every conflict kept as mine

        const QByteArray base = config(kBase);
        QTest::newRow("nothing changed") << base << base << base << QStringList() << QStringList() << base;
        QTest::newRow("only mine changed")
            << base << base << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 5"))
            << QStringList() << QStringList()
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 5"));
        QTest::newRow("only theirs changed")
            << base << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12")) << base
            << QStringList{"policies.default.timeout.per_attempt"} << QStringList()
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12"));
        QTest::newRow("different fields: both kept")
            << base << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12"))
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 5"))
            << QStringList{"policies.default.timeout.per_attempt"} << QStringList()
            << config(QString(kBase)
                          .replace("\"timeout\": 30", "\"timeout\": 12")
                          .replace("\"max_attempts\": 3", "\"max_attempts\": 5"));
        QTest::newRow("same field, same value: no conflict")
            << base << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 4"))
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 4")) << QStringList()
            << QStringList() << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 4"));
        QTest::newRow("same field, different values: conflict")
            << base << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 4"))
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 6")) << QStringList()
            << QStringList{"policies.default.retry.max_attempts"}
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 6"));
        QTest::newRow("a default spelled out is no change")
            << base
            << config(QString(kBase).replace("\"max_attempts\": 3", "\"max_attempts\": 3, \"multiplier\": 2"))
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 20")) << QStringList()
            << QStringList() << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 20"));
        QTest::newRow("theirs added a policy, mine changed one")
            << base << config(kBase, R"("search": {"timeout": 2})")
            << config(QString(kBase).replace("\"failure_threshold\": 3", "\"failure_threshold\": 7"))
            << QStringList{"policies.search"} << QStringList()
            << config(QString(kBase).replace("\"failure_threshold\": 3", "\"failure_threshold\": 7"),
                      R"("search": {"timeout": 2})");
        QTest::newRow("both added the same policy differently: field conflicts only")
            << base << config(kBase, R"("search": {"timeout": 2, "bulkhead": {"limit": 4}})")
            << config(kBase, R"("search": {"timeout": 3, "bulkhead": {"limit": 4}})") << QStringList()
            << QStringList{"policies.search.timeout.per_attempt"}
            << config(kBase, R"("search": {"timeout": 3, "bulkhead": {"limit": 4}})");
        QTest::newRow("theirs turned a stage off, mine changed it: one conflict at the stage")
            << base << config(QString(kBase).replace(R"("timeout": 30)", R"("timeout": null)"))
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 20")) << QStringList()
            << QStringList{"policies.default.timeout"}
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 20"));
        QTest::newRow("theirs turned a stage on, mine left it off")
            << base << config(kBase + R"(, "bulkhead": {"limit": 4})") << base
            << QStringList{"policies.default.bulkhead"} << QStringList()
            << config(kBase + R"(, "bulkhead": {"limit": 4})");
        QTest::newRow("mine removed a policy theirs changed")
            << config(kBase, R"("search": {"timeout": 1})") << config(kBase, R"("search": {"timeout": 9})")
            << config(kBase) << QStringList() << QStringList{"policies.search"} << config(kBase);
        QTest::newRow("lists are compared whole")
            << base
            << config(QString(kBase).replace(R"("max_delay": 10)",
                                             R"("max_delay": 10, "retry_on": ["timeout"])"))
            << config(QString(kBase).replace(R"("max_delay": 10)",
                                             R"("max_delay": 10, "retry_on": ["timeout", "rate_limit"])"))
            << QStringList() << QStringList{"policies.default.retry.retry_on"}
            << config(QString(kBase).replace(R"("max_delay": 10)",
                                             R"("max_delay": 10, "retry_on": ["timeout", "rate_limit"])"));
        QTest::newRow("policy names with dots stay one key")
            << config(kBase, R"("pay.v2": {"timeout": 1})")
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12"),
                      R"("pay.v2": {"timeout": 4})")
            << config(kBase, R"("pay.v2": {"timeout": 2})")
            << QStringList{"policies.default.timeout.per_attempt"}
            << QStringList{"policies.pay.v2.timeout.per_attempt"}
            << config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12"),
                      R"("pay.v2": {"timeout": 2})");
    }

    void rebase() {
        QFETCH(QByteArray, theirs);
        QFETCH(QByteArray, mine);
        QFETCH(QStringList, taken);
        QFETCH(QStringList, conflicts);
        QFETCH(QByteArray, merged);
        QFETCH(QByteArray, base);
        const ConfigRebase r = ConfigMerge::rebase(parsed(base), parsed(theirs), object(mine));
        QCOMPARE(pathsOf(r.taken), taken);
        QCOMPARE(pathsOf(r.conflicts), conflicts);
        QCOMPARE(r.clean(), conflicts.isEmpty());
        QCOMPARE(serialized(r.merged), ConfigCodec::serialize(parsed(merged)));
        QCOMPARE(r.underneath, ConfigDiff::diff(parsed(base), parsed(theirs)));
    }

    void resolveTakesTheChosenSide() {
        const ResilienceConfig base = parsed(config(kBase));
        const ConfigRebase r =
            ConfigMerge::rebase(base,
                                parsed(config(QString(kBase)
                                                  .replace("\"max_attempts\": 3", "\"max_attempts\": 4")
                                                  .replace("\"timeout\": 30", "\"timeout\": null"))),
                                object(config(QString(kBase)
                                                  .replace("\"max_attempts\": 3", "\"max_attempts\": 6")
                                                  .replace("\"timeout\": 30", "\"timeout\": 20"))));
        QCOMPARE(pathsOf(r.conflicts),
                 (QStringList{"policies.default.retry.max_attempts", "policies.default.timeout"}));
        QCOMPARE(r.conflicts[0].base, QJsonValue(3));
        QCOMPARE(r.conflicts[0].theirs, QJsonValue(4));
        QCOMPARE(r.conflicts[0].mine, QJsonValue(6));
        QVERIFY(r.conflicts[1].theirs.isUndefined());

        const QJsonObject theirsWins =
            ConfigMerge::resolve(r, {ConflictChoice::Theirs, ConflictChoice::Theirs});
        QCOMPARE(serialized(theirsWins), ConfigCodec::serialize(parsed(
                                             config(QString(kBase)
                                                        .replace("\"max_attempts\": 3", "\"max_attempts\": 4")
                                                        .replace(", \"timeout\": 30", "")))));
        const QJsonObject mixed = ConfigMerge::resolve(r, {ConflictChoice::Mine, ConflictChoice::Theirs});
        QCOMPARE(serialized(mixed), ConfigCodec::serialize(parsed(
                                        config(QString(kBase)
                                                   .replace("\"max_attempts\": 3", "\"max_attempts\": 6")
                                                   .replace(", \"timeout\": 30", "")))));
        QCOMPARE(ConfigMerge::resolve(r, {}), r.merged); // unchosen: mine
    }

    void dottedPolicyNameIsOneKey() {
        const ConfigRebase r = ConfigMerge::rebase(parsed(config(kBase, R"("pay.v2": {"timeout": 1})")),
                                                   parsed(config(kBase, R"("pay.v2": {"timeout": 4})")),
                                                   object(config(kBase, R"("pay.v2": {"timeout": 2})")));
        QCOMPARE(r.conflicts.size(), 1);
        QCOMPARE(r.conflicts.front().keys, (QStringList{"policies", "pay.v2", "timeout", "per_attempt"}));
        QCOMPARE(serialized(ConfigMerge::resolve(r, {ConflictChoice::Theirs})),
                 ConfigCodec::serialize(parsed(config(kBase, R"("pay.v2": {"timeout": 4})"))));
    }

    void invalidDraftIsMergedAsWritten() {
        const ResilienceConfig base = parsed(config(kBase));
        QJsonObject mine = object(ConfigCodec::serialize(base));
        mine = ConfigMerge::withValue(mine, {"policies", "default", "retry", "max_attempts"}, 0);
        const ConfigRebase r = ConfigMerge::rebase(
            base, parsed(config(QString(kBase).replace("\"timeout\": 30", "\"timeout\": 12"))), mine);
        QVERIFY(r.clean());
        QCOMPARE(r.merged.value("policies")["default"]["retry"]["max_attempts"], QJsonValue(0));
        QCOMPARE(r.merged.value("policies")["default"]["timeout"]["per_attempt"], QJsonValue(12));
    }

    void diffText_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("before");
        QTest::addColumn<QJsonValue>("after");
        QTest::addColumn<QString>("line");
        QTest::newRow("changed") << "a.b" << QJsonValue(3) << QJsonValue(5) << "  a.b: 3 → 5";
        QTest::newRow("fraction") << "a.t" << QJsonValue(0.25) << QJsonValue(1.5) << "  a.t: 0.25 → 1.5";
        QTest::newRow("string") << "a.m" << QJsonValue("x") << QJsonValue("y") << "  a.m: \"x\" → \"y\"";
        QTest::newRow("added") << "p.s" << QJsonValue(QJsonValue::Undefined)
                               << QJsonValue(QJsonObject{{"limit", 4}}) << "+ p.s: {\"limit\":4}";
        QTest::newRow("removed") << "p.s" << QJsonValue(QJsonArray{"timeout"})
                                 << QJsonValue(QJsonValue::Undefined) << "- p.s: [\"timeout\"]";
    }

    void diffText() {
        QFETCH(QString, path);
        QFETCH(QJsonValue, before);
        QFETCH(QJsonValue, after);
        QFETCH(QString, line);
        QCOMPARE(ConfigDiffText::line({path, before, after}), line);
        const QJsonObject json = ConfigDiffText::toJson({{path, before, after}}).at(0).toObject();
        QCOMPARE(json.contains("before"), !before.isUndefined());
        QCOMPARE(json.contains("after"), !after.isUndefined());
    }
};

QTEST_GUILESS_MAIN(tst_ConfigMerge)
#include "tst_configmerge.moc"
