// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpclassification.h"

#include <algorithm>
#include <array>
#include <limits>

namespace jimini {

namespace {
using namespace std::chrono;

constexpr std::array<std::string_view, 6> networkErrorNames{
    "connection_refused", "connection_reset", "host_not_found", "timeout", "tls", "other"};
constexpr std::array<std::string_view, 7> shortDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> longDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::int64_t kMaxSeconds = duration_cast<seconds>(kMaxParsedRetryAfter).count();

std::int16_t statusField(int status) noexcept {
    return status >= 0 && status <= std::numeric_limits<std::int16_t>::max()
               ? static_cast<std::int16_t>(status)
               : std::int16_t{0};
}

std::optional<Duration> nonNegative(std::optional<Duration> d) noexcept {
    if (d && *d < Duration::zero())
        return Duration::zero();
    return d;
}

constexpr bool isDigit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// `count` digits at `pos`, or -1.
int digits(std::string_view s, std::size_t pos, std::size_t count) noexcept {
    if (pos + count > s.size())
        return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i]))
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

template <std::size_t N>
bool oneOf(const std::array<std::string_view, N>& names, std::string_view token) noexcept {
    return std::find(names.begin(), names.end(), token) != names.end();
}

// 1..12, or 0.
unsigned monthNumber(std::string_view token) noexcept {
    const auto it = std::find(months.begin(), months.end(), token);
    return it == months.end() ? 0 : static_cast<unsigned>(it - months.begin() + 1);
}

struct Civil {
    int year = 0;
    unsigned month = 0;
    int day = -1;
    int hour = -1, minute = -1, second = -1;
};

// "HH:MM:SS" at pos; 60 seconds is a leap second.
bool parseTime(std::string_view s, std::size_t pos, Civil& c) noexcept {
    if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':')
        return false;
    c.hour = digits(s, pos, 2);
    c.minute = digits(s, pos + 3, 2);
    c.second = digits(s, pos + 6, 2);
    return c.hour >= 0 && c.hour <= 23 && c.minute >= 0 && c.minute <= 59 && c.second >= 0 && c.second <= 60;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool parseImfFixdate(std::string_view s, Civil& c) noexcept {
    if (s.size() != 29 || !oneOf(shortDays, s.substr(0, 3)) || s.substr(3, 2) != ", " || s[7] != ' ' ||
        s[11] != ' ' || s[16] != ' ' || s.substr(25) != " GMT")
        return false;
    c.day = digits(s, 5, 2);
    c.month = monthNumber(s.substr(8, 3));
    c.year = digits(s, 12, 4);
    return parseTime(s, 17, c);
}

// "Sunday, 06-Nov-94 08:49:37 GMT": a two-digit year more than 50 years ahead of now is in the past
// century (RFC 9110 5.6.7).
bool parseRfc850(std::string_view s, int currentYear, Civil& c) noexcept {
    const std::size_t comma = s.find(',');
    if (comma == std::string_view::npos || !oneOf(longDays, s.substr(0, comma)))
        return false;
    const std::string_view rest = s.substr(comma);
    if (rest.size() != 24 || rest.substr(0, 2) != ", " || rest[4] != '-' || rest[8] != '-' ||
        rest[11] != ' ' || rest.substr(20) != " GMT")
        return false;
    c.day = digits(rest, 2, 2);
    c.month = monthNumber(rest.substr(5, 3));
    const int yy = digits(rest, 9, 2);
    if (yy < 0)
        return false;
    c.year = currentYear - currentYear % 100 + yy;
    if (c.year > currentYear + 50)
        c.year -= 100;
    return parseTime(rest, 12, c);
}

// "Sun Nov  6 08:49:37 1994"
bool parseAsctime(std::string_view s, Civil& c) noexcept {
    if (s.size() != 24 || !oneOf(shortDays, s.substr(0, 3)) || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' ||
        s[19] != ' ')
        return false;
    c.month = monthNumber(s.substr(4, 3));
    c.day = s[8] == ' ' ? digits(s, 9, 1) : digits(s, 8, 2);
    c.year = digits(s, 20, 4);
    return parseTime(s, 11, c);
}

std::optional<std::int64_t> epochSeconds(const Civil& c) noexcept {
    if (c.day < 0 || c.year < 0)
        return std::nullopt;
    const year_month_day date{year{c.year}, month{c.month}, day{static_cast<unsigned>(c.day)}};
    if (!date.ok())
        return std::nullopt;
    return std::int64_t{sys_days{date}.time_since_epoch().count()} * 86400 + c.hour * 3600 + c.minute * 60 +
           c.second;
}

std::optional<Duration> deltaSeconds(std::string_view s) noexcept {
    std::int64_t value = 0;
    for (const char ch : s) {
        if (!isDigit(ch))
            return std::nullopt;
        // Saturate rather than overflow; keep scanning so that trailing garbage is still rejected.
        value = std::min(kMaxSeconds, value * 10 + (ch - '0'));
    }
    return seconds(value);
}
} // namespace

std::string_view toString(NetworkError error) noexcept {
    const auto i = static_cast<std::size_t>(error);
    return i < networkErrorNames.size() ? networkErrorNames[i] : "other";
}

Outcome classifyHttpStatus(int status, std::optional<Duration> retryAfter) noexcept {
    retryAfter = nonNegative(retryAfter);
    Outcome outcome;
    if (status >= 200 && status <= 399)
        outcome = Outcome::success();
    else if (status == 429)
        outcome =
            Outcome::failure(ErrorCategory::RateLimit, true, retryAfter.value_or(kHttpDefaultRetryAfter));
    else if (status == 408)
        outcome = Outcome{OutcomeKind::Failure, ErrorCategory::Timeout, true, true, 0, retryAfter};
    else if (status >= 400 && status <= 499)
        outcome = Outcome::failure(ErrorCategory::BusinessLogic, false);
    else if (status >= 500 && status <= 599)
        outcome = Outcome::failure(ErrorCategory::ServiceUnavailable, true,
                                   retryAfter.value_or(kHttpDefaultRetryAfter));
    else
        outcome = Outcome::failure(ErrorCategory::Unknown, false);
    outcome.httpStatus = statusField(status);
    return outcome;
}

Outcome classifyNetworkError(NetworkError error) noexcept {
    switch (error) {
    case NetworkError::Timeout:
        return Outcome::timedOut();
    case NetworkError::ConnectionRefused:
    case NetworkError::HostNotFound:
    case NetworkError::Tls:
        // Nothing reached the application: the request certainly did not run.
        return Outcome::failure(ErrorCategory::ServiceUnavailable, true, kNetworkRetryAfter);
    case NetworkError::ConnectionReset:
    case NetworkError::Other:
        break;
    }
    Outcome outcome = Outcome::failure(ErrorCategory::ServiceUnavailable, true, kNetworkRetryAfter);
    outcome.mayHaveSucceeded = true;
    return outcome;
}

std::optional<Duration> parseRetryAfter(std::string_view headerValue, system_clock::time_point now) noexcept {
    const auto isSpace = [](char ch) { return ch == ' ' || ch == '\t'; };
    while (!headerValue.empty() && isSpace(headerValue.front()))
        headerValue.remove_prefix(1);
    while (!headerValue.empty() && isSpace(headerValue.back()))
        headerValue.remove_suffix(1);
    if (headerValue.empty())
        return std::nullopt;
    if (isDigit(headerValue.front()))
        return deltaSeconds(headerValue);

    const auto nowSeconds = floor<seconds>(now);
    const int currentYear = static_cast<int>(year_month_day{floor<days>(nowSeconds)}.year());
    Civil civil;
    if (!parseImfFixdate(headerValue, civil) && !parseRfc850(headerValue, currentYear, civil) &&
        !parseAsctime(headerValue, civil))
        return std::nullopt;
    const std::optional<std::int64_t> target = epochSeconds(civil);
    if (!target)
        return std::nullopt;
    const std::int64_t ahead = *target - nowSeconds.time_since_epoch().count();
    if (ahead <= 0)
        return Duration::zero();
    if (ahead >= kMaxSeconds)
        return kMaxParsedRetryAfter;
    // The sub-second part of now is subtracted, so the result lands exactly on the date.
    return duration_cast<Duration>(seconds(ahead) - (now - nowSeconds));
}

} // namespace jimini
