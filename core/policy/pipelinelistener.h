// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "outcome.h"
#include "pipelineoptions.h"

#include <cstdint>

namespace jimini {

enum class PipelineEventKind : std::uint8_t {
    Rejected,  // a stage turned the call away (stage says which)
    Retrying,  // an attempt failed and another follows after delay
    TimedOut,  // an attempt ran out of time
    Completed, // the call finished with outcome
};

struct PipelineEvent {
    PipelineEventKind kind;
    Stage stage;
    const Outcome& outcome;
    std::uint32_t attempt;
    Duration delay;
};

// Opt-in telemetry: without a listener the pipeline pays one predictable branch per event.
// Called on whichever thread moves the call on; must be cheap and must not call back into the call.
class PipelineListener {
public:
    virtual ~PipelineListener() = default;
    virtual void onPipelineEvent(const PipelineEvent& event) noexcept = 0;
};

} // namespace jimini
