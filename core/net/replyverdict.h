// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sourcesample.h"

#include <QString>

class QNetworkReply;

namespace jimini {

// Why a request did not give a usable answer, worded for an operator. Shared by the health sources and
// the control client so that the same failure reads the same everywhere.
struct ReplyVerdict {
    SourceStatus status = SourceStatus::Ok; // Ok: a 2xx answer arrived
    QString reason;
    int httpStatus = 0;
    QByteArray contentType; // of the answer, as sent (empty: none)

    bool ok() const noexcept { return status == SourceStatus::Ok; }

    // A finished reply. tlsErrors: what sslErrors() reported (empty if nothing). The caller's own aborts
    // come first: timedOutAfterMs > 0 (its deadline ran out), tooLarge (the body was over the limit).
    static ReplyVerdict of(const QNetworkReply& reply, const QString& tlsErrors, qint64 timedOutAfterMs,
                           bool tooLarge, qsizetype limit);
    // "HTTP 503"; 401 and 403 point at the token file.
    static ReplyVerdict ofHttpStatus(int status);
    // Whether a Content-Type announces JSON (application/json, any +json, text/json); an empty one may.
    static bool isJsonType(const QByteArray& contentType);
    // "got text/html, not JSON": why a body of that type did not parse, when the type explains it; empty
    // when the type is JSON or missing.
    static QString notJson(const QByteArray& contentType);
};

} // namespace jimini
