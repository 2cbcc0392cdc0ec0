// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace jimini {

// The console's "Add service by URL" prompt: a base URL, host:port (http assumed) or the health
// document's own URL, read as BaseUrl reads it for the CLI and the workspace. What was assumed or what
// the endpoint cannot do (a document URL has no stream or control) is said, not silently decided.
class ServiceUrlPrompt {
public:
    struct Result {
        QList<ServiceEndpoint> endpoints; // empty when error is set or nothing was typed
        QString error;                    // names the URL as typed and what is wrong
        QString note;                     // what was assumed; empty when nothing was
    };

    // What the typed text adds.
    static Result interpret(const QString& text);
    // Asks, warns about a refused URL, hands the note (if any) to showNote and returns what to add.
    static QList<ServiceEndpoint> ask(QWidget* parent, const std::function<void(const QString&)>& showNote);
    // Asks for the endpoint's bearer token (typed hidden; optional: empty for none). where names the
    // secret store it will be kept in. *ok false when cancelled.
    static QByteArray askToken(QWidget* parent, const ServiceEndpoint& endpoint, const QString& where,
                               bool* ok);
};

} // namespace jimini
