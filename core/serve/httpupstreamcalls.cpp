// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpupstreamcalls.h"

#include <QNetworkReply>

namespace jimini {

HttpUpstreamCalls::HttpUpstreamCalls(QUrl url)
    : m_http(std::move(url)) {}

HttpUpstreamCalls::~HttpUpstreamCalls() {
    for (auto& [handle, pending] : m_pending)
        HttpExecution::abort(pending.reply.data());
}

std::uint64_t HttpUpstreamCalls::start(UpstreamCalls::Receiver& receiver, std::uint64_t tag) {
    const std::uint64_t handle = m_nextHandle++;
    // The handle is the adapter's tag, so an answer finds its attempt even after others were cancelled.
    QNetworkReply* reply = m_http.get(*this, handle);
    m_pending.emplace(handle, Pending{reply, &receiver, tag});
    return handle;
}

void HttpUpstreamCalls::cancel(std::uint64_t handle) noexcept {
    const auto it = m_pending.find(handle);
    if (it == m_pending.end())
        return;
    HttpExecution::abort(it->second.reply.data());
    m_pending.erase(it);
}

void HttpUpstreamCalls::onHttpOutcome(std::uint64_t handle, const Outcome& outcome) {
    const auto it = m_pending.find(handle);
    if (it == m_pending.end())
        return;
    const Pending pending = it->second;
    m_pending.erase(it);
    pending.receiver->onUpstreamOutcome(pending.tag, outcome);
}

} // namespace jimini
