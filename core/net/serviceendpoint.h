// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <chrono>

namespace jimini {

// One service instance the console watches: where it is and how to read it. The workspace file stores
// a list of these (JSON keys in comments).
struct ServiceEndpoint {
    enum class Mode : quint8 { Poll, Stream };

    QUrl baseUrl;        // url: e.g. http://127.0.0.1:8081 (the /resilience/v1/... paths are appended)
    QString environment; // environment: optional tag; the document's value is used when empty
    QString group;       // group: the service name; the document's `service` is used when empty
    QString tokenFile;   // token_file: bearer token for this service (read when connecting)
    QString caFile;      // ca_file: extra CA certificate (PEM) trusted for this service's TLS
    std::chrono::milliseconds interval{1000}; // interval_ms: poll period, or stream health interval
    Mode mode = Mode::Poll;                   // mode: "poll" or "stream"

    // The identity of an endpoint inside a workspace.
    QString id() const { return baseUrl.toString(QUrl::StripTrailingSlash); }
    friend bool operator==(const ServiceEndpoint&, const ServiceEndpoint&) = default;
};

} // namespace jimini
