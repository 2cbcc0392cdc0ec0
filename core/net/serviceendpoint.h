// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

#include <chrono>
#include <optional>

namespace jimini {

// One service instance the console watches: where it is and how to read it. The workspace file stores
// a list of these (JSON keys in comments).
struct ServiceEndpoint {
    enum class Mode : quint8 { Poll, Stream };
    // What the service speaks (its SourceProtocol, core/sources): Jimini v1 (docs/protocol.md, which
    // also reads a guide-shaped document at the address given), or only the guide's get_health_status()
    // document. Hystrix, resilience4j and Prometheus come next.
    enum class Kind : quint8 { JiminiV1, Guide };

    // url: a base URL, e.g. http://127.0.0.1:8081 (the /resilience/v1/... paths are appended), or, when it
    // has a path, the health document's own address, e.g. http://127.0.0.1:8000/health (BaseUrl).
    QUrl baseUrl;
    QString environment; // environment: optional tag; the document's value is used when empty
    QString group;       // group: the service name; the document's `service` is used when empty
    QString tokenFile;   // token_file: bearer token for this service (read when connecting)
    QString caFile;      // ca_file: extra CA certificate (PEM) trusted for this service's TLS
    std::chrono::milliseconds interval{1000}; // interval_ms: poll period, or stream health interval
    Mode mode = Mode::Poll;                   // mode: "poll" or "stream"
    Kind kind = Kind::JiminiV1;               // kind: "jimini_v1" or "guide" (toString(Kind))

    // The identity of an endpoint inside a workspace.
    QString id() const { return baseUrl.toString(QUrl::StripTrailingSlash); }

    // baseUrl has a path: it is the document's own address.
    bool isDocumentUrl() const { return !baseUrl.path().isEmpty(); }
    // Where the health document is read: <base>/resilience/v1/health, or the document URL itself.
    QUrl healthUrl() const;
    // The base of the stream, /events and control endpoints: the base URL, or a document URL that ends
    // with /resilience/v1/health without that suffix. nullopt for any other document URL (a service
    // built the guide's way serves its document at a path of its own and nothing else of the protocol).
    std::optional<QUrl> apiBase() const;
    friend bool operator==(const ServiceEndpoint&, const ServiceEndpoint&) = default;
};

// The kind's name in the workspace file: "jimini_v1", "guide".
QString toString(ServiceEndpoint::Kind kind);
// The kind of a name (as toString writes it); nullopt for any other.
std::optional<ServiceEndpoint::Kind> endpointKindFromName(QStringView name);
// Every kind's name, for messages: "jimini_v1", "guide".
QStringList endpointKindNames();

} // namespace jimini
