// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"
#include "serve/apiresponse.h"
#include "serve/bearerauth.h"

#include <QString>

#include <optional>

namespace jimini {

class Agent;

// The request/answer endpoints of docs/protocol.md (everything but the event stream), free of the HTTP
// server library: routing, 404/405, bearer auth on mutations (401/403), the body size limit (413), then
// the endpoint. Runs on the agent's thread, one request at a time, which is what makes
// If-Match on config PUTs exact: two PUTs with the same version cannot both pass the check.
class AgentApi {
public:
    static constexpr const char* prefix = "/resilience/v1";
    // On a config PUT's 200: the policies whose breaker was reset, ", "-separated (empty: none).
    static constexpr const char* resetHeader = "Jimini-Breakers-Reset";

    AgentApi(Agent& agent, BearerAuth auth);

    ApiResponse handle(const ApiRequest& request);
    // The answer to a request judged on its head alone (404, 405, 401, 403), before its body is read;
    // nothing when the body should be read and the request handled.
    std::optional<ApiResponse> admit(const ApiRequest& head) const;
    // Checks shared with the stream: the path is the stream's and the method is GET.
    static bool isStream(const ApiRequest& request);
    // Where every mutation's authorization is decided, from the method and headers alone (the body is
    // not needed, so the server may call it before reading one): 400 for more than one Authorization
    // header, 401 without a bearer token, 403 with a wrong one; nothing for reads and allowed mutations.
    std::optional<ApiResponse> refuseUnauthorized(const ApiRequest& request) const;
    // The health document as compact JSON (also the stream's health event).
    QByteArray healthJson() const;
    const BearerAuth& auth() const noexcept { return m_auth; }

private:
    ApiResponse route(const ApiRequest& r);
    ApiResponse health(const ApiRequest& r);
    ApiResponse breakerState(const ApiRequest& r, const QString& policy);
    ApiResponse getConfig(const ApiRequest& r);
    ApiResponse putConfig(const ApiRequest& r);
    ApiResponse getFaults(const ApiRequest& r);
    ApiResponse postFault(const ApiRequest& r);
    ApiResponse deleteFaults(const ApiRequest& r);
    ApiResponse faultById(const ApiRequest& r, int id); // PUT (renew the lease), DELETE
    ApiResponse events(const ApiRequest& r);
    ApiResponse metrics(const ApiRequest& r);

    Agent& m_agent;
    BearerAuth m_auth;
};

} // namespace jimini
