// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "outcome.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace jimini {

enum class ResultSource : std::uint8_t {
    Primary,  // the operation itself
    Fallback, // an alternate operation
    Cache,    // the last good value, within its time-to-live
    Default,  // a fixed default value
    None,     // nothing could stand in: outcome says why
};

constexpr std::string_view toString(ResultSource source) noexcept {
    switch (source) {
    case ResultSource::Primary:
        return "primary";
    case ResultSource::Fallback:
        return "fallback";
    case ResultSource::Cache:
        return "cache";
    case ResultSource::Default:
        return "default";
    case ResultSource::None:
        return "none";
    }
    return "none";
}

// What the caller gets: a value (unless source is None), the primary outcome that led to it, where the
// value came from, and whether it is a degraded stand-in rather than the real answer.
template <class T> struct FallbackResult {
    std::optional<T> value;
    Outcome outcome;
    ResultSource source = ResultSource::None;
    bool degraded() const noexcept { return source != ResultSource::Primary; }
};

} // namespace jimini
