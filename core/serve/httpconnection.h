// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/apirequest.h"
#include "serve/apiresponse.h"
#include "serve/httplimits.h"
#include "serve/httprequestreader.h"

#include "policy/timertask.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace jimini {

class Scheduler;

// One client connection of the agent: reads requests with an HttpRequestReader (bounded), hands each to
// its Handler after the head and again after the body, writes the answers, and enforces every deadline
// (head, body, keep-alive idle, answer taken) on the agent's scheduler. One request at a time: the next
// pipelined request is not read before the answer to the last one has left, so an answer never waits
// behind more than the socket's read buffer. An event stream takes the connection over for good.
class HttpConnection final : public QObject {
    Q_OBJECT
public:
    class Handler {
    public:
        virtual ~Handler() = default;
        // The head is whole: answer it (a refusal: the body is then never read) or call readBody().
        virtual void onHead(HttpConnection& connection) = 0;
        // The request is whole: answer it with respond(), or keep the connection with beginStream().
        virtual void onRequest(HttpConnection& connection, const ApiRequest& request) = 0;
    };

    HttpConnection(QTcpSocket* socket, const HttpLimits& limits, Scheduler& scheduler, Handler& handler,
                   QObject* parent = nullptr);
    ~HttpConnection() override;

    // The request as the API sees it; the body is empty until onRequest.
    ApiRequest request() const;
    const HttpRequestHead& head() const noexcept { return m_reader.head(); }
    void readBody();
    void respond(const ApiResponse& response);
    // Called from onRequest: the answer comes later, by respond() or abort()/reset(). Nothing more is
    // read from the connection meanwhile.
    void defer() noexcept { m_deferred = true; }
    bool isDeferred() const noexcept { return m_deferred; }
    // Answers 200 with these headers and no length: the body is the events, until the connection ends.
    void beginStream(const QList<QPair<QByteArray, QByteArray>>& headers);
    // Writes one event of the stream. False (and the connection is aborted) when the client has not
    // taken what was sent before and this would leave more than backlogLimit bytes unsent.
    bool writeStream(const QByteArray& chunk, qsizetype backlogLimit);
    bool isStreaming() const noexcept { return m_streaming; }
    // Bytes read from the socket for requests, and bytes dropped unread after a refusal.
    qint64 bytesRead() const noexcept { return m_bytesRead; }
    qint64 bytesDropped() const noexcept { return m_bytesDropped; }
    bool isOpen() const;
    // Between requests or before the first: nothing of a request read, no answer or stream under way.
    bool isIdle() const noexcept {
        return !m_streaming && !m_answering && !m_deferred && !m_closing && !m_reader.started();
    }
    // Ends the connection at once; closed() follows.
    void abort();
    // Ends the connection with a TCP reset (RST, not FIN): the client sees "connection reset".
    void reset();

signals:
    void closed(jimini::HttpConnection* connection);

private:
    enum class Deadline : quint8 { None, Idle, Head, Body, Write, Linger };
    struct Timer final : TimerTask {
        void fire() override { connection->onDeadline(); }
        HttpConnection* connection = nullptr;
    };

    void process();
    void onDrained();
    void onDeadline();
    void onDisconnected();
    void arm(Deadline deadline, Duration after);
    void refuse(const HttpRequestReader::Error& error);
    void linger();

    QPointer<QTcpSocket> m_socket;
    HttpLimits m_limits;
    Scheduler& m_scheduler;
    Handler& m_handler;
    HttpRequestReader m_reader;
    QByteArray m_pending; // read from the socket, not yet taken by the reader
    Timer m_timer;
    Deadline m_deadline = Deadline::None;
    qint64 m_bytesRead = 0;
    qint64 m_bytesDropped = 0;
    bool m_answering = false; // an answer is being written: read nothing more until it has left
    bool m_closing = false;   // close once the answer has left
    bool m_deferred = false;  // the handler answers later
    bool m_streaming = false;
    bool m_closed = false;
};

} // namespace jimini
