// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sourcesample.h"

#include "json/fielderror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace jimini {

// What a control request came back with. Errors are values: a 412 or 422 is an answer like any other,
// with the problem document's fields and its errors[] (docs/protocol.md, "Errors").
struct ControlResult {
    enum class Operation : quint8 {
        BreakerState,
        GetConfig,
        PutConfig,
        InjectFault,
        ClearFaults,
        RenewFault, // PUT /faults/{id}: the lease
        ClearFault, // DELETE /faults/{id}
    };
    quint64 requestId = 0;
    Operation operation = Operation::BreakerState;
    bool ok = false;                                // a 2xx answer
    int httpStatus = 0;                             // 0: no HTTP answer (refused, TLS, timed out)
    SourceStatus status = SourceStatus::Connecting; // Ok, or why not (the sources' wording)
    QString reason;                                 // empty when ok; "HTTP 412: Stale config version" etc.
    QString problemType;      // the problem's type slug ("stale-config"), if the answer was a problem
    QString detail;           // the problem's detail
    QList<FieldError> errors; // errors[] of a 422
    QByteArray etag;          // config GET/PUT 200, and 412 (the current version); quotes included
    QJsonObject body;         // the answer's JSON object (breaker block, config, fault created)
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::ControlResult)
