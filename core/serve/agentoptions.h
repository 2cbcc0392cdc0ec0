// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/httplimits.h"
#include "sim/downstream.h"

#include "policy/clock.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>
#include <cstdint>

namespace jimini {

// Everything an Agent is started with, apart from its resilience config.
struct AgentOptions {
    QString service = QStringLiteral("jimini-agent");
    QString instance;    // empty: "<service>-<port>"
    QString environment; // empty: the config's environment
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;    // 0: any free port
    QByteArray token;    // bearer token for mutations; empty: none (loopback only)
    QString tlsCertFile; // PEM; both set: serve https
    QString tlsKeyFile;
    QUrl upstream;              // empty: the simulated downstream
    double callsPerSecond = 20; // generated traffic, per policy; 0: none
    Duration streamInterval = std::chrono::seconds(1);
    Duration heartbeatInterval = std::chrono::seconds(15);
    std::uint64_t seed = 0; // 0: random
    HttpLimits http;        // sizes, deadlines and caps of the HTTP server and its event streams
    // Run on a SimulatedScheduler owned by the agent (virtual time: tests drive it) instead of the
    // Qt event loop. HTTP still runs on the event loop.
    bool simulatedTime = false;
    DownstreamOptions downstream;
    // What GET|POST /target/{name} does without a fault: by default answers 200 at once.
    DownstreamOptions target{LatencyDistribution::fixed(Duration::zero()), 0, {}, std::nullopt};
};

} // namespace jimini
