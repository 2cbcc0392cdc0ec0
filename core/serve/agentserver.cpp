// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentserver.h"

#include "serve/agent.h"
#include "serve/agentapi.h"
#include "serve/eventlog.h"
#include "serve/httpserver.h"

#include <QFile>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace jimini {

AgentServer::AgentServer(Agent& agent, AgentApi& api, QObject* parent)
    : QObject(parent)
    , m_agent(agent)
    , m_api(api)
    , m_streams(agent, api, agent.options().http)
    , m_target(agent)
    , m_server(std::make_unique<HttpServer>(agent.options().http, agent.scheduler(),
                                            static_cast<HttpConnection::Handler&>(*this))) {
    connect(m_server.get(), &HttpServer::connectionClosed, this,
            [this](HttpConnection* connection) { m_streams.drop(connection); });
    // The log may grow on any thread; streams are written on ours, after the current work is done.
    m_eventsListener = m_agent.events().addListener([self = QPointer<AgentServer>(this)](std::uint64_t) {
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self] {
                    if (self)
                        self->m_streams.flushEvents();
                },
                Qt::QueuedConnection);
    });
}

AgentServer::~AgentServer() {
    close();
    m_eventsListener.reset();
}

bool AgentServer::tls() const noexcept {
    return m_server && m_server->tls();
}

std::size_t AgentServer::connectionCount() const noexcept {
    return m_server ? m_server->connectionCount() : 0;
}

bool AgentServer::setupTls(const QString& certFile, const QString& keyFile, QString* error) {
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is not available (no OpenSSL backend)");
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("no PEM certificate in %1").arg(certFile);
        return false;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(keyFile, file.errorString());
        return false;
    }
    const QByteArray pem = file.read(1024 * 1024);
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("no PEM RSA or EC private key in %1").arg(keyFile);
        return false;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_server->setTls(config);
    return true;
}

bool AgentServer::listen(const QHostAddress& address, quint16 port, QString* error) {
    if (!m_server->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(m_server->errorString());
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

void AgentServer::close() {
    m_streams.closeAll();
    m_target.closeAll();
    if (m_server) {
        m_server->close();
        m_server->closeAll();
    }
    m_port = 0;
}

void AgentServer::onHead(HttpConnection& connection) {
    // Judged before the body is read: nothing an unauthenticated client sends is held.
    const ApiRequest head = connection.request();
    if (std::optional<ApiResponse> refusal =
            TargetEndpoint::isTarget(head.path) ? TargetEndpoint::admit(head) : m_api.admit(head)) {
        connection.respond(*refusal);
        return;
    }
    connection.readBody();
}

void AgentServer::onRequest(HttpConnection& connection, const ApiRequest& request) {
    if (TargetEndpoint::isTarget(request.path))
        m_target.handle(connection, request);
    else if (AgentApi::isStream(request))
        m_streams.open(connection, request);
    else
        connection.respond(m_api.handle(request));
}

} // namespace jimini
