// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/workspace/workspacechange.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace jimini {

WorkspaceChange WorkspaceChange::between(const QList<ServiceEndpoint>& current,
                                         const QList<ServiceEndpoint>& next) {
    QHash<QString, ServiceEndpoint> now;
    for (const ServiceEndpoint& endpoint : current)
        now.insert(endpoint.id(), endpoint);
    WorkspaceChange change;
    QSet<QString> seen;
    for (const ServiceEndpoint& endpoint : next) {
        const QString id = endpoint.id();
        seen.insert(id);
        const auto it = now.constFind(id);
        if (it == now.cend()) {
            change.added << endpoint;
            continue;
        }
        change.kept << endpoint;
        if (!(*it == endpoint))
            change.changed << endpoint;
    }
    for (const ServiceEndpoint& endpoint : current) {
        if (!seen.contains(endpoint.id()))
            change.removed << endpoint.id();
    }
    return change;
}

QString WorkspaceChange::summary(const QString& path) const {
    const int services = int(kept.size() + added.size());
    return QCoreApplication::translate("jimini::WorkspaceChange",
                                       "Opened %1: %2, %3 kept with their history, "
                                       "%4 added, %5 removed")
        .arg(path, services == 1 ? QStringLiteral("1 service") : QStringLiteral("%1 services").arg(services))
        .arg(kept.size())
        .arg(added.size())
        .arg(removed.size());
}

bool sameEndpoints(const QList<ServiceEndpoint>& a, const QList<ServiceEndpoint>& b) {
    if (a.size() != b.size())
        return false;
    const WorkspaceChange change = WorkspaceChange::between(a, b);
    return change.added.isEmpty() && change.removed.isEmpty() && change.changed.isEmpty();
}

} // namespace jimini
