// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstreamclient.h"

#include "policy/httpclassification.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <chrono>

namespace jimini {

namespace {
NetworkError networkErrorOf(QNetworkReply::NetworkError error) {
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
} // namespace

UpstreamClient::UpstreamClient(QUrl url, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url)) {
    m_manager.setAutoDeleteReplies(false);
}

QNetworkReply* UpstreamClient::get(Receiver& receiver, std::uint64_t tag) {
    QNetworkRequest request(m_url);
    // The pipeline's timeout stage owns time: no transfer timeout of Qt's own.
    request.setTransferTimeout(0);
    QNetworkReply* reply = m_manager.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, &receiver, tag] {
        const Outcome outcome = classify(reply);
        reply->deleteLater();
        receiver.onUpstreamResult(tag, outcome);
    });
    return reply;
}

void UpstreamClient::abort(QNetworkReply* reply) {
    if (!reply)
        return;
    reply->disconnect();
    reply->abort();
    reply->deleteLater();
}

Outcome UpstreamClient::classify(QNetworkReply* reply) {
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        std::optional<Duration> retryAfter;
        const QByteArray header = reply->rawHeader("Retry-After");
        if (!header.isEmpty())
            retryAfter = parseRetryAfter(std::string_view(header.constData(), std::size_t(header.size())),
                                         std::chrono::system_clock::now());
        return classifyHttpStatus(status.toInt(), retryAfter);
    }
    return classifyNetworkError(networkErrorOf(reply->error()));
}

} // namespace jimini
