// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentserver.h"

#include "serve/agent.h"
#include "serve/agentapi.h"
#include "serve/eventlog.h"

#include "policy/scheduler.h"
#include "policy/timertask.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
QByteArray methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

ApiRequest toApi(const QHttpServerRequest& request) {
    ApiRequest r;
    r.method = methodName(request.method());
    r.path = request.url().path(QUrl::FullyDecoded);
    r.query = request.query();
    r.headers = request.headers();
    r.body = request.body();
    return r;
}

void respond(QHttpServerResponder& responder, const ApiResponse& a) {
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(a.status));
    for (const auto& h : a.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeHeader("Content-Length", QByteArray::number(a.body.size()));
    responder.writeBody(a.body);
}

QByteArray sseEvent(std::uint64_t id, const QByteArray& type, const QByteArray& data) {
    return "id: " + QByteArray::number(quint64(id)) + "\nevent: " + type + "\ndata: " + data + "\n\n";
}
} // namespace

struct AgentServer::Stream {
    struct Timer final : TimerTask {
        void fire() override { server->onStreamTimer(*stream); }
        AgentServer* server = nullptr;
        Stream* stream = nullptr;
    };

    explicit Stream(QHttpServerResponder&& r)
        : responder(std::move(r))
        , socket(responder.socket()) {}

    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    Timer timer;
    std::uint64_t lastSent = 0;
    Duration interval{};
    TimePoint nextHealth{};
    TimePoint lastWrite{};
    std::uint64_t id = 0;
    bool dead = false;
};

AgentServer::AgentServer(Agent& agent, AgentApi& api, QObject* parent)
    : QObject(parent)
    , m_agent(agent)
    , m_api(api)
    , m_server(std::make_unique<QHttpServer>()) {
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        const ApiRequest r = toApi(request);
        if (AgentApi::isStream(r))
            openStream(r, std::move(responder));
        else
            respond(responder, m_api.handle(r));
    });
    // The log may grow on any thread; streams are written on ours, after the current work is done.
    m_agent.events().setListener([self = QPointer<AgentServer>(this)](std::uint64_t) {
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self] {
                    if (self)
                        self->flushEvents();
                },
                Qt::QueuedConnection);
    });
}

AgentServer::~AgentServer() {
    close();
    m_agent.events().setListener({});
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
    const QByteArray pem = file.readAll();
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
    m_server->sslSetup(config);
    m_tls = true;
    return true;
}

bool AgentServer::listen(const QHostAddress& address, quint16 port, QString* error) {
    m_port = m_server->listen(address, port);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port);
        return false;
    }
    return true;
}

void AgentServer::close() {
    while (!m_streams.empty())
        drop(m_streams.front()->id);
    m_server.reset(); // closes the listening socket and every connection
    m_port = 0;
}

void AgentServer::openStream(const ApiRequest& request, QHttpServerResponder&& responder) {
    auto owned = std::make_unique<Stream>(std::move(responder));
    Stream& s = *owned;
    s.timer.server = this;
    s.timer.stream = &s;
    s.id = m_nextStreamId++;
    double seconds = std::chrono::duration<double>(m_agent.options().streamInterval).count();
    if (request.query.hasQueryItem(QStringLiteral("interval"))) {
        bool ok = false;
        const double asked = request.query.queryItemValue(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || !std::isfinite(asked) || asked < 0.1 || asked > 3600) {
            ApiResponse a = ApiResponse::invalid(
                QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                {{QStringLiteral("interval"), QStringLiteral("must be a number of seconds in [0.1, 3600]")}},
                request.path);
            a.setHeader("Cache-Control", "no-store");
            respond(s.responder, a);
            return;
        }
        seconds = asked;
    }
    s.interval = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));

    s.responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    s.responder.writeHeader("Content-Type", "text/event-stream");
    s.responder.writeHeader("Cache-Control", "no-store");
    s.responder.writeHeader("Connection", "close"); // no length: the body ends when the connection does
    s.responder.writeHeader("X-Accel-Buffering", "no");
    s.responder.writeBody(QByteArray(": jimini.health/v1 stream\nretry: 1000\n\n"));

    bool ok = false;
    const QByteArray lastId = request.header("Last-Event-ID").trimmed();
    const std::uint64_t resumeAfter = lastId.toULongLong(&ok);
    s.lastSent = ok ? resumeAfter : m_agent.events().lastSequence();
    m_streams.push_back(std::move(owned));
    if (ok && resumeAfter > m_agent.events().lastSequence()) {
        // An id from the future: this agent restarted and its sequence began again. Everything retained
        // is news to the client.
        const std::uint64_t first = m_agent.events().firstRetained();
        writeGap(s, 0, first ? first : m_agent.events().lastSequence() + 1);
    }

    if (s.socket)
        connect(s.socket.data(), &QTcpSocket::disconnected, this, [this, stream = &s, id = s.id] {
            stream->dead = true;
            QMetaObject::invokeMethod(
                this, [this, id] { drop(id); }, Qt::QueuedConnection);
        });

    const TimePoint now = m_agent.now();
    sendPending(s); // replay first, then the current health
    s.nextHealth = now;
    onStreamTimer(s);
}

void AgentServer::sendPending(Stream& s) {
    if (s.dead)
        return;
    const EventSlice slice = m_agent.events().after(s.lastSent);
    if (slice.gapFrom)
        writeGap(s, *slice.gapFrom, slice.gapTo);
    for (const AgentEvent& e : slice.events) {
        write(s, sseEvent(e.sequence, AgentEvent::typeName(e.type).toLatin1(),
                          QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact)));
        s.lastSent = e.sequence;
    }
}

void AgentServer::writeGap(Stream& s, std::uint64_t from, std::uint64_t to) {
    // Its id is the last lost sequence, so a client that drops right after it resumes cleanly.
    const QJsonObject gap{{QStringLiteral("from"), qint64(from)}, {QStringLiteral("to"), qint64(to)}};
    write(s, sseEvent(to - 1, "gap", QJsonDocument(gap).toJson(QJsonDocument::Compact)));
    s.lastSent = to - 1;
}

void AgentServer::flushEvents() {
    for (auto& s : m_streams)
        sendPending(*s);
}

void AgentServer::onStreamTimer(Stream& s) {
    if (s.dead)
        return;
    const TimePoint now = m_agent.now();
    if (now >= s.nextHealth) {
        sendPending(s); // the health event's id promises every event up to it was sent
        write(s, sseEvent(s.lastSent, "health", m_api.healthJson()));
        s.nextHealth = std::max(s.nextHealth + s.interval, now);
    } else if (now - s.lastWrite >= m_agent.options().heartbeatInterval) {
        write(s, ": heartbeat\n\n");
    }
    if (s.dead)
        return;
    const TimePoint due = std::min(s.nextHealth, s.lastWrite + m_agent.options().heartbeatInterval);
    m_agent.scheduler().schedule(s.timer, due - now);
}

void AgentServer::write(Stream& s, const QByteArray& chunk) {
    if (s.dead)
        return;
    if (!s.socket || s.socket->state() != QAbstractSocket::ConnectedState) {
        s.dead = true;
        QMetaObject::invokeMethod(
            this, [this, id = s.id] { drop(id); }, Qt::QueuedConnection);
        return;
    }
    s.responder.writeBody(chunk);
    s.lastWrite = m_agent.now();
}

void AgentServer::drop(std::uint64_t id) {
    const auto it =
        std::find_if(m_streams.begin(), m_streams.end(), [&](const auto& s) { return s->id == id; });
    if (it == m_streams.end())
        return;
    m_agent.scheduler().cancel((*it)->timer);
    if ((*it)->socket)
        (*it)->socket->disconnect(this);
    m_streams.erase(it);
}

} // namespace jimini
