// SPDX-License-Identifier: GPL-3.0-or-later
#include "serviceendpoint.h"

namespace jimini {

namespace {
const QString kHealthPath = QStringLiteral("/resilience/v1/health");
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
