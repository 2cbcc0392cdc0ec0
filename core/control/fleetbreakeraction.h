// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/breakeritem.h"
#include "control/breakertarget.h"
#include "net/controlclient.h"

#include <QList>
#include <QObject>

#include <optional>

namespace jimini {

class AuditTrail;
class ControlService;

// What an operator asks of a set of breakers: one command, why, and for how long.
struct FleetBreakerRequest {
    ControlClient::BreakerCommand command = ControlClient::BreakerCommand::Isolate;
    QString reason;                // required (the service refuses an empty one; so does this)
    std::optional<int> ttlSeconds; // isolate / disable only
    QList<BreakerTarget> targets;  // each with the policies it applies to
    int timeoutMs = 10000;         // per request
};

// One breaker command over N instances x their policies, all sent at once through the console's (or the
// CLI's) ControlService. Each item ends Done with the service's answer (its breaker state and expiry) or
// Failed with why (refused, timed out, the HTTP status and the service's message); a partial failure is
// just that, and retryFailed() sends the failed items again, and only them. Each send is recorded in the
// audit trail first (not sent when it cannot be) and its outcome after. UI (or the CLI's main) thread.
class FleetBreakerAction final : public QObject {
    Q_OBJECT
public:
    // control must outlive this; audit may be null (nothing recorded).
    FleetBreakerAction(FleetBreakerRequest request, ControlService& control, AuditTrail* audit,
                       QObject* parent = nullptr);
    ~FleetBreakerAction() override;

    const FleetBreakerRequest& request() const noexcept { return m_request; }
    const QList<BreakerItem>& items() const noexcept { return m_items; }

    // Sends every item; finished() when the last one has its answer (at once when there are none).
    void start();
    // Sends every Failed item again; returns how many. Nothing while items are in flight.
    int retryFailed();

    bool isRunning() const noexcept { return m_inFlight > 0; }
    int count(BreakerItem::Status status) const;

    // The audit trail's verb: "breaker.isolate", "breaker.disable", "breaker.auto".
    static QString auditAction(ControlClient::BreakerCommand command);

signals:
    void itemChanged(int index);
    void finished();

private:
    void send(int index);
    void onAnswer(int index, qint64 intent, const ControlResult& result);
    void fail(int index, const QString& why);
    void settle();

    FleetBreakerRequest m_request;
    ControlService& m_control;
    AuditTrail* m_audit;
    QList<BreakerItem> m_items;
    int m_inFlight = 0;
};

} // namespace jimini
