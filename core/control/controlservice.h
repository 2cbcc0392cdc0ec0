// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"
#include "net/serviceendpoint.h"

#include <QObject>

#include <optional>

class QNetworkAccessManager;

namespace jimini {

struct ControlResult;

// The console's door for acting on services. One long-lived network manager serves every control call
// (they are short, so its six connections per host:port are plenty, and a long-lived manager avoids
// the short-lived-manager crashes of Qt 6.4); each call gets a ControlClient that deletes itself once it
// reports. UI thread.
class ControlService final : public QObject {
    Q_OBJECT
public:
    explicit ControlService(QObject* parent = nullptr);
    ~ControlService() override;

    // Sends a breaker change; the answer arrives as breakerResult (the service's own words, never a
    // guess). Returns the request id the result carries.
    quint64 setBreakerState(const ServiceEndpoint& endpoint, const QString& policy,
                            ControlClient::BreakerCommand command, const QString& reason,
                            std::optional<double> ttlSeconds);

    // A client on this service's network manager, carrying the operator; owned by parent.
    ControlClient* newClient(const ServiceEndpoint& endpoint, QObject* parent);

    QNetworkAccessManager* network() const noexcept { return m_network; }
    // The name every request carries as X-Jimini-Operator; OperatorIdentity::current() unless set.
    void setOperator(const QString& name) { m_operator = name; }
    const QString& operatorName() const noexcept { return m_operator; }

signals:
    void breakerResult(const jimini::ServiceEndpoint& endpoint, const jimini::ControlResult& result);

private:
    QNetworkAccessManager* m_network;
    QString m_operator;
};

} // namespace jimini
