// SPDX-License-Identifier: GPL-3.0-or-later
#include "replyoutcome.h"

#include <QNetworkRequest>

#include <chrono>
#include <optional>
#include <string_view>

namespace jimini {

namespace {
// An HTTP answer that is not 2xx, as the connection counts it.
Outcome answered(int httpStatus) noexcept {
    Outcome outcome = classifyHttpStatus(httpStatus);
    if (outcome.category == ErrorCategory::RateLimit) // told to back off: as unavailable as a 503
        outcome.category = ErrorCategory::ServiceUnavailable;
    if (outcome.ok() || outcome.category != ErrorCategory::ServiceUnavailable) {
        outcome = Outcome::failure(ErrorCategory::BusinessLogic, false);
        outcome.httpStatus = classifyHttpStatus(httpStatus).httpStatus;
    }
    return outcome;
}
} // namespace

NetworkError networkErrorOf(QNetworkReply::NetworkError error) noexcept {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return NetworkError::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
        return NetworkError::ConnectionReset;
    case QNetworkReply::HostNotFoundError:
        return NetworkError::HostNotFound;
    case QNetworkReply::TimeoutError:
        return NetworkError::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return NetworkError::Tls;
    default:
        return NetworkError::Other;
    }
}

Outcome replyOutcome(const QNetworkReply& reply) {
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        std::optional<Duration> retryAfter;
        const QByteArray header = reply.rawHeader("Retry-After");
        if (!header.isEmpty())
            retryAfter = parseRetryAfter(std::string_view(header.constData(), std::size_t(header.size())),
                                         std::chrono::system_clock::now());
        return classifyHttpStatus(status.toInt(), retryAfter);
    }
    return classifyNetworkError(networkErrorOf(reply.error()));
}

Outcome connectionOutcome(const ReplyVerdict& verdict) noexcept {
    switch (verdict.status) {
    case SourceStatus::Ok:
        return Outcome::success();
    case SourceStatus::Refused:
        return classifyNetworkError(NetworkError::ConnectionRefused);
    case SourceStatus::TimedOut:
        return classifyNetworkError(NetworkError::Timeout);
    case SourceStatus::TlsError:
        return classifyNetworkError(NetworkError::Tls);
    case SourceStatus::TooLarge: // the answer could not be taken in: for the connection, none came
        return classifyNetworkError(NetworkError::Other);
    case SourceStatus::Unauthorized:
    case SourceStatus::HttpError:
        return answered(verdict.httpStatus);
    default:
        break;
    }
    return Outcome::failure(ErrorCategory::BusinessLogic, false);
}

} // namespace jimini
