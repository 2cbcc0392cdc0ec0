// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpexchange.h"

#include "net/connectioncutter.h"
#include "net/protocolprobe.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace jimini {

namespace {
const QByteArray kAuthorization = QByteArrayLiteral("Authorization");
}

HttpExchange::HttpExchange(QNetworkAccessManager& nam, const QNetworkRequest& request, Options options,
                           QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(request)
    , m_options(std::move(options))
    , m_origin(request.url())
    , m_url(request.url())
    , m_decoder(m_options.limit)
    , m_credentials(request.hasRawHeader(kAuthorization)) {
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_options.deadline.count() > 0) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        m_deadline->setTimerType(Qt::PreciseTimer);
        connect(m_deadline, &QTimer::timeout, this, [this] { abortTimedOut(m_options.deadline.count()); });
        m_deadline->start(m_options.deadline);
    }
    send();
}

HttpExchange::~HttpExchange() {
    cancel();
}

void HttpExchange::send() {
    m_body.clear();
    m_headers.clear();
    m_tlsErrors.clear();
    if (m_options.method == "GET" && m_options.body.isEmpty())
        m_reply = m_nam.get(m_request);
    else
        m_reply = m_nam.sendCustomRequest(m_request, m_options.method, m_options.body);
    // Before the request starts (it does on the next turn of the event loop): bounds what Qt's HTTP
    // thread reads ahead of us, whatever the framing.
    m_reply->setReadBufferSize(readBufferSize);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& e : errors)
            texts << e.errorString();
        m_tlsErrors = texts.join(QStringLiteral("; "));
    });
}

void HttpExchange::dropReply() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void HttpExchange::cancel() {
    m_done = true;
    delete m_probe;
    m_probe = nullptr;
    if (m_deadline)
        m_deadline->stop();
    dropReply();
}

QByteArray HttpExchange::rawHeader(const QByteArray& name) const {
    for (const auto& [key, value] : m_headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

void HttpExchange::abortTimedOut(qint64 afterMs) {
    if (!m_done && m_probe) {
        delete m_probe;
        m_probe = nullptr;
        m_timedOutAfterMs = afterMs;
        ReplyVerdict v;
        v.status = SourceStatus::TimedOut;
        v.reason = QStringLiteral("no answer within %1 ms").arg(afterMs);
        finish(std::move(v));
        return;
    }
    if (m_done || !m_reply)
        return;
    m_timedOutAfterMs = afterMs;
    cutStalledConnection(m_url);
    m_reply->abort(); // finished() follows, synchronously
}

// Qt's HTTP thread would only see the abort once the peer stops sending header or chunk-size bytes
// (ConnectionCutter). Whatever else is connected to the same host and port goes too: that peer did not
// answer in time.
void HttpExchange::cutStalledConnection(const QUrl& url) {
    const auto port = quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    if (const QHostAddress literal(url.host()); !literal.isNull()) {
        ConnectionCutter::cut(literal, port);
        return;
    }
    QHostInfo::lookupHost(url.host(), QCoreApplication::instance(), [port](const QHostInfo& info) {
        for (const QHostAddress& address : info.addresses())
            ConnectionCutter::cut(address, port);
    });
}

void HttpExchange::refuseTooLarge() {
    m_tooLarge = true;
    m_body.clear();
    m_reply->abort();
}

void HttpExchange::onMetaData() {
    if (!m_reply || m_done)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_options.kind == Kind::Document) {
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_options.limit) {
            m_tooLarge = true;
            // Not from inside metaDataChanged: the reply is still setting itself up there.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_reply && !m_done)
                        refuseTooLarge();
                },
                Qt::QueuedConnection);
        }
        return;
    }
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (!m_open && status == 200 && type.startsWith("text/event-stream")) {
        m_open = true;
        emit opened();
    }
}

// A document (or an error body, so that nothing piles up in the reply): kept up to one byte past the
// limit, which refuses it.
void HttpExchange::readBody() {
    m_body += m_reply->read(m_options.limit + 1 - m_body.size());
    if (m_body.size() > m_options.limit)
        refuseTooLarge();
}

void HttpExchange::onReadyRead() {
    if (!m_reply || m_done || m_tooLarge)
        return; // being refused: read nothing more
    if (m_options.kind == Kind::Document || !m_open) {
        readBody();
        return;
    }
    const QByteArray bytes = m_reply->readAll();
    emit activity();
    for (const SseMessage& m : m_decoder.feed(bytes)) {
        emit message(m);
        if (m_done || !m_reply)
            return; // the listener cancelled us
    }
    if (m_decoder.overflowed())
        refuseTooLarge();
}

bool HttpExchange::followRedirect(int httpStatus) {
    const RedirectPolicy policy(m_options.crossOrigin);
    const RedirectPolicy::Step step = policy.next(m_origin, m_url, m_credentials, m_options.method,
                                                  httpStatus, m_reply->rawHeader("Location"), m_redirects);
    if (!step.follow()) {
        m_redirectRefusal = step.refusal;
        m_redirectStatus = httpStatus;
        return false;
    }
    if (m_credentials && !step.keepCredentials) {
        m_request.setRawHeader(kAuthorization, QByteArray()); // a null value removes the header
        m_credentials = false;
        m_droppedCredentials = true;
    }
    ++m_redirects;
    m_url = step.url;
    m_request.setUrl(step.url);
    m_reply->disconnect(this);
    m_reply->deleteLater();
    m_reply = nullptr;
    send();
    return true;
}

void HttpExchange::onFinished() {
    if (m_done || !m_reply)
        return;
    if (!m_tooLarge && m_reply->bytesAvailable() > 0 && (m_options.kind == Kind::Document || !m_open)) {
        m_body += m_reply->read(m_options.limit + 1 - m_body.size()); // finished: nothing to abort
        m_tooLarge = m_body.size() > m_options.limit;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_tooLarge && m_timedOutAfterMs == 0 && RedirectPolicy::isRedirect(status) && followRedirect(status))
        return;
    ReplyVerdict verdict =
        ReplyVerdict::of(*m_reply, m_tlsErrors, m_timedOutAfterMs, m_tooLarge, m_options.limit);
    m_headers = m_reply->rawHeaderPairs();
    if (status == 0 && !m_open && m_reply->error() == QNetworkReply::RemoteHostClosedError &&
        m_url.scheme() == QLatin1String("http")) {
        probe(std::move(verdict));
        return;
    }
    finish(std::move(verdict));
}

// Qt says "connection closed" for an answer that is no HTTP status line: ask once more by hand, within
// the exchange's deadline, to tell "not HTTP" from a service that hung up.
void HttpExchange::probe(ReplyVerdict verdict) {
    dropReply();
    const int within = m_deadline && m_deadline->isActive() ? std::max(1, m_deadline->remainingTime()) : 2000;
    m_pending = std::move(verdict);
    m_probe = new ProtocolProbe(
        m_url, std::min(within, 2000),
        [this](const QString& notHttp) {
            m_probe->deleteLater();
            m_probe = nullptr;
            ReplyVerdict v = std::move(m_pending);
            if (!notHttp.isEmpty())
                v.reason = notHttp;
            finish(std::move(v));
        },
        this);
}

void HttpExchange::finish(ReplyVerdict verdict) {
    m_done = true;
    if (m_deadline)
        m_deadline->stop();
    if (!m_redirectRefusal.isEmpty() && verdict.status != SourceStatus::TimedOut) {
        verdict.status = SourceStatus::HttpError;
        verdict.httpStatus = m_redirectStatus;
        verdict.reason = m_redirectRefusal;
    } else if (m_options.kind == Kind::Stream && m_open && m_tooLarge) {
        verdict.reason = QStringLiteral("event larger than %1 bytes: stream ended").arg(m_options.limit);
    } else if (m_options.kind == Kind::Stream && m_open && verdict.ok()) {
        verdict.status = SourceStatus::Refused;
        verdict.reason = QStringLiteral("stream ended by the service");
    }
    if (!verdict.ok() && m_redirects > 0) {
        // One arg() call: a URL's own "%2F" must not be taken for a placeholder.
        verdict.reason +=
            QStringLiteral(" (at %1, after %2 redirect%3%4)")
                .arg(m_url.toString(), QString::number(m_redirects),
                     m_redirects == 1 ? QString() : QStringLiteral("s"),
                     m_droppedCredentials ? QStringLiteral("; the token was not sent there") : QString());
    }
    const bool wasOpen = m_open;
    const QByteArray body = m_tooLarge ? QByteArray() : m_body;
    dropReply();
    emit finished(verdict, body, wasOpen);
}

} // namespace jimini
