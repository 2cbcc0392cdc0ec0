// SPDX-License-Identifier: GPL-3.0-or-later
// The config editor page, offscreen, against real agents on loopback: the JSON view says where a syntax
// error is (line and column); a form edit shows its rule's error at the field while typing and the same
// draft in the JSON view; an invalid push puts the service's 422 errors at their fields and the agent keeps
// its config; two editors push from the same base and the second one's rebase keeps both sides' fields;
// drafts are listed by the next editor; rollback puts the agent back on the previous version.
#include "widgets/config/configeditorview.h"
#include "widgets/config/configform.h"
#include "widgets/config/configjsonview.h"

#include "control/configdraftmodel.h"
#include "control/configpushoutcome.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "serve/agent.h"

#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {

constexpr int kDeadlineMs = 20000;

const QByteArray kStart = R"({"environment": "test", "policies": {"default": {"retry": {"max_attempts": 3},
    "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 30}}})";

const QStringList kAttempts{"policies", "default", "retry", "max_attempts"};
const QStringList kTimeout{"policies", "default", "timeout", "per_attempt"};

std::unique_ptr<Agent> startAgent() {
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.instance = QStringLiteral("orders-1");
    options.callsPerSecond = 0;
    auto agent = std::make_unique<Agent>(options, std::move(*ConfigCodec::parse(kStart).config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

QString url(const Agent& agent) {
    return agent.baseUrl().toString(QUrl::StripTrailingSlash);
}

ControlResult configOf(const Agent& agent) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    ControlClient client(endpoint);
    QSignalSpy spy(&client, &ControlClient::finished);
    client.getConfig();
    if (!spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ControlResult>();
}

QJsonValue at(const QJsonObject& config, const QStringList& keys) {
    QJsonValue v = config;
    for (const QString& key : keys)
        v = v.toObject().value(key);
    return v;
}

bool loadLive(ConfigEditorView& view, const Agent& agent) {
    QSignalSpy spy(&view, &ConfigEditorView::loaded);
    view.selectTarget(url(agent));
    view.loadLive();
    return spy.wait(kDeadlineMs) && spy.front().front().toBool();
}

ConfigPushOutcome confirm(ConfigEditorView& view) {
    QSignalSpy spy(&view, &ConfigEditorView::pushFinished);
    view.confirm();
    if (!spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ConfigPushOutcome>();
}

} // namespace

class tst_ConfigEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<ConfigPushOutcome>();
        qRegisterMetaType<ControlResult>();
    }

    void init() {
        m_drafts = std::make_unique<QTemporaryDir>();
        m_history = std::make_unique<QTemporaryDir>();
    }

    void jsonViewReportsLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("missing comma") << "{\n  \"environment\": \"x\"\n  \"policies\": {}\n}"
                                       << "line 3, column 4"; // where the parser stopped: just past the quote
        QTest::newRow("unterminated string") << "{\n  \"environment\": \"x,\n}"
                                             << "line 3, column 2";
        QTest::newRow("duplicate key") << "{\"environment\": \"a\",\n \"environment\": \"b\"}"
                                       << "line 2, column 2";
    }

    void jsonViewReportsLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, where);
        QNetworkAccessManager nam;
        ConfigEditorView view(&nam, nullptr, m_drafts->path(), m_history->path());
        view.show();
        view.jsonView()->editor()->setPlainText(text);
        QVERIFY2(view.jsonView()->statusText().contains(where), qPrintable(view.jsonView()->statusText()));
        QVERIFY(view.draftModel().syntaxError().has_value());
    }

    void formShowsRuleErrorsWhileTyping() {
        QNetworkAccessManager nam;
        ConfigEditorView view(&nam, nullptr, m_drafts->path(), m_history->path());
        view.show();
        QVERIFY(view.startFromProfile(QStringLiteral("production")));
        const QString path = QStringLiteral("policies.default.retry.max_attempts");
        auto* edit = qobject_cast<QLineEdit*>(view.form()->editorAt(path));
        QVERIFY(edit);
        QCOMPARE(edit->text(), QStringLiteral("3")); // the guide's production number
        QVERIFY(edit->toolTip().contains(QStringLiteral("<= 100")));
        QVERIFY2(edit->toolTip().contains(
                     QStringLiteral("Guide profiles: production 3, staging 3, development 2")),
                 qPrintable(edit->toolTip()));
        const QWidget* timeout =
            view.form()->editorAt(QStringLiteral("policies.default.timeout.per_attempt"));
        QVERIFY(timeout->toolTip().contains(QStringLiteral("production 30, staging 25, development 15")));
        // The guide says nothing about the multiplier: no numbers are made up for it.
        QVERIFY(!view.form()
                     ->editorAt(QStringLiteral("policies.default.retry.multiplier"))
                     ->toolTip()
                     .contains(QStringLiteral("Guide profiles")));
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("10"));
        QTest::keyClick(edit, Qt::Key_0); // 100: allowed
        QCOMPARE(view.form()->errorAt(path), QString());
        QTest::keyClick(edit, Qt::Key_0); // 1000: not
        QVERIFY2(view.form()->errorAt(path).contains(QStringLiteral("between 1 and 100 (got 1000)")),
                 qPrintable(view.form()->errorAt(path)));
        QVERIFY(view.jsonView()->editor()->toPlainText().contains(QStringLiteral("\"max_attempts\": 1000")));
        QVERIFY(view.jsonView()->statusText().contains(path));
        QTest::keyClick(edit, Qt::Key_Backspace);
        QCOMPARE(view.form()->errorAt(path), QString());
    }

    void invalidPushShowsServiceErrorsAtTheirFields() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigEditorView view(&nam, nullptr, m_drafts->path(), m_history->path());
        view.show();
        QVERIFY(loadLive(view, *agent));
        const ControlResult before = configOf(*agent);
        QVERIFY(view.draftModel().setField(kAttempts, 0));
        view.reviewPush();
        QCOMPARE(view.review(), ConfigEditorView::Review::Push);
        const ConfigPushOutcome outcome = confirm(view);
        QCOMPARE(outcome.kind, ConfigPushOutcome::Kind::Invalid);
        const QString error = view.form()->errorAt(QStringLiteral("policies.default.retry.max_attempts"));
        QVERIFY2(error.contains(QStringLiteral("service: must be an integer between 1 and 100 (got 0)")),
                 qPrintable(error));
        const ControlResult after = configOf(*agent);
        QCOMPARE(after.etag, before.etag);
        QCOMPARE(after.body, before.body);
    }

    void secondEditorRebasesKeepingBothSides() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigEditorView first(&nam, nullptr, m_drafts->path(), m_history->path());
        ConfigEditorView second(&nam, nullptr, m_drafts->path(), m_history->path());
        QVERIFY(loadLive(first, *agent));
        QVERIFY(loadLive(second, *agent));
        QVERIFY(first.draftModel().setField(kAttempts, 5));
        QVERIFY(second.draftModel().setField(kTimeout, 12));
        first.reviewPush();
        QCOMPARE(first.reviewTree()->topLevelItemCount(), 1);
        QCOMPARE(confirm(first).kind, ConfigPushOutcome::Kind::Applied);

        second.reviewPush();
        const ConfigPushOutcome stale = confirm(second);
        QCOMPARE(stale.kind, ConfigPushOutcome::Kind::Stale);
        QCOMPARE(second.review(), ConfigEditorView::Review::Rebase);
        QVERIFY(
            second.reviewTree()->topLevelItem(0)->text(0).contains(QStringLiteral("Changed underneath (1)")));
        QCOMPARE(second.reviewTree()->topLevelItem(0)->child(0)->text(0),
                 QStringLiteral("policies.default.retry.max_attempts"));
        QVERIFY(second.reviewTree()->topLevelItem(1)->text(0).contains(QStringLiteral("Conflicts (0)")));
        second.applyRebase();
        QCOMPARE(second.draftModel().effectiveValue(kAttempts), QJsonValue(5));
        QCOMPARE(second.draftModel().effectiveValue(kTimeout), QJsonValue(12));
        second.reviewPush();
        QCOMPARE(confirm(second).kind, ConfigPushOutcome::Kind::Applied);

        const ControlResult live = configOf(*agent);
        QCOMPARE(at(live.body, kAttempts), QJsonValue(5));
        QCOMPARE(at(live.body, kTimeout), QJsonValue(12));
    }

    void draftsAreListedByTheNextEditor() {
        QNetworkAccessManager nam;
        QByteArray typed;
        {
            ConfigEditorView view(&nam, nullptr, m_drafts->path(), m_history->path());
            QVERIFY(view.startFromProfile(QStringLiteral("staging")));
            view.jsonView()->editor()->setPlainText(QStringLiteral("{\"environment\": \"half"));
            typed = view.draftModel().text();
        }
        ConfigEditorView next(&nam, nullptr, m_drafts->path(), m_history->path());
        QCOMPARE(next.draftList()->count(), 1);
        next.restoreDraft(next.draftList()->item(0)->data(Qt::UserRole).toString());
        QCOMPARE(next.draftModel().text(), typed);
        QCOMPARE(next.draft().origin, QStringLiteral("staging"));
    }

    void rollbackPutsThePreviousVersionBack() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigEditorView view(&nam, nullptr, m_drafts->path(), m_history->path());
        QVERIFY(loadLive(view, *agent));
        const ControlResult original = configOf(*agent);
        QVERIFY(view.draftModel().setField(kAttempts, 7));
        view.reviewPush();
        QCOMPARE(confirm(view).kind, ConfigPushOutcome::Kind::Applied);
        QVERIFY(configOf(*agent).etag != original.etag);
        view.reviewRollback();
        QCOMPARE(view.review(), ConfigEditorView::Review::Rollback);
        QCOMPARE(view.reviewTree()->topLevelItem(0)->text(0),
                 QStringLiteral("policies.default.retry.max_attempts"));
        QCOMPARE(confirm(view).kind, ConfigPushOutcome::Kind::Applied);
        QCOMPARE(configOf(*agent).etag, original.etag);
    }

private:
    std::unique_ptr<QTemporaryDir> m_drafts;
    std::unique_ptr<QTemporaryDir> m_history;
};

QTEST_MAIN(tst_ConfigEditor)
#include "tst_configeditor.moc"
