// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <functional>

class QNetworkAccessManager;

namespace jimini {

class ConsoleClock;
class FleetSource;

// What a factory gets to make one endpoint's source, on the thread the source will live on.
struct SourceContext {
    ConsoleClock& clock;            // fires on this thread (ConsoleClock::forThisThread)
    QNetworkAccessManager* pollNam; // shared by the polls of many sources; may go unused
    QObject* parent;                // owns the source
};

// Makes the source of an endpoint (SourceManager calls it for each endpoint added). A factory may make
// sockets' sources or none at all: a replay answers every endpoint from its scenario.
using SourceFactory =
    std::function<FleetSource*(const ServiceEndpoint& endpoint, const SourceContext& context)>;
// Today's sources, a Connection per endpoint speaking its kind: standardSourceFactory (core/sources).

} // namespace jimini
