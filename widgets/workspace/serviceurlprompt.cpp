// SPDX-License-Identifier: GPL-3.0-or-later
#include "serviceurlprompt.h"

#include "net/baseurl.h"
#include "net/endpointaccess.h"

#include "net/workspace.h"

namespace jimini {

ServiceUrlPrompt::Result ServiceUrlPrompt::interpret(const QString& text) {
    Result r;
    if (text.trimmed().isEmpty())
        return r;
    const BaseUrl url = BaseUrl::parse(text);
    if (!url.ok()) {
        r.error = url.error;
        return r;
    }
    ServiceEndpoint endpoint;
    endpoint.baseUrl = url.url;
    QStringList notes;
    if (url.schemeAssumed)
        notes << url.note();
    if (endpoint.isDocumentUrl())
        notes << (endpoint.apiBase()
                      ? QStringLiteral("reads the health document at %1").arg(endpoint.healthUrl().toString())
                      : EndpointAccess::noApiReason(endpoint) + QStringLiteral("; it is polled"));
    r.note = notes.join(QStringLiteral("; "));
    r.endpoints.append(endpoint);
    return r;
}

ServiceUrlPrompt::Result ServiceUrlPrompt::interpret(const QString& text, const ServiceEndpoint& settings) {
    if (text.trimmed().isEmpty()) {
        Result r;
        r.field = QStringLiteral("URL");
        r.error = QStringLiteral("give the service's base URL, host:port, or its health document's URL");
        return r;
    }
    Result r = interpret(text);
    if (!r.error.isEmpty()) {
        r.field = QStringLiteral("URL");
        return r;
    }
    ServiceEndpoint endpoint = settings;
    endpoint.baseUrl = r.endpoints.front().baseUrl;
    endpoint.environment = endpoint.environment.trimmed();
    endpoint.group = endpoint.group.trimmed();
    endpoint.tokenFile = endpoint.tokenFile.trimmed();
    endpoint.caFile = endpoint.caFile.trimmed();
    const qint64 interval = endpoint.interval.count();
    if (interval < Workspace::minIntervalMs || interval > Workspace::maxIntervalMs) {
        r.endpoints.clear();
        r.field = QStringLiteral("Interval");
        r.error = QStringLiteral("%1 ms is not between %2 and %3 ms")
                      .arg(interval)
                      .arg(Workspace::minIntervalMs)
                      .arg(Workspace::maxIntervalMs);
        return r;
    }
    // Read as the connection will read them, so a wrong path is said here and not as a failing row.
    const EndpointAccess access = EndpointAccess::load(endpoint);
    if (!access.ok()) {
        r.endpoints.clear();
        r.field = access.error().startsWith(QLatin1String("TLS")) ? QStringLiteral("CA file")
                                                                  : QStringLiteral("Token file");
        r.error = access.error();
        return r;
    }
    r.endpoints.front() = endpoint;
    return r;
}

QString ServiceUrlPrompt::describe(const ServiceEndpoint& endpoint) {
    QStringList parts{toString(endpoint.kind)};
    if (!endpoint.group.isEmpty())
        parts << QStringLiteral("group %1").arg(endpoint.group);
    if (!endpoint.environment.isEmpty())
        parts << endpoint.environment;
    parts << (endpoint.mode == ServiceEndpoint::Mode::Stream
                  ? QStringLiteral("streamed, health every %1 ms").arg(endpoint.interval.count())
                  : QStringLiteral("polled every %1 ms").arg(endpoint.interval.count()));
    if (!endpoint.tokenFile.isEmpty())
        parts << QStringLiteral("token from %1").arg(endpoint.tokenFile);
    if (!endpoint.caFile.isEmpty())
        parts << QStringLiteral("CA from %1").arg(endpoint.caFile);
    return QStringLiteral("%1 (%2)").arg(endpoint.id(), parts.join(QStringLiteral(", ")));
}

} // namespace jimini
