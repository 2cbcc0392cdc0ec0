// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpexecution.h"

#include "net/replyoutcome.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace jimini {

HttpExecution::HttpExecution(QUrl url, QObject* parent, int managers)
    : HttpExecution(std::move(url), HttpRequestSpec{}, managers, parent) {}

HttpExecution::HttpExecution(QUrl url, HttpRequestSpec spec, int managers, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_spec(std::move(spec)) {
    const int count = std::max(1, managers);
    m_managers.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        manager->setAutoDeleteReplies(false);
        m_managers.push_back(std::move(manager));
    }
}

QNetworkAccessManager& HttpExecution::nextManager() {
    QNetworkAccessManager& manager = *m_managers[m_next];
    m_next = (m_next + 1) % m_managers.size();
    return manager;
}

QNetworkReply* HttpExecution::get(Receiver& receiver, std::uint64_t tag) {
    QNetworkRequest request(m_url);
    // The pipeline's timeout stage owns time: no transfer timeout of Qt's own.
    request.setTransferTimeout(0);
    return start(nextManager().get(request), receiver, tag);
}

QNetworkReply* HttpExecution::send(Receiver& receiver, std::uint64_t tag) {
    QNetworkRequest request(m_url);
    request.setTransferTimeout(0);
    // The answer of this URL is what is measured, and its headers (a token) must not follow a redirect
    // to another origin: a 3xx is the outcome.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : m_spec.headers)
        request.setRawHeader(name, value);
    if (!m_spec.body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/octet-stream"); // else Qt guesses a form
    return start(nextManager().sendCustomRequest(request, m_spec.method, m_spec.body), receiver, tag);
}

QNetworkReply* HttpExecution::start(QNetworkReply* reply, Receiver& receiver, std::uint64_t tag) {
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
