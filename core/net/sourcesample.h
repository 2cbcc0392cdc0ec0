// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// What one read of one endpoint produced: a document, or the reason there is none. Made (and the body
// parsed) off the UI thread.
enum class SourceStatus : quint8 {
    Ok,           // document holds what the service said
    Connecting,   // no answer yet
    Refused,      // connection refused / reset / host not found
    TimedOut,     // no answer within the interval
    Unauthorized, // 401 / 403
    HttpError,    // any other non-2xx status
    Malformed,    // the body broke the schema: reason names the JSON path
    TooLarge,     // the body was over the size limit (not parsed)
    TlsError,     // certificate not trusted
    Stale,        // no good document for three intervals (reported by the source itself)
    Backoff,      // reconnecting later: the connection's breaker is open
};

struct SourceSample {
    QString endpointId;
    QDateTime receivedAt; // wall clock, UTC
    SourceStatus status = SourceStatus::Connecting;
    QString reason; // human-readable, names what is wrong and where
    std::optional<HealthDocument> document;
    qint64 latencyMs = 0; // request round trip
    QDateTime lastSeen;   // when the last good document arrived (invalid: never)
    bool stale = false;   // no good document for three intervals (set on every sample until one comes)
};

// The one name table of SourceStatus (the widgets hold translated labels): "ok", "connecting", "refused",
// "timed_out", "unauthorized", "http_error", "malformed", "too_large", "tls_error", "stale", "backoff".
QString toString(SourceStatus status);
std::optional<SourceStatus> sourceStatusFromName(QStringView text); // exact names only

} // namespace jimini

Q_DECLARE_METATYPE(jimini::SourceSample)
