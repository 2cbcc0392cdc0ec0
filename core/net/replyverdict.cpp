// SPDX-License-Identifier: GPL-3.0-or-later
#include "replyverdict.h"

#include <QNetworkReply>

namespace jimini {

ReplyVerdict ReplyVerdict::ofHttpStatus(int status) {
    ReplyVerdict v;
    v.httpStatus = status;
    if (status >= 200 && status < 300)
        return v;
    if (status == 401) {
        v.status = SourceStatus::Unauthorized;
        v.reason = QStringLiteral("401 Unauthorized: check the token file");
    } else if (status == 403) {
        v.status = SourceStatus::Unauthorized;
        v.reason = QStringLiteral("403 Forbidden: check the token file");
    } else {
        v.status = SourceStatus::HttpError;
        v.reason = QStringLiteral("HTTP %1").arg(status);
    }
    return v;
}

namespace {
// The media type without its parameters ("text/html; charset=utf-8" is text/html).
QByteArray mediaType(const QByteArray& contentType) {
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed();
}
} // namespace

bool ReplyVerdict::isJsonType(const QByteArray& contentType) {
    const QByteArray type = mediaType(contentType).toLower();
    return type.isEmpty() || type == "application/json" || type == "text/json" || type.endsWith("+json");
}

QString ReplyVerdict::notJson(const QByteArray& contentType) {
    if (isJsonType(contentType))
        return {};
    return QStringLiteral("got %1, not JSON").arg(QString::fromLatin1(mediaType(contentType).left(100)));
}

ReplyVerdict ReplyVerdict::of(const QNetworkReply& reply, const QString& tlsErrors, qint64 timedOutAfterMs,
                              bool tooLarge, qsizetype limit) {
    ReplyVerdict v;
    v.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    v.contentType = reply.rawHeader("Content-Type");
    if (tooLarge) {
        v.status = SourceStatus::TooLarge;
        v.reason = QStringLiteral("document larger than %1 bytes (not read)").arg(limit);
        return v;
    }
    if (timedOutAfterMs > 0) {
        v.status = SourceStatus::TimedOut;
        v.reason = QStringLiteral("no answer within %1 ms").arg(timedOutAfterMs);
        return v;
    }
    if (!tlsErrors.isEmpty()) {
        v.status = SourceStatus::TlsError;
        v.reason = QStringLiteral("TLS: ") + tlsErrors;
        return v;
    }
    if (v.httpStatus != 0 && (v.httpStatus < 200 || v.httpStatus >= 300))
        return ofHttpStatus(v.httpStatus);
    switch (reply.error()) {
    case QNetworkReply::NoError:
        return v;
    case QNetworkReply::ConnectionRefusedError:
        v.status = SourceStatus::Refused;
        v.reason = QStringLiteral("connection refused");
        return v;
    case QNetworkReply::RemoteHostClosedError:
        v.status = SourceStatus::Refused;
        v.reason = QStringLiteral("connection closed by the service");
        return v;
    case QNetworkReply::HostNotFoundError:
        v.status = SourceStatus::Refused;
        v.reason = QStringLiteral("host not found: %1").arg(reply.url().host());
        return v;
    case QNetworkReply::TimeoutError:
        v.status = SourceStatus::TimedOut;
        v.reason = QStringLiteral("connection timed out");
        return v;
    case QNetworkReply::ProtocolFailure:
        // Qt's words ("Error parsing status line"...) do not say what an operator needs: the port is
        // right, the protocol is not (an SSH or SMTP banner, a database, TLS spoken to http://).
        v.status = SourceStatus::Refused;
        v.reason = QStringLiteral("not HTTP: the answer on %1 is not an HTTP response (%2)")
                       .arg(reply.url().authority(), reply.errorString());
        return v;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        v.status = SourceStatus::TlsError;
        v.reason = QStringLiteral("TLS: ") + reply.errorString();
        return v;
    default:
        v.status = SourceStatus::Refused;
        v.reason = reply.errorString();
        return v;
    }
}

} // namespace jimini
