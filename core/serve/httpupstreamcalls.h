// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpexecution.h"
#include "sim/upstreamcalls.h"

#include <QPointer>
#include <QUrl>

#include <unordered_map>

class QNetworkReply;

namespace jimini {

// The agent's generated traffic forwarded to a real service (--upstream): each attempt a GET through
// the HTTP execution adapter, its answer classified as core/net does. Lives on, and must be used from,
// the agent's thread.
class HttpUpstreamCalls final : public UpstreamCalls, private HttpExecution::Receiver {
public:
    explicit HttpUpstreamCalls(QUrl url);
    ~HttpUpstreamCalls() override;

    std::uint64_t start(UpstreamCalls::Receiver& receiver, std::uint64_t tag) override;
    void cancel(std::uint64_t handle) noexcept override;

    std::size_t pending() const noexcept { return m_pending.size(); }

private:
    void onHttpOutcome(std::uint64_t handle, const Outcome& outcome) override;

    struct Pending {
        QPointer<QNetworkReply> reply;
        UpstreamCalls::Receiver* receiver = nullptr;
        std::uint64_t tag = 0;
    };

    HttpExecution m_http;
    std::unordered_map<std::uint64_t, Pending> m_pending;
    std::uint64_t m_nextHandle = 1;
};

} // namespace jimini
