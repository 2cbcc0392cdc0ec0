// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcesample.h"

#include <array>

namespace jimini {

namespace {
// Indexed by the enum's value.
constexpr std::array<const char*, 11> statusNames{"ok",           "connecting", "refused",   "timed_out",
                                                  "unauthorized", "http_error", "malformed", "too_large",
                                                  "tls_error",    "stale",      "backoff"};
static_assert(statusNames.size() == std::size_t(SourceStatus::Backoff) + 1);
} // namespace

QString toString(SourceStatus status) {
    const auto i = std::size_t(status);
    return i < statusNames.size() ? QString::fromLatin1(statusNames[i]) : QStringLiteral("unknown");
}

std::optional<SourceStatus> sourceStatusFromName(QStringView text) {
    for (std::size_t i = 0; i < statusNames.size(); ++i)
        if (text == QLatin1String(statusNames[i]))
            return SourceStatus(i);
    return std::nullopt;
}

} // namespace jimini
