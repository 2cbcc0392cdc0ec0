// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include "policy/scheduler.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace jimini {

namespace {
constexpr qsizetype kReadChunk = 16 * 1024;
// What the socket itself may hold unread while an answer drains: Qt stops reading the kernel past it.
constexpr qsizetype kSocketReadBuffer = 64 * 1024;
// After refusing a request whose body is still coming, read and drop it this long before closing, so
// that the client sees the answer instead of a reset (what nginx calls a lingering close).
constexpr Duration kLinger = std::chrono::seconds(2);

const char* reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
}

ApiResponse problemFor(const HttpRequestReader::Error& e, const QString& path) {
    struct Kind {
        int status;
        const char* slug;
        const char* title;
    };
    static constexpr Kind kinds[] = {
        {400, "bad-request", "Bad request"},
        {408, "request-timeout", "Request timeout"},
        {413, "payload-too-large", "Payload too large"},
        {414, "uri-too-long", "URI too long"},
        {417, "expectation-failed", "Expectation failed"},
        {431, "header-fields-too-large", "Request header fields too large"},
        {501, "not-implemented", "Not implemented"},
        {505, "http-version-not-supported", "HTTP version not supported"},
    };
    for (const Kind& k : kinds)
        if (k.status == e.status)
            return ApiResponse::problem(e.status, QString::fromLatin1(k.slug), QString::fromLatin1(k.title),
                                        e.detail, path);
    return ApiResponse::problem(400, QStringLiteral("bad-request"), QStringLiteral("Bad request"), e.detail,
                                path);
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, const HttpLimits& limits, Scheduler& scheduler,
                               Handler& handler, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_scheduler(scheduler)
    , m_handler(handler)
    , m_reader(limits) {
    m_timer.connection = this;
    socket->setParent(this);
    socket->setReadBufferSize(kSocketReadBuffer);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_socket && m_socket->bytesToWrite() == 0)
            onDrained();
    });
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    arm(Deadline::Head, m_limits.headTimeout);
}

HttpConnection::~HttpConnection() {
    m_scheduler.cancel(m_timer);
    if (m_socket)
        m_socket->disconnect(this);
}

bool HttpConnection::isOpen() const {
    return !m_closed && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

ApiRequest HttpConnection::request() const {
    const HttpRequestHead& h = m_reader.head();
    ApiRequest r;
    r.method = h.method;
    r.path = h.path;
    r.query = h.query;
    r.headers = h.headers;
    return r;
}

void HttpConnection::arm(Deadline deadline, Duration after) {
    m_deadline = deadline;
    m_scheduler.schedule(m_timer, after);
}

void HttpConnection::process() {
    if (!isOpen())
        return;
    if (m_deadline == Deadline::Linger) {
        m_bytesDropped += m_socket->skip(m_socket->bytesAvailable()); // the refused body: dropped unread
        return;
    }
    while (!m_streaming && !m_answering && !m_deferred && !m_closing && isOpen()) {
        switch (m_reader.state()) {
        case HttpRequestReader::State::Head:
        case HttpRequestReader::State::Body:
            break;
        case HttpRequestReader::State::HeadComplete:
            m_scheduler.cancel(m_timer);
            m_deadline = Deadline::None;
            m_handler.onHead(*this);
            if (m_reader.state() == HttpRequestReader::State::HeadComplete && !m_answering)
                readBody(); // the handler neither refused nor asked for the body
            continue;
        case HttpRequestReader::State::Complete: {
            m_scheduler.cancel(m_timer);
            m_deadline = Deadline::None;
            ApiRequest r = request();
            r.body = m_reader.takeBody();
            m_handler.onRequest(*this, r);
            if (!m_answering && !m_streaming && !m_deferred)
                respond(ApiResponse::problem(500, QStringLiteral("unanswered"), QStringLiteral("Unanswered"),
                                             QStringLiteral("the request was not answered"), r.path));
            continue;
        }
        case HttpRequestReader::State::Failed:
            refuse(m_reader.error());
            return;
        }
        if (m_pending.isEmpty()) {
            m_pending = m_socket->read(kReadChunk);
            m_bytesRead += m_pending.size();
            if (m_pending.isEmpty())
                return;
        }
        const bool wasStarted = m_reader.started();
        m_pending.remove(0, m_reader.feed(m_pending));
        if (!wasStarted && m_reader.started() && m_deadline == Deadline::Idle)
            arm(Deadline::Head, m_limits.headTimeout);
    }
}

void HttpConnection::readBody() {
    if (m_reader.state() != HttpRequestReader::State::HeadComplete)
        return;
    m_reader.readBody();
    if (m_reader.state() != HttpRequestReader::State::Body)
        return;
    if (m_reader.head().expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    arm(Deadline::Body, m_limits.bodyTimeout);
}

void HttpConnection::respond(const ApiResponse& response) {
    if (!isOpen() || m_streaming || m_answering)
        return;
    m_deferred = false;
    const HttpRequestReader::State state = m_reader.state();
    // A body that was not read (a refusal after the head, or a broken request) leaves the stream of
    // requests unframed: the connection cannot carry another one.
    const bool bodyUnread = (state == HttpRequestReader::State::HeadComplete && m_reader.head().hasBody()) ||
                            state == HttpRequestReader::State::Head ||
                            state == HttpRequestReader::State::Body ||
                            state == HttpRequestReader::State::Failed;
    m_closing = bodyUnread || !m_reader.head().keepAlive;
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (m_closing)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += response.body;
    m_answering = true;
    m_socket->write(out);
    // Linger marks that dropping the unread body follows the answer; until then it is the write deadline.
    arm(bodyUnread ? Deadline::Linger : Deadline::Write, m_limits.writeTimeout);
    if (!bodyUnread)
        m_reader.reset();
}

void HttpConnection::refuse(const HttpRequestReader::Error& error) {
    respond(problemFor(error, m_reader.head().path));
}

void HttpConnection::onDrained() {
    if (m_streaming || !m_answering || !isOpen())
        return;
    m_answering = false;
    if (m_deadline == Deadline::Linger) {
        linger();
    } else if (m_closing) {
        m_scheduler.cancel(m_timer);
        m_socket->disconnectFromHost();
    } else {
        arm(Deadline::Idle, m_limits.idleTimeout);
        process(); // a pipelined request may be waiting
    }
}

void HttpConnection::linger() {
    arm(Deadline::Linger, kLinger);
    // Tell the client the answer is all there is; a TLS socket cannot half-close, it just drops input.
    if (!qobject_cast<QSslSocket*>(m_socket.data()))
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_bytesDropped += m_socket->skip(m_socket->bytesAvailable());
}

void HttpConnection::onDeadline() {
    const Deadline expired = std::exchange(m_deadline, Deadline::None);
    switch (expired) {
    case Deadline::None:
        return;
    case Deadline::Idle:
        if (m_socket)
            m_socket->disconnectFromHost();
        return;
    case Deadline::Head:
        if (!m_reader.started()) {
            abort(); // never said a word: nothing to answer
            return;
        }
        refuse({408, QStringLiteral("the request head did not arrive within %1 s")
                         .arg(std::chrono::duration<double>(m_limits.headTimeout).count())});
        return;
    case Deadline::Body:
        refuse({408, QStringLiteral("the request body did not arrive within %1 s")
                         .arg(std::chrono::duration<double>(m_limits.bodyTimeout).count())});
        return;
    case Deadline::Write:
    case Deadline::Linger:
        abort();
        return;
    }
}

void HttpConnection::beginStream(const QList<QPair<QByteArray, QByteArray>>& headers) {
    if (!isOpen() || m_answering)
        return;
    m_scheduler.cancel(m_timer);
    m_deadline = Deadline::None;
    m_streaming = true;
    QByteArray out = "HTTP/1.1 200 OK\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Connection: close\r\n\r\n"; // no length: the body ends when the connection does
    m_socket->write(out);
}

bool HttpConnection::writeStream(const QByteArray& chunk, qsizetype backlogLimit) {
    if (!isOpen())
        return false;
    if (m_socket->bytesToWrite() + chunk.size() > backlogLimit) {
        abort();
        return false;
    }
    m_socket->write(chunk);
    return true;
}

void HttpConnection::abort() {
    if (m_socket)
        m_socket->abort();
    onDisconnected();
}

void HttpConnection::reset() {
    if (m_socket && m_socket->socketDescriptor() >= 0) {
        const struct linger hard = {1, 0}; // close() then sends RST and drops anything unsent
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    abort();
}

void HttpConnection::onDisconnected() {
    if (m_closed)
        return;
    m_closed = true;
    m_scheduler.cancel(m_timer);
    m_deadline = Deadline::None;
    // Queued: whoever aborted us may be iterating over what closed() changes.
    QMetaObject::invokeMethod(
        this, [this] { emit closed(this); }, Qt::QueuedConnection);
}

} // namespace jimini
