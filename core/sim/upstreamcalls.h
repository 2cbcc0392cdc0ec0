// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <cstdint>

namespace jimini {

// Where a generated call's attempt goes when the traffic is forwarded to a real service (the agent's
// --upstream) instead of the simulated downstream. An interface so that this library stays free of
// sockets: core/serve implements it over HTTP (HttpUpstreamCalls), and a replay needs none.
class UpstreamCalls {
public:
    class Receiver {
    public:
        virtual void onUpstreamOutcome(std::uint64_t tag, const Outcome& outcome) = 0;

    protected:
        ~Receiver() = default;
    };

    virtual ~UpstreamCalls() = default;

    // Starts one attempt; receiver.onUpstreamOutcome(tag, ...) follows, on the caller's thread, unless
    // cancel() comes first. Returns the attempt's handle, never 0.
    virtual std::uint64_t start(Receiver& receiver, std::uint64_t tag) = 0;
    // Drops an attempt without a result. A handle that has already answered, or 0, is ignored.
    virtual void cancel(std::uint64_t handle) noexcept = 0;
};

} // namespace jimini
