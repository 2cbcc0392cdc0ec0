// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "resilienceconfig.h"

#include "policy/pipeline.h"

#include <QList>
#include <QString>

#include <map>
#include <memory>

namespace jimini {

// Named pipelines built from one config, all on the same scheduler.
struct PipelineSet {
    std::map<QString, std::unique_ptr<Pipeline>> pipelines;
    QList<ConfigError> errors; // non-empty: nothing was built

    bool ok() const { return errors.isEmpty(); }
    Pipeline* find(const QString& name) const {
        const auto it = pipelines.find(name);
        return it == pipelines.end() ? nullptr : it->second.get();
    }
};

// Turns config into running policy. A config that does not validate builds nothing: a pipeline is never
// built from half a config.
class PipelineFactory {
public:
    // breaker: see Pipeline's constructor.
    static std::unique_ptr<Pipeline> build(const PolicyConfig& policy, Scheduler& scheduler,
                                           std::uint64_t seed = 0,
                                           std::shared_ptr<CircuitBreaker> breaker = {});
    static PipelineSet buildAll(const ResilienceConfig& config, Scheduler& scheduler, std::uint64_t seed = 0);
};

} // namespace jimini
