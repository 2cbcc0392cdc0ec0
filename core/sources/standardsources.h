// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/serviceendpoint.h"
#include "net/sourcefactory.h"
#include "net/sourceprotocol.h"

#include <memory>

namespace jimini {

// The protocol of a kind of service (one shared instance per kind).
std::shared_ptr<const SourceProtocol> protocolFor(ServiceEndpoint::Kind kind);

// Today's sources: a Connection (poll or SSE) per endpoint, speaking the endpoint's kind.
SourceFactory standardSourceFactory(Connection::Options options = {});

} // namespace jimini
