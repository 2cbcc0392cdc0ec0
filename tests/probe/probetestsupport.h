// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An agent on loopback (real time, no generated traffic: only the probe reaches its target) and a
// probe run against it that the test waits for with a deadline.

#include "serve/agent.h"
#include "serve/agentserver.h"

#include "config/configcodec.h"
#include "probe/probeprofile.h"
#include "probe/proberun.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

inline std::unique_ptr<jimini::Agent> startTargetAgent() {
    jimini::AgentOptions o;
    o.callsPerSecond = 0;
    o.seed = 3;
    const QByteArray config = R"({"environment": "test", "policies": {"default": {}}})";
    auto agent = std::make_unique<jimini::Agent>(o, *jimini::ConfigCodec::parse(config).config);
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

inline QUrl targetUrl(const jimini::Agent& agent, const QString& name = QStringLiteral("default")) {
    QUrl u = agent.baseUrl();
    u.setPath(QStringLiteral("/target/") + name);
    return u;
}

inline int injectFault(const jimini::Agent& agent, const QByteArray& json) {
    QNetworkAccessManager nam;
    QUrl u = agent.baseUrl();
    u.setPath(QStringLiteral("/resilience/v1/faults"));
    QNetworkRequest request(u);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply* reply = nam.post(request, json);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

// A policy from the body of one policy in a config document.
inline jimini::PolicyConfig policyFrom(const QByteArray& policyJson) {
    const QByteArray doc = R"({"environment": "test", "policies": {"default": )" + policyJson + "}}";
    const jimini::ConfigParseResult parsed = jimini::ConfigCodec::parse(doc);
    if (!parsed.ok()) {
        for (const auto& e : parsed.errors)
            qWarning("policy: %s", qPrintable(e.toString()));
        return {};
    }
    return *jimini::ProbeProfile::fromConfig(*parsed.config).policy;
}

inline jimini::ProbeOptions probeOptions(const QUrl& url, const jimini::PolicyConfig& policy, double rate,
                                         std::uint64_t requests) {
    jimini::ProbeOptions o;
    o.url = url;
    o.profile = QStringLiteral("test");
    o.policy = policy;
    o.load.rate = rate;
    o.load.requests = requests;
    o.seed = 7;
    return o;
}

// Runs to the end; false when it did not finish within the deadline.
inline bool runToEnd(jimini::ProbeRun& run, int deadlineMs = 20000) {
    QSignalSpy finished(&run, &jimini::ProbeRun::finished);
    run.start();
    return run.isFinished() || finished.wait(deadlineMs);
}
