// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/sourcesample.h"

namespace jimini {

// A consumer of everything the hub's sources say, beside the ingest (a flight recorder, an exporter).
// Called on the hub's worker thread (the caller's thread when its clock is simulated), in order:
// sample() with every sample of a watched endpoint as its source produced it, before the ingest sees
// it; event() with every event as the event log gets it (the sources' own, with service and instance
// filled in, and the transitions the ingest inferred). It must not block: a slow sink slows the fleet.
class FleetSink {
public:
    virtual ~FleetSink() = default;
    virtual void sample(const SourceSample& sample) = 0;
    virtual void event(const FleetEvent& event) = 0;
};

} // namespace jimini
