// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/replyverdict.h"

#include "policy/httpclassification.h"
#include "policy/outcome.h"

#include <QNetworkReply>

namespace jimini {

// The one HTTP-to-outcome mapping of core/net: everything goes through the policy core's classification
// (classifyHttpStatus, classifyNetworkError), so a reply means the same to a connection's breaker as to
// an HTTP execution's pipeline.

// Qt's transport error as the policy core names it.
NetworkError networkErrorOf(QNetworkReply::NetworkError error) noexcept;

// A finished reply as a call's outcome: the HTTP status with its Retry-After (classifyHttpStatus), or,
// when no status line came, the transport error (classifyNetworkError).
Outcome replyOutcome(const QNetworkReply& reply);

// A reply as a connection to a watched service sees it. Only a service that is not there (refused, TLS
// failure), too slow, sending too much, or saying it cannot serve now (5xx, 429) is a failure of the
// connection, one its breaker counts and its retry backs off from (ServiceUnavailable or TimedOut).
// One that answered anything else (a 4xx, 408 included, an unfollowed 3xx, a status the classification
// does not know) is up: a BusinessLogic failure, never counted, read again at the interval.
Outcome connectionOutcome(const ReplyVerdict& verdict) noexcept;

} // namespace jimini
