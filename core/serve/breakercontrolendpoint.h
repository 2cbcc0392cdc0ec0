// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"
#include "serve/apiresponse.h"
#include "serve/bearerauth.h"

#include <QString>

namespace jimini {

class Agent;

// POST /resilience/v1/breakers/{policy}/state, once AgentApi has routed and authorised it: validates the
// operator's command (state, reason, ttl_seconds), applies it to the policy's breaker and logs the
// control event ahead of the transition it caused.
class BreakerControlEndpoint {
public:
    BreakerControlEndpoint(Agent& agent, const BearerAuth& auth);

    ApiResponse handle(const ApiRequest& r, const QString& policy);

private:
    Agent& m_agent;
    const BearerAuth& m_auth;
};

} // namespace jimini
