// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakerstate.h"

#include <array>

namespace jimini {

namespace {
constexpr std::array<std::string_view, 5> stateNames{"closed", "open", "half_open", "isolated", "disabled"};
constexpr std::array<std::string_view, 12> reasonNames{
    "failure_threshold", "failure_rate", "slow_call_rate",    "open_duration_elapsed",
    "trials_succeeded",  "trial_failed", "half_open_timeout", "manual_isolate",
    "manual_disable",    "manual_auto",  "ttl_expired",       "reset"};
} // namespace

std::string_view toString(BreakerState state) noexcept {
    const auto i = static_cast<std::size_t>(state);
    return i < stateNames.size() ? stateNames[i] : "unknown";
}

std::string_view toString(TransitionReason reason) noexcept {
    const auto i = static_cast<std::size_t>(reason);
    return i < reasonNames.size() ? reasonNames[i] : "unknown";
}

} // namespace jimini
