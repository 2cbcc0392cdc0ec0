// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "serve/agent.h"

#include <QByteArray>
#include <QSignalSpy>
#include <QString>

#include <memory>

namespace jimini::test {

// The rollout tests' fleet: "orders" agents on loopback with one policy, "dep", whose configs differ by
// their timeout (and failure threshold), so each pushed version is told apart by its ETag.
inline QByteArray ordersConfig(double timeout, int failureThreshold = 1000,
                               const QString& environment = QStringLiteral("test")) {
    return QStringLiteral(R"({"environment": "%3", "policies": {"dep": {"circuit_breaker":
        {"failure_threshold": %2, "recovery_timeout": 60}, "timeout": %1}}})")
        .arg(timeout)
        .arg(failureThreshold)
        .arg(environment)
        .toUtf8();
}

// Instance orders-<index>, started on a free port, answering without errors; token: required when set.
inline std::unique_ptr<Agent> startOrdersAgent(int index, const QByteArray& config, int callsPerSecond = 20,
                                               const QByteArray& token = {}) {
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.instance = QStringLiteral("orders-%1").arg(index);
    options.callsPerSecond = callsPerSecond;
    options.seed = quint64(index + 1);
    options.downstream.errorRate = 0;
    options.token = token;
    auto agent = std::make_unique<Agent>(options, std::move(*ConfigCodec::parse(config).config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

// The config version in force, as the agent itself answers GET /config (not the console's view); empty
// when it did not answer.
inline QByteArray configVersionOf(const Agent& agent) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    ControlClient client(endpoint);
    QSignalSpy spy(&client, &ControlClient::finished);
    client.getConfig();
    return spy.wait(20000) ? spy.front().front().value<ControlResult>().etag : QByteArray();
}

} // namespace jimini::test
