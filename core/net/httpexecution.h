// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <cstdint>

class QNetworkReply;

namespace jimini {

// The HTTP execution adapter: real GETs against one URL through one long-lived QNetworkAccessManager
// (connection reuse), each answer an Outcome for a Pipeline's attempt. The classification is the one of
// core/net (net/replyoutcome: the policy core's classifyHttpStatus with the Retry-After, or
// classifyNetworkError). Used by the agent's generated traffic (--upstream) and the probe. Lives on, and
// must be used from, one thread with an event loop; no transfer timeout of its own: the pipeline's
// timeout stage owns time.
class HttpExecution final : public QObject {
    Q_OBJECT
public:
    class Receiver {
    public:
        virtual ~Receiver() = default;
        virtual void onHttpOutcome(std::uint64_t tag, const Outcome& outcome) = 0;
    };

    explicit HttpExecution(QUrl url, QObject* parent = nullptr);

    // Starts a GET; receiver.onHttpOutcome(tag, ...) follows unless abort() is called first.
    QNetworkReply* get(Receiver& receiver, std::uint64_t tag);
    // Stops a request without a result (an abandoned attempt).
    static void abort(QNetworkReply* reply);

    const QUrl& url() const noexcept { return m_url; }

private:
    QUrl m_url;
    QNetworkAccessManager m_manager;
};

} // namespace jimini
