// SPDX-License-Identifier: GPL-3.0-or-later
#include "probetargets.h"

#include "config/profiles.h"
#include "store/fleethub.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>

namespace jimini {

namespace {
QString targetsTr(const char* text) {
    return QCoreApplication::translate("jimini::ProbePanel", text);
}
} // namespace

ProbeTargets ProbeTargets::of(const FleetHub& hub, const std::optional<EditorDraft>& draft) {
    ProbeTargets out;
    for (const QString& name : Profiles::names())
        out.profiles << ProbeProfileChoice{ProbeProfileChoice::Kind::BuiltIn, name, {}, name};
    if (draft)
        out.profiles << ProbeProfileChoice{ProbeProfileChoice::Kind::Draft,
                                           {},
                                           {},
                                           draft->label.isEmpty()
                                               ? targetsTr("editor draft")
                                               : targetsTr("editor draft: %1").arg(draft->label)};
    QMap<QString, QPair<const InstanceRow*, QUrl>> perService; // sorted by service
    QList<ServiceEndpoint> endpoints = hub.endpoints();
    std::sort(endpoints.begin(), endpoints.end(),
              [](const ServiceEndpoint& a, const ServiceEndpoint& b) { return a.id() < b.id(); });
    for (const ServiceEndpoint& endpoint : endpoints) {
        const auto row = hub.rows().constFind(endpoint.id());
        if (row == hub.rows().constEnd() || !row->hasDocument)
            continue; // nothing known of it yet: neither its service nor its policies
        for (const PolicyRow& policy : row->policies)
            out.profiles << ProbeProfileChoice{
                ProbeProfileChoice::Kind::Live, endpoint.id(), policy.name,
                targetsTr("live: %1 %2 · %3")
                    .arg(row->service, row->instance.isEmpty() ? endpoint.id() : row->instance, policy.name)};
        const std::optional<QUrl> base = endpoint.apiBase();
        if (endpoint.kind != ServiceEndpoint::Kind::JiminiV1 || !base || row->service.isEmpty())
            continue;
        auto& chosen = perService[row->service];
        if (chosen.first &&
            !(chosen.first->level == HealthLevel::Healthy && row->level != HealthLevel::Healthy))
            continue;
        QUrl url = *base;
        QString path = url.path();
        if (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        url.setPath(path + QStringLiteral("/target/") + row->service);
        chosen = {&*row, url};
    }
    for (auto it = perService.cbegin(); it != perService.cend(); ++it)
        out.targets << QPair<QString, QUrl>{targetsTr("%1: %2").arg(it.key(), it.value().second.toString()),
                                            it.value().second};
    return out;
}

} // namespace jimini
