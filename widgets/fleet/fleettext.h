// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetgroup.h"
#include "fleetroles.h"

#include "health/failureparts.h"
#include "store/instancerow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace jimini {

// How the fleet's cells spell states, figures and times; shared by the instance and the group cells so
// that a row and its group read alike.
class FleetText {
    Q_DECLARE_TR_FUNCTIONS(jimini::FleetText)

public:
    static QString dash(); // an empty figure
    static QString stateName(FleetState state);
    // The translated label ("timed out"); the canonical name is core's toString(SourceStatus).
    static QString statusName(SourceStatus status);
    // What a failing row's health cell says of why: the cause the source classified ("refused", "HTTP 503",
    // "not HTTP", "TLS error", ...), and "backing off" after it while the connection waits to try again.
    static QString failureText(const InstanceRow& row);
    // The short name of a failed read: its status, refined by the reason where the status is broad.
    static QString causeText(SourceStatus cause, const QString& reason);
    // The name of a group whose services never said their name.
    static QString unidentified();
    static QString lastSeenText(const QDateTime& lastSeen); // local HH:mm:ss, or "never"
    static QString percentText(double ratio);
    // The error rate and what its failed calls were, one kind a line ("rate limited 1,416").
    static QString failuresTooltip(double errorRate, const FailureParts& failures,
                                   const std::optional<double>& spanSeconds);
    // What a document's metrics cover: "over the last 60 s", or "since the service started" for the
    // lifetime totals of a guide document (spanSeconds empty).
    static QString spanText(const std::optional<double>& spanSeconds);
    static QString latencyText(double seconds);
    // Figures a source may not report: a dash when absent, never 0.
    static QString percentText(const std::optional<double>& ratio);
    static QString latencyText(const std::optional<double>& seconds);
    static QString rateText(const std::optional<double>& perSecond);                 // "12.5"
    static QString tokensText(double available, const std::optional<double>& limit); // "40 of —"
    // What a group's figures cover: "5 instances", or "2 of 5 reporting".
    static QString coverage(int reporting, int instances);
    static QString breakerSummary(const FleetAggregate& aggregate);                // "2 of 5 open"
    static QString tokensText(double available, double limit);                     // "40 of 100"
    static QString bulkheadText(quint64 active, quint64 queued, quint64 capacity); // "3+1 of 10"
    // The sort key of a used-of-capacity cell: used / of, 0 without a capacity.
    static double share(double used, double of);
};

} // namespace jimini
