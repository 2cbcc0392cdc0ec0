// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipelinefactory.h"

#include "configcodec.h"

namespace jimini {

std::unique_ptr<Pipeline> PipelineFactory::build(const PolicyConfig& policy, Scheduler& scheduler,
                                                 std::uint64_t seed,
                                                 std::shared_ptr<CircuitBreaker> breaker) {
    return std::make_unique<Pipeline>(policy.pipeline, scheduler, seed, std::move(breaker));
}

PipelineSet PipelineFactory::buildAll(const ResilienceConfig& config, Scheduler& scheduler,
                                      std::uint64_t seed) {
    PipelineSet set;
    set.errors = ConfigCodec::validate(config);
    if (!set.errors.isEmpty())
        return set;
    std::uint64_t n = 0;
    for (const PolicyConfig& policy : config.policies)
        // Distinct seeds: policies must not jitter in lock-step.
        set.pipelines.emplace(policy.name, build(policy, scheduler, seed ? seed + n++ : 0));
    return set;
}

} // namespace jimini
