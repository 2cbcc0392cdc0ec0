// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysink.h"
#include "sim/replaysummary.h"

#include <QJsonObject>

#include <vector>

class QIODevice;

namespace jimini {

// A replay's results as JSON (docs/scenarios.md, "Results"): keys absent where the replay has nothing
// to say (no breaker, no call ended), never a made-up 0.
class ReplayJson {
public:
    static QJsonObject second(const ReplaySecond& second);
    static QJsonObject summary(const DependencySummary& summary, std::uint64_t inFlightAtEnd);
    static QJsonObject transition(std::uint32_t dependency, Duration at, const BreakerTransition& transition);
};

// Streams one config's run as a JSON object to out as it computes: {"config": name, "seconds": [...],
// "transitions": [...], "summary": [...]}, so a day of seconds never sits in memory as JSON. The
// transitions (few) are kept until finish().
class ReplayJsonStream final : public ReplaySink {
public:
    ReplayJsonStream(QIODevice& out, const QString& config);

    void onSecond(const ReplaySecond& second) override;
    void onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& transition) override;
    void finish(const std::vector<DependencySummary>& summaries,
                const std::vector<std::uint64_t>& inFlightAtEnd);

private:
    QIODevice& m_out;
    bool m_first = true;
    std::vector<QJsonObject> m_transitions;
};

} // namespace jimini
