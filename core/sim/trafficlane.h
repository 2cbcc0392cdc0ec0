// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/policytelemetry.h"
#include "policy/pipeline.h"

#include <QString>

#include <memory>

namespace jimini {

// One named policy the traffic generator drives: the pipeline its next calls take (shared: calls in
// flight keep a replaced one alive) and the lifetime telemetry its finished calls are counted in.
struct TrafficLane {
    QString name;
    std::shared_ptr<Pipeline> pipeline;
    std::shared_ptr<PolicyTelemetry> telemetry; // may be null
};

} // namespace jimini
