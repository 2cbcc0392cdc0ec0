// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "outcome.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jimini {

// Transport failures an HTTP client can report before any status line arrives.
enum class NetworkError : std::uint8_t {
    ConnectionRefused,
    ConnectionReset,
    HostNotFound,
    Timeout,
    Tls,
    Other
};
// "connection_refused", "connection_reset", "host_not_found", "timeout", "tls", "other".
std::string_view toString(NetworkError error) noexcept;

// The guide's defaults when the server gives no Retry-After: 30 s for 429 and 5xx, 15 s for network errors.
inline constexpr Duration kHttpDefaultRetryAfter = std::chrono::seconds(30);
inline constexpr Duration kNetworkRetryAfter = std::chrono::seconds(15);
// parseRetryAfter saturates here (100 years), so that adding the hint to a time point cannot overflow.
inline constexpr Duration kMaxParsedRetryAfter = std::chrono::hours(24 * 36525);

// The guide's HTTP mapping, with httpStatus set: 2xx/3xx succeed; 429 is rate_limit (retryAfter: the
// header or 30 s); 408 is a retryable timeout that may have succeeded; every other 4xx is business_logic
// and never retried; 5xx is service_unavailable (retryAfter: the header or 30 s). Anything that is not
// a final status (1xx, out of range) is unknown and not retried: be conservative, as the guide says.
Outcome classifyHttpStatus(int status, std::optional<Duration> retryAfter = std::nullopt) noexcept;

// service_unavailable, retryable, retryAfter 15 s; a Timeout is OutcomeKind::TimedOut (category timeout).
// mayHaveSucceeded is set where the request may have reached the server: timeouts, resets and Other.
Outcome classifyNetworkError(NetworkError error) noexcept;

// A Retry-After header value (RFC 9110 10.2.3): delta-seconds (digits only; saturates at
// kMaxParsedRetryAfter) or an HTTP-date in IMF-fixdate, obsolete RFC 850 or asctime form, taken relative
// to now (a date in the past gives 0). Surrounding spaces and tabs are ignored; anything else is nullopt.
std::optional<Duration> parseRetryAfter(std::string_view headerValue,
                                        std::chrono::system_clock::time_point now) noexcept;

} // namespace jimini
