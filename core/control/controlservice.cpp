// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/controlservice.h"

#include "control/controllog.h"
#include "control/operatoridentity.h"
#include "net/controlresult.h"

#include <QNetworkAccessManager>

namespace jimini {

ControlService::ControlService(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_operator(OperatorIdentity::current()) {}

ControlService::~ControlService() = default;

quint64 ControlService::setBreakerState(const ServiceEndpoint& endpoint, const QString& policy,
                                        ControlClient::BreakerCommand command, const QString& reason,
                                        std::optional<double> ttlSeconds) {
    ControlClient* client = newClient(endpoint, this);
    connect(client, &ControlClient::finished, this, [this, client](const ControlResult& result) {
        qCDebug(lcControl) << "breaker change at" << client->endpoint().id() << "answered"
                           << result.httpStatus << result.reason;
        emit breakerResult(client->endpoint(), result);
        client->deleteLater();
    });
    return client->setBreakerState(policy, command, reason, ttlSeconds);
}

ControlClient* ControlService::newClient(const ServiceEndpoint& endpoint, QObject* parent) {
    auto* client = new ControlClient(endpoint, m_network, parent);
    client->setOperator(m_operator);
    return client;
}

} // namespace jimini
