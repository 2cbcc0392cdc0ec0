// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/httplimits.h"
#include "serve/httprequesthead.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <utility>

namespace jimini {

// Reads one HTTP/1.x request (RFC 9112) from bytes as they arrive, never holding more than the limits
// allow: the request line, the head and the body are bounded as they grow, not after. It stops after the
// head so that the caller can refuse (404, 401, 413) before a byte of the body is read, and after the
// request so that pipelined bytes stay with the caller for the next one. Plain value logic, no I/O: the
// connection feeds it, the fuzzer too.
class HttpRequestReader {
public:
    enum class State : quint8 {
        Head,         // reading the request line and headers
        HeadComplete, // head() is whole; readBody() goes on
        Body,         // reading the body
        Complete,     // head() and takeBody() are the request
        Failed        // error() says why; the connection must answer it and close
    };
    struct Error {
        int status = 0; // 400, 413, 414, 417, 431, 501, 505
        QString detail;
    };

    explicit HttpRequestReader(const HttpLimits& limits);

    // Takes what the current state can use from data and returns how many bytes it took; nothing in
    // HeadComplete, Complete and Failed.
    qsizetype feed(QByteArrayView data);
    // HeadComplete -> Body, or Complete without a body; Failed (413) when Content-Length is over the limit.
    void readBody();
    // Complete -> Head: ready for the next request on the same connection.
    void reset();

    State state() const noexcept { return m_state; }
    bool started() const noexcept { return m_started; } // a byte of this request has arrived
    const HttpRequestHead& head() const noexcept { return m_head; }
    const Error& error() const noexcept { return m_error; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }

private:
    enum class Phase : quint8 { RequestLine, Headers, FixedBody, ChunkSize, ChunkData, ChunkEnd, Trailers };

    // Adds data up to the end of a line to m_line (bounded by limit: fails with overStatus past it).
    // True when m_line holds a whole line (its CRLF or LF removed); *used is what it took.
    bool takeLine(QByteArrayView data, qsizetype* used, qsizetype limit, int overStatus, const QString& what);
    void onLine();
    void onRequestLine(const QByteArray& line);
    void onHeaderLine(const QByteArray& line);
    void onChunkSizeLine(const QByteArray& line);
    void onTrailerLine(const QByteArray& line);
    void finishHead();
    void fail(int status, const QString& detail);
    // What the head line being read may hold in all: m_headBytes already counts its bytes so far (found by
    // fuzz/httprequest: counting them twice refused a line cut in two that passed whole).
    qsizetype lineBudget() const noexcept { return m_limits.maxHeadBytes - m_headBytes + m_line.size(); }

    HttpLimits m_limits;
    State m_state = State::Head;
    Phase m_phase = Phase::RequestLine;
    HttpRequestHead m_head;
    Error m_error;
    QByteArray m_line;
    QByteArray m_body;
    qsizetype m_headBytes = 0;
    qint64 m_remaining = 0;
    int m_trailerCount = 0;
    bool m_started = false;
};

} // namespace jimini
