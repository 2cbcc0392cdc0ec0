// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"
#include "serve/apiresponse.h"
#include "sim/downstream.h"

#include "policy/splitmix.h"
#include "policy/timertask.h"

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <list>
#include <optional>
#include <vector>

namespace jimini {

class Agent;
class HttpConnection;

// GET|POST /target/{name}: an endpoint to probe, answering as the agent's faults for that name say
// (the name is the fault's policy), by the same rules (Downstream, FaultSet) as the generated traffic:
// an HTTP error from the status mix (Retry-After on 429 and 503), added latency, a hang, or a reset.
// Without a fault it answers 200 after the target's own latency (none by default). Answers are held on
// the agent's scheduler, one per connection at most, and dropped when their connection closes; a hang
// ends as a reset when its fault ends (expiry or DELETE), or when the client goes.
class TargetEndpoint final : public QObject {
    Q_OBJECT
public:
    static constexpr const char* prefix = "/target/";

    explicit TargetEndpoint(Agent& agent, QObject* parent = nullptr);
    ~TargetEndpoint() override;

    static bool isTarget(const QString& path);
    // 404 for a name that is empty or has a '/', 405 for a method other than GET or POST; nothing when
    // the body should be read.
    static std::optional<ApiResponse> admit(const ApiRequest& head);
    void handle(HttpConnection& connection, const ApiRequest& request);
    // The faults ended: their hanging requests end as resets.
    void releaseHangs(const std::vector<int>& faultIds);
    void closeAll();

    std::uint64_t received() const noexcept { return m_received; } // requests handled, every name
    std::size_t pendingCount() const noexcept { return m_pending.size(); }

private:
    struct Pending final : TimerTask {
        void fire() override { owner->deliver(*this); }
        TargetEndpoint* owner = nullptr;
        QPointer<HttpConnection> connection;
        ApiResponse answer;
        bool hang = false;
        int faultId = 0;
    };

    void deliver(Pending& pending);
    void drop(const HttpConnection* connection);
    void erase(Pending& pending);

    Agent& m_agent;
    Downstream m_downstream;
    SplitMix64 m_random;
    std::list<Pending> m_pending; // stable addresses: the scheduler holds them
    std::uint64_t m_received = 0;
};

} // namespace jimini
