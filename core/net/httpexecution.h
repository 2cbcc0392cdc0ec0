// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <cstdint>
#include <memory>
#include <vector>

class QNetworkReply;

namespace jimini {

// What every request of an HttpExecution sends (GET with no body by default).
struct HttpRequestSpec {
    QByteArray method = "GET";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// The HTTP execution adapter: real requests against one URL through long-lived QNetworkAccessManagers
// (connection reuse; one manager opens at most 6 connections per host:port, so a caller that wants more
// at once asks for more managers and they take turns), each answer an Outcome for a Pipeline's attempt. The
// classification is the one of core/net (net/replyoutcome: the policy core's classifyHttpStatus with the
// Retry-After, or classifyNetworkError). Used by the agent's generated traffic (--upstream) and the probe.
// Lives on, and must be used from, one thread with an event loop; no transfer timeout of its own: the
// pipeline's timeout stage owns time.
class HttpExecution final : public QObject {
    Q_OBJECT
public:
    class Receiver {
    public:
        virtual ~Receiver() = default;
        virtual void onHttpOutcome(std::uint64_t tag, const Outcome& outcome) = 0;
    };

    // managers: at least 1; about concurrency / 6 for that many requests in flight at once.
    explicit HttpExecution(QUrl url, QObject* parent = nullptr, int managers = 1);
    HttpExecution(QUrl url, HttpRequestSpec spec, int managers, QObject* parent = nullptr);

    // Starts a GET; receiver.onHttpOutcome(tag, ...) follows unless abort() is called first.
    QNetworkReply* get(Receiver& receiver, std::uint64_t tag);
    // Starts the request the spec describes; the same contract as get().
    QNetworkReply* send(Receiver& receiver, std::uint64_t tag);
    // Stops a request without a result (an abandoned attempt).
    static void abort(QNetworkReply* reply);

    const QUrl& url() const noexcept { return m_url; }
    const HttpRequestSpec& spec() const noexcept { return m_spec; }
    int managerCount() const noexcept { return int(m_managers.size()); }

private:
    QNetworkReply* start(QNetworkReply* reply, Receiver& receiver, std::uint64_t tag);
    QNetworkAccessManager& nextManager();

    QUrl m_url;
    HttpRequestSpec m_spec;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::size_t m_next = 0;
};

} // namespace jimini
