// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcesample.h"

namespace jimini {

QString toString(SourceStatus status) {
    switch (status) {
    case SourceStatus::Ok:
        return QStringLiteral("ok");
    case SourceStatus::Connecting:
        return QStringLiteral("connecting");
    case SourceStatus::Refused:
        return QStringLiteral("refused");
    case SourceStatus::TimedOut:
        return QStringLiteral("timed_out");
    case SourceStatus::Unauthorized:
        return QStringLiteral("unauthorized");
    case SourceStatus::HttpError:
        return QStringLiteral("http_error");
    case SourceStatus::Malformed:
        return QStringLiteral("malformed");
    case SourceStatus::TooLarge:
        return QStringLiteral("too_large");
    case SourceStatus::TlsError:
        return QStringLiteral("tls_error");
    case SourceStatus::Stale:
        return QStringLiteral("stale");
    case SourceStatus::Backoff:
        return QStringLiteral("backoff");
    }
    return QStringLiteral("unknown");
}

} // namespace jimini
