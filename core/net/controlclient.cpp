// SPDX-License-Identifier: GPL-3.0-or-later
#include "controlclient.h"

#include "health/healthnames.h"
#include "net/endpointaccess.h"
#include "net/httpexchange.h"
#include "net/operatorheader.h"
#include "net/replyverdict.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

namespace jimini {

namespace {
constexpr qsizetype kMaxAnswer = 4 * 1024 * 1024;
}

ControlClient::ControlClient(ServiceEndpoint endpoint, QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_nam(nam ? nam : new QNetworkAccessManager(this)) {
    qRegisterMetaType<jimini::ControlResult>("jimini::ControlResult");
}

ControlClient::~ControlClient() = default;

void ControlClient::setOperator(const QString& name) {
    m_operator = OperatorHeader::sanitized(name);
}

QString ControlClient::toString(BreakerCommand command) {
    switch (command) {
    case BreakerCommand::Isolate:
        return breakerStateName(BreakerState::Isolated);
    case BreakerCommand::Disable:
        return breakerStateName(BreakerState::Disabled);
    case BreakerCommand::Auto:
        return QStringLiteral("auto");
    }
    return {};
}

quint64 ControlClient::setBreakerState(const QString& policy, BreakerCommand command, const QString& reason,
                                       std::optional<double> ttlSeconds) {
    QJsonObject body{{QStringLiteral("state"), toString(command)}, {QStringLiteral("reason"), reason}};
    if (ttlSeconds)
        body.insert(QStringLiteral("ttl_seconds"), *ttlSeconds);
    const QString path = QStringLiteral("/resilience/v1/breakers/%1/state")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(policy)));
    return send(ControlResult::Operation::BreakerState, "POST", path,
                QJsonDocument(body).toJson(QJsonDocument::Compact));
}

quint64 ControlClient::getConfig() {
    return send(ControlResult::Operation::GetConfig, "GET", QStringLiteral("/resilience/v1/config"), {});
}

quint64 ControlClient::putConfig(const QByteArray& config, const QByteArray& etag) {
    return send(ControlResult::Operation::PutConfig, "PUT", QStringLiteral("/resilience/v1/config"), config,
                etag);
}

quint64 ControlClient::injectFault(const QJsonObject& fault) {
    return send(ControlResult::Operation::InjectFault, "POST", QStringLiteral("/resilience/v1/faults"),
                QJsonDocument(fault).toJson(QJsonDocument::Compact));
}

quint64 ControlClient::clearFaults() {
    return send(ControlResult::Operation::ClearFaults, "DELETE", QStringLiteral("/resilience/v1/faults"), {});
}

quint64 ControlClient::renewFault(int id, double ttlSeconds) {
    return send(ControlResult::Operation::RenewFault, "PUT",
                QStringLiteral("/resilience/v1/faults/%1").arg(id),
                QJsonDocument(QJsonObject{{QStringLiteral("ttl_seconds"), ttlSeconds}})
                    .toJson(QJsonDocument::Compact));
}

quint64 ControlClient::clearFault(int id) {
    return send(ControlResult::Operation::ClearFault, "DELETE",
                QStringLiteral("/resilience/v1/faults/%1").arg(id), {});
}

quint64 ControlClient::send(ControlResult::Operation operation, const QByteArray& method, const QString& path,
                            const QByteArray& body, const QByteArray& ifMatch) {
    const quint64 id = m_nextId++;
    const EndpointAccess access = EndpointAccess::load(m_endpoint);
    if (!access.ok() || !access.hasApi()) {
        ControlResult r;
        r.requestId = id;
        r.operation = operation;
        if (!access.hasApi()) {
            r.status = SourceStatus::HttpError;
            r.reason = EndpointAccess::noApiReason(m_endpoint);
        } else {
            r.status = access.error().startsWith(QStringLiteral("TLS")) ? SourceStatus::TlsError
                                                                        : SourceStatus::Unauthorized;
            r.reason = access.error();
        }
        // Asynchronous like every other answer, so callers handle one path.
        QTimer::singleShot(0, this, [this, r] { emit finished(r); });
        return id;
    }
    QNetworkRequest request = access.request(path);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!ifMatch.isEmpty())
        request.setRawHeader("If-Match", ifMatch);
    if (!m_operator.isEmpty())
        request.setRawHeader(OperatorHeader::name, m_operator.toUtf8());
    HttpExchange::Options options;
    options.method = method;
    options.body = body;
    options.limit = kMaxAnswer;
    // These requests change state, or read a config to change: a redirect elsewhere is refused, never
    // followed without the token.
    options.crossOrigin = RedirectPolicy::CrossOrigin::Refuse;
    options.deadline = std::chrono::milliseconds(m_timeoutMs);
    auto* exchange = new HttpExchange(*m_nam, request, options, this);
    connect(exchange, &HttpExchange::finished, this,
            [this, exchange, id, operation](const ReplyVerdict& v, const QByteArray& bytes, bool) {
                exchange->deleteLater();
                onFinished(v, bytes, exchange->rawHeader("ETag"), id, operation);
            });
    return id;
}

void ControlClient::onFinished(const ReplyVerdict& v, const QByteArray& bytes, const QByteArray& etag,
                               quint64 id, ControlResult::Operation operation) {
    ControlResult r;
    r.requestId = id;
    r.operation = operation;
    r.httpStatus = v.httpStatus;
    r.status = v.status;
    r.ok = v.ok();
    r.etag = etag;
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    r.body = json;
    if (!r.ok) {
        const QString type = json.value(QStringLiteral("type")).toString();
        r.problemType = type.mid(type.lastIndexOf(QLatin1Char('/')) + 1);
        r.detail = json.value(QStringLiteral("detail")).toString();
        const QString title = json.value(QStringLiteral("title")).toString();
        r.reason = v.reason;
        if (!title.isEmpty() && v.status == SourceStatus::HttpError)
            r.reason += QStringLiteral(": ") + title;
        if (!r.detail.isEmpty())
            r.reason += QStringLiteral(" (") + r.detail + QLatin1Char(')');
        for (const QJsonValue& e : json.value(QStringLiteral("errors")).toArray()) {
            const QJsonObject o = e.toObject();
            r.errors.append(
                {o.value(QStringLiteral("path")).toString(), o.value(QStringLiteral("message")).toString()});
        }
    }
    emit finished(r);
}

} // namespace jimini
