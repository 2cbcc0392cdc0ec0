// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/scenario.h"

#include "json/fielderror.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace jimini {

struct ScenarioParseResult {
    std::optional<Scenario> scenario;
    QList<FieldError> errors; // each with its JSON path ("dependencies[0].phases[1].error_rate")
};

// The scenario file of docs/scenarios.md (schema: resources/schemas/scenario.schema.json). Hostile input
// is bounded: at most maxBytes, maxDependencies, maxPhases each; a week at most; rates up to 100,000 calls
// per second. Phases are fault documents (FaultCodec's rules) with a start and a name.
class ScenarioCodec {
public:
    static constexpr qsizetype maxBytes = 1 << 20;
    static constexpr int maxDependencies = 16;
    static constexpr int maxPhases = 256;
    static constexpr double maxSeconds = 7 * 86400;
    static constexpr double maxRate = 100000;

    static ScenarioParseResult parse(const QByteArray& json);
};

} // namespace jimini
