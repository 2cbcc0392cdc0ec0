// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpexecution.h"

#include "net/replyoutcome.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace jimini {

HttpExecution::HttpExecution(QUrl url, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url)) {
    m_manager.setAutoDeleteReplies(false);
}

QNetworkReply* HttpExecution::get(Receiver& receiver, std::uint64_t tag) {
    QNetworkRequest request(m_url);
    // The pipeline's timeout stage owns time: no transfer timeout of Qt's own.
    request.setTransferTimeout(0);
    QNetworkReply* reply = m_manager.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, &receiver, tag] {
        const Outcome outcome = replyOutcome(*reply);
        reply->deleteLater();
        receiver.onHttpOutcome(tag, outcome);
    });
    return reply;
}

void HttpExecution::abort(QNetworkReply* reply) {
    if (!reply)
        return;
    reply->disconnect();
    reply->abort();
    reply->deleteLater();
}

} // namespace jimini
