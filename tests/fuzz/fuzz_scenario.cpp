// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario file (docs/scenarios.md) as jimini replay and the console read it: ScenarioCodec::parse,
// within its size limit. An accepted scenario keeps its promises (phases in order, inside the run, rates
// in range), and a short, slow one replays on the staging profile with every offered call accounted for.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "sim/replayengine.h"
#include "sim/replaysink.h"
#include "sim/scenariocodec.h"

#include "config/profiles.h"

#include <cstddef>
#include <cstdint>

namespace {
struct CountingSink final : jimini::ReplaySink {
    void onSecond(const jimini::ReplaySecond& s) override {
        offered += s.offered;
        accounted += s.ended() + s.skipped;
        ++seconds;
    }
    std::uint64_t offered = 0;
    std::uint64_t accounted = 0;
    std::int64_t seconds = 0;
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(ScenarioCodec::maxBytes))
        return -1; // refused unread
    const ScenarioParseResult parsed =
        ScenarioCodec::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    fuzz::require(parsed.scenario.has_value() == parsed.errors.isEmpty(),
                  "a result has either a scenario or errors");
    for (const FieldError& e : parsed.errors)
        fuzz::require(!e.message.isEmpty(), "every error says what is wrong");
    if (!parsed.scenario)
        return 0;
    const Scenario& s = *parsed.scenario;
    fuzz::require(s.duration > Duration::zero(), "a scenario lasts");
    fuzz::require(!s.dependencies.empty() &&
                      s.dependencies.size() <= std::size_t(ScenarioCodec::maxDependencies),
                  "dependencies within bounds");
    double maxRate = s.traffic.maxRate();
    for (const ScenarioDependency& d : s.dependencies) {
        Duration previousEnd{};
        for (const ScenarioPhase& p : d.phases) {
            fuzz::require(p.start >= previousEnd, "phases in order, never overlapping");
            fuzz::require(p.end() <= s.duration, "phases inside the run");
            previousEnd = p.end();
        }
        if (d.traffic)
            maxRate = std::max(maxRate, d.traffic->maxRate());
        fuzz::require(d.baseline.errorRate >= 0 && d.baseline.errorRate <= 1,
                      "a baseline error rate in [0, 1]");
    }
    fuzz::require(maxRate >= 0 && maxRate <= ScenarioCodec::maxRate, "rates in range");
    // Replay only what takes a moment: at most 20 s of at most 50 calls a second per dependency.
    if (s.duration > std::chrono::seconds(20) || maxRate > 50)
        return 0;
    static const ResilienceConfig staging = *Profiles::load(QStringLiteral("staging"));
    Scenario runnable = s;
    for (ScenarioDependency& d : runnable.dependencies)
        d.policy = QStringLiteral("default");
    CountingSink sink;
    const ReplayRun run = ReplayEngine::run(runnable, staging, sink);
    fuzz::require(run.errors.isEmpty(), "a policy the config has is accepted");
    std::uint64_t inFlight = 0;
    for (const std::uint64_t n : run.inFlightAtEnd)
        inFlight += n;
    fuzz::require(sink.offered == sink.accounted + inFlight,
                  "every offered call ends, is skipped, or is in flight");
    fuzz::require(sink.seconds == run.seconds * std::int64_t(s.dependencies.size()),
                  "every second is reported");
    return 0;
}
