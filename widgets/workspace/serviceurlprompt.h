// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QString>

namespace jimini {

// How the console's "Add service" reads what was typed: a base URL, host:port (http assumed) or the
// health document's own URL, read as BaseUrl reads it for the CLI and the workspace. What was assumed or
// what the endpoint cannot do (a document URL has no stream or control) is said, not silently decided.
class ServiceUrlPrompt {
public:
    struct Result {
        QList<ServiceEndpoint> endpoints; // empty when error is set or nothing was typed
        QString error;                    // names the URL as typed and what is wrong
        QString note;                     // what was assumed; empty when nothing was
        QString field;                    // the form's field the error is about: "URL", "Token file", ...
    };

    // What the typed text adds.
    static Result interpret(const QString& text);
    // What the form adds: the typed URL with the other settings of settings (kind, environment, group,
    // interval, mode, token and CA files), the files checked as a connection will read them. An empty URL
    // is an error here: the form was sent.
    static Result interpret(const QString& text, const ServiceEndpoint& settings);
    // What was added, for the confirmation: "http://h:1 (guide, group shop, staging, polled every 1000 ms)".
    static QString describe(const ServiceEndpoint& endpoint);
};

} // namespace jimini
