// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/policyconfig.h"
#include "net/httpexecution.h"
#include "policy/clock.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <cstdint>
#include <optional>

namespace jimini {

// How calls arrive. OpenLoop: at a constant rate, each on its schedule whether or not earlier calls have
// finished (a slow target cannot slow the load down and hide its latency: no coordinated omission).
// ClosedLoop: `workers` callers, each starting its next call when its last one finished.
struct ProbeLoad {
    enum class Mode : std::uint8_t { OpenLoop, ClosedLoop };
    Mode mode = Mode::OpenLoop;
    double rate = 20; // calls per second (open loop)
    int workers = 0;  // closed loop
    std::optional<Duration> duration;
    std::optional<std::uint64_t> requests; // calls; the run ends at whichever limit comes first
};

struct ProbeOptions {
    static constexpr double maxRate = 100000;
    static constexpr int maxWorkers = 10000;
    static constexpr std::uint64_t maxInFlight = 100000; // past it an arrival is counted as not sent

    QUrl url;
    HttpRequestSpec request;
    QString profile;     // the name shown in reports (production, staging, development, a file)
    PolicyConfig policy; // the policy every call goes through
    ProbeLoad load;
    std::uint64_t seed = 0; // the pipeline's jitter; 0: random

    // What is wrong with these options, one message each naming the field; empty when they can run.
    QStringList validate() const;
    // Connections the run may want at once: the open loop's rate times the policy's timeout (capped),
    // or the workers; the HTTP execution gets one manager per 6.
    int managerCount() const;
};

// A probe URL: http or https with a host; the error names what is wrong.
std::optional<QString> checkProbeUrl(const QUrl& url);

} // namespace jimini
