// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <cstdint>

class QNetworkReply;

namespace jimini {

// Real GETs against --upstream through one long-lived QNetworkAccessManager (connection reuse). Each
// answer is classified by the policy core: the HTTP status with its Retry-After by classifyHttpStatus,
// transport errors by classifyNetworkError. Lives on, and must be used from, the agent's thread.
class UpstreamClient final : public QObject {
    Q_OBJECT
public:
    class Receiver {
    public:
        virtual ~Receiver() = default;
        virtual void onUpstreamResult(std::uint64_t tag, const Outcome& outcome) = 0;
    };

    explicit UpstreamClient(QUrl url, QObject* parent = nullptr);

    // Starts a GET; receiver.onUpstreamResult(tag, ...) follows unless abort() is called first.
    QNetworkReply* get(Receiver& receiver, std::uint64_t tag);
    // Stops a request without a result (an abandoned attempt).
    static void abort(QNetworkReply* reply);

    static Outcome classify(QNetworkReply* reply);
    const QUrl& url() const noexcept { return m_url; }

private:
    QUrl m_url;
    QNetworkAccessManager m_manager;
};

} // namespace jimini
