// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace jimini {

// What it takes to talk to one endpoint: its bearer token (token_file, read and checked by TokenFile; without
// one, the token the operator typed for it, SessionTokens) and its
// extra CA certificates (from ca_file). Loaded when connecting, so a rotated token is picked up on reconnect.
class EndpointAccess {
public:
    static EndpointAccess load(const ServiceEndpoint& endpoint);

    // Empty when both files (if any) were read; otherwise why not, naming the file.
    const QString& error() const noexcept { return m_error; }
    bool ok() const noexcept { return m_error.isEmpty(); }
    const QByteArray& token() const noexcept { return m_token; }

    // A request for path (e.g. "/resilience/v1/stream") under the endpoint's API base (hasApi() must
    // be true), with the Authorization header and the TLS configuration set. query may be empty.
    QNetworkRequest request(const QString& path, const QString& query = {}) const;
    // The same for the health document, wherever the endpoint says it is.
    QNetworkRequest healthRequest() const;
    // Whether the endpoint has a base for the stream, /events and control (ServiceEndpoint::apiBase).
    bool hasApi() const noexcept { return m_api.has_value(); }
    // Why an endpoint has none, for an operator: names the URL and what to give instead.
    static QString noApiReason(const ServiceEndpoint& endpoint);

    static QUrl urlFor(const QUrl& base, const QString& path, const QString& query = {});

private:
    QNetworkRequest prepared(const QUrl& url) const;

    QUrl m_health;
    std::optional<QUrl> m_api;
    QByteArray m_token;
    QList<QSslCertificate> m_ca;
    QString m_error;
};

} // namespace jimini
