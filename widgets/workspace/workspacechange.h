// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace jimini {

// What opening a workspace changes in the one being watched, by endpoint URL: an instance in both stays
// (its history, acknowledgements and detail tabs with it; its settings updated when the file's differ),
// the others come and go.
struct WorkspaceChange {
    QList<ServiceEndpoint> kept;    // in both (with the file's settings)
    QList<ServiceEndpoint> changed; // of kept, those whose settings the file changes
    QList<ServiceEndpoint> added;   // only in the file
    QStringList removed;            // ids only in the current workspace

    static WorkspaceChange between(const QList<ServiceEndpoint>& current, const QList<ServiceEndpoint>& next);
    // "Opened <path>: 4 services, 2 kept with their history, 2 added, 1 removed"
    QString summary(const QString& path) const;
};

// Whether two lists hold the same endpoints with the same settings, in any order.
bool sameEndpoints(const QList<ServiceEndpoint>& a, const QList<ServiceEndpoint>& b);

} // namespace jimini
