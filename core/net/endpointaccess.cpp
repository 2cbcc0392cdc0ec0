// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointaccess.h"

#include "auth/sessiontokens.h"
#include "auth/tokenfile.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>

namespace jimini {

EndpointAccess EndpointAccess::load(const ServiceEndpoint& endpoint) {
    EndpointAccess a;
    a.m_health = endpoint.healthUrl();
    a.m_api = endpoint.apiBase();
    if (!endpoint.tokenFile.isEmpty()) {
        const TokenFile token = TokenFile::read(endpoint.tokenFile);
        if (!token.ok()) {
            a.m_error = token.error();
            return a;
        }
        a.m_token = token.token();
    } else {
        a.m_token =
            SessionTokens::get(endpoint.id()); // typed by the operator, kept in the console's secret store
    }
    if (!endpoint.caFile.isEmpty()) {
        if (!QFile::exists(endpoint.caFile)) {
            a.m_error = QStringLiteral("TLS: cannot read CA file %1").arg(endpoint.caFile);
            return a;
        }
        a.m_ca = QSslCertificate::fromPath(endpoint.caFile, QSsl::Pem);
        if (a.m_ca.isEmpty()) {
            a.m_error = QStringLiteral("TLS: no PEM certificate in %1").arg(endpoint.caFile);
            return a;
        }
    }
    return a;
}

QUrl EndpointAccess::urlFor(const QUrl& base, const QString& path, const QString& query) {
    QUrl url = base;
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path, QUrl::StrictMode);
    url.setQuery(query.isEmpty() ? QString() : query);
    url.setFragment(QString());
    return url;
}

QString EndpointAccess::noApiReason(const ServiceEndpoint& endpoint) {
    return QStringLiteral("%1 is the address of a health document, not a base URL: the stream, events and "
                          "control endpoints need the base (http://host:port) or a URL ending in "
                          "/resilience/v1/health")
        .arg(endpoint.baseUrl.toString());
}

QNetworkRequest EndpointAccess::request(const QString& path, const QString& query) const {
    return prepared(urlFor(m_api.value_or(QUrl()), path, query));
}

QNetworkRequest EndpointAccess::healthRequest() const {
    return prepared(m_health);
}

QNetworkRequest EndpointAccess::prepared(const QUrl& url) const {
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // HTTP/1.1 only (docs/protocol.md): Qt 6 would offer HTTP/2 over TLS, a second reader whose bounds
    // (header lists, flow-control windows) the chaos tests do not cover.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_ca.isEmpty() && QSslSocket::supportsSsl()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_ca);
        request.setSslConfiguration(ssl);
    }
    return request;
}

} // namespace jimini
