// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configpushoutcome.h"

#include "config/resilienceconfig.h"
#include "net/serviceendpoint.h"

#include <QObject>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace jimini {

class AuditTrail;
class ConfigHistory;
class ControlClient;
struct ControlResult;

// One operator's edit of one instance's config: the base it started from (the live config and its ETag),
// pushes with If-Match, and what each answer means. A 412 reads the config now in force ("theirs") and
// rebases the pushed draft onto it three ways (ConfigMerge); from then on theirs is the base and its ETag
// the If-Match, so the operator's next push (the rebased draft, conflicts settled) goes through unless it
// changed again. A 422 hands the service's field errors over. Every applied push is kept in the history
// (with the version it replaced, the first time), so rollback() can push the previous version back, itself
// with If-Match. Each push and rollback is recorded in the audit trail before it is sent (nothing is sent
// when that fails) and again with the answer. UI thread (or the CLI's); one request at a time.
class ConfigSession final : public QObject {
    Q_OBJECT
public:
    // nam must outlive this; audit and history may be null (nothing recorded / kept).
    ConfigSession(ServiceEndpoint endpoint, QNetworkAccessManager* nam, AuditTrail* audit,
                  ConfigHistory* history, QObject* parent = nullptr);
    ~ConfigSession() override;

    const ServiceEndpoint& endpoint() const noexcept { return m_endpoint; }
    void setTimeout(int ms);
    void setReason(const QString& reason) { m_reason = reason; }
    // Sent as X-Jimini-Operator; OperatorIdentity::current() unless set.
    void setOperator(const QString& name);

    // GET the live config; loaded() says how it went, and on success it is the base.
    void load();
    // A base known otherwise (a restored draft's).
    void setBase(const ResilienceConfig& base, const QByteArray& etag);
    const std::optional<ResilienceConfig>& base() const noexcept { return m_base; }
    const QByteArray& etag() const noexcept { return m_etag; }
    bool busy() const noexcept { return m_busy; }

    // PUT document with If-Match: etag(). Refused at once (Failed) without a base or while busy.
    void push(const QByteArray& document);
    // Pushes the version before the newest one in the history back, with If-Match the newest's ETag (or the
    // base's when the history has none). Failed at once when there is nothing to go back to.
    void rollback();

signals:
    void loaded(const jimini::ControlResult& result);
    void pushed(const jimini::ConfigPushOutcome& outcome);

private:
    void send(const QByteArray& document, const QByteArray& ifMatch, const QString& action);
    void onPut(const ControlResult& result, const QByteArray& document, const QByteArray& ifMatch,
               qint64 intent);
    void onTheirs(const ControlResult& result, ConfigPushOutcome& outcome, const QByteArray& document);
    void finish(ConfigPushOutcome outcome, qint64 intent);
    bool adoptBase(const ControlResult& result);

    ServiceEndpoint m_endpoint;
    ControlClient* m_client;
    AuditTrail* m_audit;
    ConfigHistory* m_history;
    std::optional<ResilienceConfig> m_base;
    QByteArray m_baseDocument;
    QByteArray m_etag;
    QString m_reason;
    bool m_busy = false;
    quint64 m_pendingId = 0;
    std::function<void(const ControlResult&)> m_pending;
};

} // namespace jimini
