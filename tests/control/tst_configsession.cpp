// SPDX-License-Identifier: GPL-3.0-or-later
// Config pushes against a real agent on loopback. What counts is what the agent says afterwards (its own
// GET), not what the session believes: two sessions from the same base, the second gets 412 and its
// rebase keeps both sides' fields; an invalid push gets the agent's field errors and changes nothing
// there; a rollback pushes the previous version back through If-Match; an unwritable audit trail sends
// nothing. Every wait is a deadline on a real socket.
#include "control/audittrail.h"
#include "control/confighistory.h"
#include "control/configmerge.h"
#include "control/configsession.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "serve/agent.h"

#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {

constexpr int kDeadlineMs = 20000;

const QByteArray kStart = R"({"environment": "test", "policies": {"default": {"retry": {"max_attempts": 3},
    "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 30}}})";

std::unique_ptr<Agent> startAgent() {
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.instance = QStringLiteral("orders-1");
    options.callsPerSecond = 0;
    ConfigParseResult parsed = ConfigCodec::parse(kStart);
    auto agent = std::make_unique<Agent>(options, std::move(*parsed.config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

ServiceEndpoint endpointOf(const Agent& agent) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    endpoint.group = QStringLiteral("orders");
    return endpoint;
}

// The agent's own answer to GET /resilience/v1/config.
ControlResult configOf(const Agent& agent) {
    ControlClient client(endpointOf(agent));
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

// The session's live config as a JSON object with one field changed.
QByteArray edited(const ConfigSession& session, const QStringList& keys, const QJsonValue& value) {
    const QJsonObject live = QJsonDocument::fromJson(ConfigCodec::serialize(*session.base())).object();
    return QJsonDocument(ConfigMerge::withValue(live, keys, value)).toJson();
}

bool load(ConfigSession& session) {
    QSignalSpy spy(&session, &ConfigSession::loaded);
    session.load();
    return spy.wait(kDeadlineMs) && spy.front().front().value<ControlResult>().ok;
}

ConfigPushOutcome push(ConfigSession& session, const QByteArray& document) {
    QSignalSpy spy(&session, &ConfigSession::pushed);
    session.push(document);
    if (spy.isEmpty() && !spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ConfigPushOutcome>();
}

// Records into a list; answers 0 (not written) when told to.
class ListTrail final : public AuditTrail {
public:
    qint64 recordIntent(const AuditEntry& entry) override {
        if (refuse)
            return 0;
        intents.append(entry);
        return intents.size();
    }
    void recordOutcome(qint64 intentId, const AuditOutcome& outcome) override {
        outcomes.append({intentId, outcome});
    }
    bool refuse = false;
    QList<AuditEntry> intents;
    QList<std::pair<qint64, AuditOutcome>> outcomes;
};

const QStringList kAttempts{"policies", "default", "retry", "max_attempts"};
const QStringList kTimeout{"policies", "default", "timeout", "per_attempt"};
const QStringList kThreshold{"policies", "default", "circuit_breaker", "failure_threshold"};

} // namespace

class tst_ConfigSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<ConfigPushOutcome>();
        qRegisterMetaType<ControlResult>();
    }

    void secondPushFromSameBaseRebasesKeepingBothSides() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ListTrail trail;
        ConfigSession first(endpointOf(*agent), &nam, &trail, nullptr);
        ConfigSession second(endpointOf(*agent), &nam, &trail, nullptr);
        QVERIFY(load(first));
        QVERIFY(load(second));
        QCOMPARE(first.etag(), second.etag());

        const ConfigPushOutcome applied = push(first, edited(first, kAttempts, 5));
        QCOMPARE(applied.kind, ConfigPushOutcome::Kind::Applied);
        QVERIFY(applied.etag != second.etag());

        const QByteArray mine = edited(second, kTimeout, 12);
        const ConfigPushOutcome stale = push(second, mine);
        QCOMPARE(stale.kind, ConfigPushOutcome::Kind::Stale);
        QCOMPARE(stale.result.httpStatus, 412);
        QCOMPARE(stale.etag, applied.etag);
        QCOMPARE(second.etag(), applied.etag); // theirs is the new base
        QVERIFY(stale.rebase.has_value());
        QVERIFY(stale.rebase->clean());
        QCOMPARE(stale.rebase->underneath.size(), 1);
        QCOMPARE(stale.rebase->underneath.front().path,
                 QStringLiteral("policies.default.retry.max_attempts"));

        const QByteArray rebased = QJsonDocument(ConfigMerge::resolve(*stale.rebase, {})).toJson();
        QCOMPARE(push(second, rebased).kind, ConfigPushOutcome::Kind::Applied);

        const ControlResult live = configOf(*agent);
        QCOMPARE(at(live.body, kAttempts), QJsonValue(5)); // the first session's field
        QCOMPARE(at(live.body, kTimeout), QJsonValue(12)); // the second's
        QCOMPARE(trail.intents.size(), 3);
        QCOMPARE(trail.outcomes.size(), 3);
        QCOMPARE(trail.outcomes[1].second.ok, false); // the 412
        QCOMPARE(trail.intents[0].action, QStringLiteral("config.push"));
        QCOMPARE(trail.intents[0].targets, QStringList{endpointOf(*agent).id()});
    }

    void conflictingFieldsAreMarked() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigSession first(endpointOf(*agent), &nam, nullptr, nullptr);
        ConfigSession second(endpointOf(*agent), &nam, nullptr, nullptr);
        QVERIFY(load(first));
        QVERIFY(load(second));
        QCOMPARE(push(first, edited(first, kThreshold, 4)).kind, ConfigPushOutcome::Kind::Applied);
        const ConfigPushOutcome stale = push(second, edited(second, kThreshold, 9));
        QCOMPARE(stale.kind, ConfigPushOutcome::Kind::Stale);
        QCOMPARE(stale.rebase->conflicts.size(), 1);
        QCOMPARE(stale.rebase->conflicts.front().theirs, QJsonValue(4));
        QCOMPARE(stale.rebase->conflicts.front().mine, QJsonValue(9));
        const QByteArray chosen =
            QJsonDocument(ConfigMerge::resolve(*stale.rebase, {ConflictChoice::Mine})).toJson();
        QCOMPARE(push(second, chosen).kind, ConfigPushOutcome::Kind::Applied);
        QCOMPARE(at(configOf(*agent).body, kThreshold), QJsonValue(9));
    }

    void invalidPushGetsFieldErrorsAndChangesNothing() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigSession session(endpointOf(*agent), &nam, nullptr, nullptr);
        QVERIFY(load(session));
        const ControlResult before = configOf(*agent);
        QByteArray invalid = edited(session, kAttempts, 0);
        invalid = QJsonDocument(ConfigMerge::withValue(QJsonDocument::fromJson(invalid).object(),
                                                       {"policies", "default", "retry", "max_atempts"}, 2))
                      .toJson();
        const ConfigPushOutcome outcome = push(session, invalid);
        QCOMPARE(outcome.kind, ConfigPushOutcome::Kind::Invalid);
        QCOMPARE(outcome.result.httpStatus, 422);
        QStringList paths;
        for (const FieldError& e : outcome.errors)
            paths << e.path;
        QCOMPARE(paths,
                 (QStringList{"policies.default.retry.max_atempts", "policies.default.retry.max_attempts"}));
        const ControlResult after = configOf(*agent);
        QCOMPARE(after.etag, before.etag);
        QCOMPARE(after.body, before.body);
        QCOMPARE(session.etag(), before.etag); // still the base to push against
    }

    void rollbackPushesThePreviousVersionBack() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QTemporaryDir dir;
        ConfigHistory history(dir.path());
        ListTrail trail;
        ConfigSession session(endpointOf(*agent), &nam, &trail, &history);
        QVERIFY(load(session));
        const ControlResult original = configOf(*agent);
        QCOMPARE(push(session, edited(session, kAttempts, 7)).kind, ConfigPushOutcome::Kind::Applied);
        const ControlResult pushed = configOf(*agent);
        QCOMPARE(history.versions(session.endpoint().id()).size(), 2);

        QSignalSpy spy(&session, &ConfigSession::pushed);
        session.rollback();
        QVERIFY(spy.wait(kDeadlineMs));
        const ConfigPushOutcome back = spy.front().front().value<ConfigPushOutcome>();
        QCOMPARE(back.kind, ConfigPushOutcome::Kind::Applied);
        const ControlResult now = configOf(*agent);
        QCOMPARE(now.etag, original.etag);
        QCOMPARE(now.body, original.body);
        QCOMPARE(trail.intents.back().action, QStringLiteral("config.rollback"));
        QCOMPARE(trail.intents.back().before, QString::fromLatin1(pushed.etag));
        QCOMPARE(history.versions(session.endpoint().id()).back().etag, original.etag);
    }

    void rollbackMeetsAChangeUnderneath() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QTemporaryDir dir;
        ConfigHistory history(dir.path());
        ConfigSession session(endpointOf(*agent), &nam, nullptr, &history);
        ConfigSession other(endpointOf(*agent), &nam, nullptr, nullptr);
        QVERIFY(load(session));
        QCOMPARE(push(session, edited(session, kAttempts, 7)).kind, ConfigPushOutcome::Kind::Applied);
        QVERIFY(load(other));
        QCOMPARE(push(other, edited(other, kTimeout, 3)).kind, ConfigPushOutcome::Kind::Applied);
        const ControlResult changed = configOf(*agent);

        QSignalSpy spy(&session, &ConfigSession::pushed);
        session.rollback();
        QVERIFY(spy.wait(kDeadlineMs));
        QCOMPARE(spy.front().front().value<ConfigPushOutcome>().kind, ConfigPushOutcome::Kind::Stale);
        QCOMPARE(configOf(*agent).etag, changed.etag);
    }

    void nothingIsSentWithoutAnAuditRecord() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ListTrail trail;
        trail.refuse = true;
        ConfigSession session(endpointOf(*agent), &nam, &trail, nullptr);
        QVERIFY(load(session));
        const QByteArray before = configOf(*agent).etag;
        QCOMPARE(push(session, edited(session, kAttempts, 5)).kind, ConfigPushOutcome::Kind::NotRecorded);
        QCOMPARE(configOf(*agent).etag, before);
    }

    void pushWithoutABaseIsRefusedUnsent() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        ConfigSession session(endpointOf(*agent), &nam, nullptr, nullptr);
        const QByteArray before = configOf(*agent).etag;
        QCOMPARE(push(session, kStart).kind, ConfigPushOutcome::Kind::Failed);
        QCOMPARE(configOf(*agent).etag, before);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigSession)
#include "tst_configsession.moc"
