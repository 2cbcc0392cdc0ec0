// SPDX-License-Identifier: GPL-3.0-or-later
#include "configsession.h"

#include "control/audittrail.h"
#include "control/confighistory.h"
#include "control/configmerge.h"
#include "control/controllog.h"
#include "control/operatoridentity.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"

#include <QJsonDocument>

namespace jimini {

namespace {

QString filled(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
}

QString shownVersion(const QByteArray& etag) {
    return filled(QString::fromLatin1(etag));
}

QString firstErrors(const QList<FieldError>& errors) {
    QStringList parts;
    for (qsizetype i = 0; i < errors.size() && i < 3; ++i)
        parts << errors[i].toString();
    if (errors.size() > 3)
        parts << QStringLiteral("%1 more").arg(errors.size() - 3);
    return parts.join(QStringLiteral("; "));
}

} // namespace

ConfigSession::ConfigSession(ServiceEndpoint endpoint, QNetworkAccessManager* nam, AuditTrail* audit,
                             ConfigHistory* history, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_client(new ControlClient(m_endpoint, nam, this))
    , m_audit(audit)
    , m_history(history) {
    m_client->setOperator(OperatorIdentity::current());
    connect(m_client, &ControlClient::finished, this, [this](const ControlResult& result) {
        if (result.requestId != m_pendingId || !m_pending)
            return;
        auto next = std::move(m_pending);
        m_pending = nullptr;
        next(result);
    });
}

ConfigSession::~ConfigSession() = default;

void ConfigSession::setOperator(const QString& name) {
    m_client->setOperator(name);
}

void ConfigSession::setTimeout(int ms) {
    m_client->setTimeout(ms);
}

bool ConfigSession::adoptBase(const ControlResult& result) {
    if (!result.ok || result.etag.isEmpty())
        return false;
    const QByteArray document = QJsonDocument(result.body).toJson(QJsonDocument::Compact);
    ConfigParseResult parsed = ConfigCodec::parse(document);
    if (!parsed.ok())
        return false;
    m_base = std::move(parsed.config);
    m_baseDocument = ConfigCodec::serialize(*m_base);
    m_etag = result.etag;
    return true;
}

void ConfigSession::load() {
    if (m_busy)
        return;
    m_busy = true;
    m_pending = [this](const ControlResult& result) {
        m_busy = false;
        ControlResult answer = result;
        if (result.ok && !adoptBase(result)) {
            answer.ok = false;
            answer.reason =
                QStringLiteral("the service's config is not a valid config, or came without an ETag");
        }
        emit loaded(answer);
    };
    m_pendingId = m_client->getConfig();
}

void ConfigSession::setBase(const ResilienceConfig& base, const QByteArray& etag) {
    m_base = base;
    m_baseDocument = ConfigCodec::serialize(base);
    m_etag = etag;
}

void ConfigSession::push(const QByteArray& document) {
    send(document, m_etag, QStringLiteral("config.push"));
}

void ConfigSession::rollback() {
    const QString instance = m_endpoint.id();
    const ConfigVersion previous = m_history ? m_history->previous(instance) : ConfigVersion{};
    if (previous.etag.isEmpty()) {
        ConfigPushOutcome outcome;
        outcome.detail = QStringLiteral("no earlier version of %1 is kept here").arg(instance);
        outcome.result.reason = outcome.detail;
        emit pushed(outcome);
        return;
    }
    const QList<ConfigVersion> versions = m_history->versions(instance);
    send(previous.document, versions.back().etag, QStringLiteral("config.rollback"));
}

void ConfigSession::send(const QByteArray& document, const QByteArray& ifMatch, const QString& action) {
    if (m_busy || ifMatch.isEmpty()) {
        ConfigPushOutcome outcome;
        outcome.detail =
            m_busy
                ? QStringLiteral("a request to %1 is still under way").arg(m_endpoint.id())
                : QStringLiteral("%1: the live config was not read (no ETag to send)").arg(m_endpoint.id());
        outcome.result.reason = outcome.detail;
        emit pushed(outcome);
        return;
    }
    qint64 intent = 0;
    if (m_audit) {
        AuditEntry entry;
        entry.action = action;
        entry.targets = {m_endpoint.id()};
        entry.environment = filled(m_base ? m_base->environment : QString());
        entry.service = filled(m_endpoint.group);
        entry.policy = QStringLiteral(""); // the whole config
        entry.before = shownVersion(ifMatch);
        entry.after = filled(QString::fromUtf8(document));
        entry.reason = filled(m_reason);
        intent = m_audit->recordIntent(entry);
        if (intent == 0) {
            ConfigPushOutcome outcome;
            outcome.kind = ConfigPushOutcome::Kind::NotRecorded;
            outcome.detail = QStringLiteral("not sent: the audit trail could not be written");
            outcome.result.reason = outcome.detail;
            emit pushed(outcome);
            return;
        }
    }
    m_busy = true;
    m_pending = [this, document, ifMatch, intent](const ControlResult& result) {
        onPut(result, document, ifMatch, intent);
    };
    m_pendingId = m_client->putConfig(document, ifMatch);
}

void ConfigSession::onPut(const ControlResult& result, const QByteArray& document, const QByteArray& ifMatch,
                          qint64 intent) {
    ConfigPushOutcome outcome;
    outcome.result = result;
    if (result.ok) {
        outcome.kind = ConfigPushOutcome::Kind::Applied;
        outcome.etag = result.etag;
        const QByteArray replacedDocument = m_baseDocument;
        const QByteArray replacedEtag = m_etag;
        if (!adoptBase(result))
            qCWarning(lcControl) << m_endpoint.id() << "applied a config it cannot answer back in full";
        if (m_history) {
            const QString instance = m_endpoint.id();
            const QList<ConfigVersion> kept = m_history->versions(instance);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            // The version this push replaced goes in first, so that the first push can be rolled back.
            if ((kept.isEmpty() || kept.back().etag != ifMatch) && ifMatch == replacedEtag &&
                !replacedDocument.isEmpty())
                m_history->record(instance, {replacedEtag, replacedDocument, now});
            if (!m_history->record(instance, {result.etag, m_baseDocument, now}))
                qCWarning(lcControl) << "config history:" << m_history->error();
        }
        outcome.detail =
            QStringLiteral("%1: applied, version %2").arg(m_endpoint.id(), shownVersion(result.etag));
        finish(outcome, intent);
        return;
    }
    if (result.httpStatus == 422) {
        outcome.kind = ConfigPushOutcome::Kind::Invalid;
        outcome.errors = result.errors;
        outcome.detail = QStringLiteral("%1: refused, the config in force is unchanged: %2")
                             .arg(m_endpoint.id(), firstErrors(result.errors));
        finish(outcome, intent);
        return;
    }
    if (result.httpStatus == 412) {
        outcome.kind = ConfigPushOutcome::Kind::Stale;
        outcome.etag = result.etag;
        m_pending = [this, outcome, document, intent](const ControlResult& theirs) {
            ConfigPushOutcome stale = outcome;
            onTheirs(theirs, stale, document);
            finish(stale, intent);
        };
        m_pendingId = m_client->getConfig();
        return;
    }
    outcome.kind = ConfigPushOutcome::Kind::Failed;
    outcome.detail = QStringLiteral("%1: %2").arg(m_endpoint.id(), result.reason);
    finish(outcome, intent);
}

void ConfigSession::onTheirs(const ControlResult& result, ConfigPushOutcome& outcome,
                             const QByteArray& document) {
    const std::optional<ResilienceConfig> base = m_base;
    if (!adoptBase(result)) {
        outcome.detail =
            QStringLiteral("%1: the config changed underneath (412), and reading it failed: %2")
                .arg(m_endpoint.id(), result.ok ? QStringLiteral("not a valid config") : result.reason);
        return;
    }
    outcome.etag = m_etag;
    const QJsonDocument mine = QJsonDocument::fromJson(document);
    if (base && mine.isObject())
        outcome.rebase = ConfigMerge::rebase(*base, *m_base, mine.object());
    outcome.detail = QStringLiteral("%1: the config changed underneath (412, now version %2)")
                         .arg(m_endpoint.id(), shownVersion(m_etag));
    if (outcome.rebase)
        outcome.detail += QStringLiteral(": %1 change(s) there, %2 taken into the draft, %3 conflict(s)")
                              .arg(outcome.rebase->underneath.size())
                              .arg(outcome.rebase->taken.size())
                              .arg(outcome.rebase->conflicts.size());
}

void ConfigSession::finish(ConfigPushOutcome outcome, qint64 intent) {
    m_busy = false;
    if (m_audit && intent) {
        const bool ok = outcome.kind == ConfigPushOutcome::Kind::Applied;
        m_audit->recordOutcome(intent, AuditOutcome{ok, filled(outcome.detail)});
    }
    qCInfo(lcControl) << "config push:" << outcome.detail;
    emit pushed(outcome);
}

} // namespace jimini
