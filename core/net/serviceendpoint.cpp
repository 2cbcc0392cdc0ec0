// SPDX-License-Identifier: GPL-3.0-or-later
#include "serviceendpoint.h"

namespace jimini {

namespace {
const QString kHealthPath = QStringLiteral("/resilience/v1/health");

struct KindName {
    ServiceEndpoint::Kind kind;
    const char* name;
};
// The one name table of the kinds, in the enum's order.
constexpr KindName kKinds[] = {{ServiceEndpoint::Kind::JiminiV1, "jimini_v1"},
                               {ServiceEndpoint::Kind::Guide, "guide"}};
} // namespace

QString toString(ServiceEndpoint::Kind kind) {
    for (const KindName& k : kKinds)
        if (k.kind == kind)
            return QLatin1String(k.name);
    return {};
}

std::optional<ServiceEndpoint::Kind> endpointKindFromName(QStringView name) {
    for (const KindName& k : kKinds)
        if (name == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QStringList endpointKindNames() {
    QStringList names;
    for (const KindName& k : kKinds)
        names.append(QLatin1String(k.name));
    return names;
}

QUrl ServiceEndpoint::healthUrl() const {
    if (!isDocumentUrl()) {
        QUrl url = baseUrl;
        url.setPath(kHealthPath);
        return url;
    }
    return baseUrl;
}

std::optional<QUrl> ServiceEndpoint::apiBase() const {
    if (!isDocumentUrl())
        return baseUrl;
    // Encoded: a "%2F" in the prefix stays one segment.
    const QString path = baseUrl.path(QUrl::FullyEncoded);
    if (!path.endsWith(kHealthPath))
        return std::nullopt;
    QUrl base = baseUrl;
    base.setPath(path.left(path.size() - kHealthPath.size()), QUrl::StrictMode);
    return base;
}

} // namespace jimini
