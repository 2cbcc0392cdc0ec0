// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace jimini {

// One instance a breaker action goes to, and which of its policies: what the console's fleet says of it,
// or what the CLI was told. statesBefore holds the breaker states last seen (policy -> "closed", ...), for
// the audit record's "before"; a policy missing there was not seen.
struct BreakerTarget {
    ServiceEndpoint endpoint;
    QString instance;    // its name as shown; the endpoint id when unknown
    QString service;     // empty when unknown
    QString environment; // empty when unknown
    QStringList policies;
    QMap<QString, QString> statesBefore;
};

} // namespace jimini
