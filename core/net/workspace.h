// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include "json/fielderror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace jimini {

// One problem of a workspace file: path is the entry and key it is about ("services[2].interval_ms",
// "version"), or the line of an imported URL list ("line 3"); empty for the document as a whole.
using WorkspaceError = FieldError;

class Workspace;

struct WorkspaceParseResult {
    std::optional<QList<ServiceEndpoint>> endpoints; // empty when any error was found
    QList<FieldError> errors;                        // every error found, in order
    bool ok() const { return endpoints.has_value(); }
};

// The endpoints an operator watches, as a file to save, open and share:
// {"version":2,"services":[{"url":..., "environment":..., "group":..., "token_file":..., "ca_file":...,
//   "interval_ms":..., "mode":"poll"|"stream", "kind":"jimini_v1"|"guide"}]}. Only url is required (kind
// came within version 2: absent is jimini_v1, as every service was before); keys are checked strictly (an
// unknown key is an error, so a typo never goes unnoticed), urls must be http(s) and unique.
// Version 2 reads url as BaseUrl does (a path makes it the health document's address); version 1 files,
// where a path was a prefix under which /resilience/v1/... was appended, still open to the same
// requests (http://gw/pay becomes http://gw/pay/resilience/v1/health) and are saved as version 2.
class Workspace {
public:
    static constexpr int version = 2;
    static constexpr qint64 minIntervalMs = 100;
    static constexpr qint64 maxIntervalMs = 3600 * 1000;
    static constexpr qsizetype maxFileSize = 4 * 1024 * 1024; // load() refuses a larger file unread

    Workspace() = default;
    explicit Workspace(QList<ServiceEndpoint> endpoints);

    const QList<ServiceEndpoint>& endpoints() const noexcept { return m_endpoints; }
    // False (nothing changed) when an endpoint with the same id is there already.
    bool add(const ServiceEndpoint& endpoint);
    bool remove(const QString& endpointId);
    int merge(const QList<ServiceEndpoint>& endpoints); // adds the new ones; returns how many

    // Keys with default values are left out, so files stay short.
    QByteArray toJson() const;
    static WorkspaceParseResult fromJson(const QByteArray& json);
    // A plain list of URLs, one per line; blank lines and # comments skipped. defaults gives the other
    // fields (interval, mode, ...).
    static WorkspaceParseResult importText(const QString& text, const ServiceEndpoint& defaults = {});

    bool save(const QString& path, QString* error) const;
    static WorkspaceParseResult load(const QString& path);

private:
    QList<ServiceEndpoint> m_endpoints;
};

} // namespace jimini
