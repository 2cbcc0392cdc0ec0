// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlresult.h"
#include "net/replyverdict.h"
#include "net/serviceendpoint.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

class QNetworkAccessManager;

namespace jimini {

// Steers one service: breaker state, config (ETag / If-Match), faults. Every call returns at once with a
// request id; the answer comes as finished() on this object's thread. Token and CA as for the sources;
// the timeout covers the whole exchange, answers are bounded to 4 MiB, and a redirect to another origin
// is refused (HttpExchange).
class ControlClient final : public QObject {
    Q_OBJECT
public:
    enum class BreakerCommand : quint8 { Isolate, Disable, Auto };

    // nam: shared, must outlive this; null: the client makes its own.
    explicit ControlClient(ServiceEndpoint endpoint, QNetworkAccessManager* nam = nullptr,
                           QObject* parent = nullptr);
    ~ControlClient() override;

    const ServiceEndpoint& endpoint() const noexcept { return m_endpoint; }
    void setTimeout(int ms) { m_timeoutMs = ms; }
    // Sent as X-Jimini-Operator on every request (OperatorHeader: sanitized); empty: no header.
    void setOperator(const QString& name);
    const QString& operatorName() const noexcept { return m_operator; }

    // reason is the audit trail's "why" (required by the service); ttl not allowed with Auto.
    quint64 setBreakerState(const QString& policy, BreakerCommand command, const QString& reason,
                            std::optional<double> ttlSeconds = std::nullopt);
    quint64 getConfig();
    // etag as getConfig() gave it (quotes included).
    quint64 putConfig(const QByteArray& config, const QByteArray& etag);
    quint64 injectFault(const QJsonObject& fault);
    quint64 clearFaults();
    // One fault by the id its injection was answered with: renew its lease, or clear it alone.
    quint64 renewFault(int id, double ttlSeconds);
    quint64 clearFault(int id);

    static QString toString(BreakerCommand command); // "isolated", "disabled", "auto"

signals:
    void finished(const jimini::ControlResult& result);

private:
    quint64 send(ControlResult::Operation operation, const QByteArray& method, const QString& path,
                 const QByteArray& body, const QByteArray& ifMatch = {});
    void onFinished(const ReplyVerdict& verdict, const QByteArray& body, const QByteArray& etag, quint64 id,
                    ControlResult::Operation operation);

    ServiceEndpoint m_endpoint;
    QNetworkAccessManager* m_nam;
    quint64 m_nextId = 1;
    int m_timeoutMs = 15000;
    QString m_operator;
};

} // namespace jimini
