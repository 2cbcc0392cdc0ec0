// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>

namespace jimini {

// What a rollout is asked to do: push config to every instance of one service, canary first.
struct RolloutOptions {
    QString service;                  // for the audit trail and the operator
    QString environment;              // for the audit trail
    QList<ServiceEndpoint> instances; // the first is the canary
    QByteArray config;                // the new config (validated with core/config before anything is sent)
    std::chrono::milliseconds watch{60000};       // how long each batch is watched (the canary's too)
    std::chrono::milliseconds pollInterval{1000}; // how often a watched instance's health is read
    std::chrono::milliseconds requestTimeout{10000};
    int batchSize = 1;
    double thresholdPp = 10; // error-rate rise, in percentage points, that rolls back
    bool force = false;      // start even though the instances' configs differ
    QString reason;          // the audit trail's "why"
};

} // namespace jimini
