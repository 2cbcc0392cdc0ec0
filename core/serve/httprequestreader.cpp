// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestreader.h"

#include <QUrl>

#include <algorithm>
#include <cctype>

#include <limits>

namespace jimini {

namespace {
// RFC 9110 5.6.2: tchar.
bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s) {
    if (s.isEmpty())
        return false;
    for (char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

// A field value may hold visible characters, spaces, tabs and obs-text, never other controls.
bool isFieldValue(QByteArrayView s) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArray trimmedOws(QByteArrayView s) {
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.sliced(b, e - b).toByteArray();
}

// Decimal digits only; past 18 digits it is larger than any limit and reads as the largest qint64.
bool parseLength(QByteArrayView s, qint64* value) {
    if (s.isEmpty())
        return false;
    qint64 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        if (v > (std::numeric_limits<qint64>::max() - 9) / 10)
            v = std::numeric_limits<qint64>::max();
        else
            v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

QString printable(QByteArrayView s) {
    QString out;
    for (char c : s.first(std::min<qsizetype>(s.size(), 40))) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?');
    }
    if (s.size() > 40)
        out += QStringLiteral("...");
    return out;
}
} // namespace

HttpRequestReader::HttpRequestReader(const HttpLimits& limits)
    : m_limits(limits) {}

void HttpRequestReader::reset() {
    m_state = State::Head;
    m_phase = Phase::RequestLine;
    m_head = {};
    m_error = {};
    m_line.clear();
    m_body.clear();
    m_headBytes = 0;
    m_remaining = 0;
    m_trailerCount = 0;
    m_started = false;
}

void HttpRequestReader::fail(int status, const QString& detail) {
    m_state = State::Failed;
    m_error = {status, detail};
    m_line.clear();
    m_body.clear();
}

bool HttpRequestReader::takeLine(QByteArrayView data, qsizetype* used, qsizetype limit, int overStatus,
                                 const QString& what) {
    const qsizetype end = data.indexOf('\n');
    const qsizetype take = end < 0 ? data.size() : end + 1;
    if (m_line.size() + take > limit + 2) { // + 2: the line's own CRLF is not part of the limit
        fail(overStatus, QStringLiteral("%1 is longer than %2 bytes").arg(what).arg(limit));
        return false;
    }
    m_line.append(data.first(take));
    *used = take;
    if (end < 0)
        return false;
    m_line.chop(1);
    if (m_line.endsWith('\r'))
        m_line.chop(1);
    if (m_line.contains('\r')) {
        fail(400, QStringLiteral("%1 holds a bare CR").arg(what));
        return false;
    }
    return true;
}

qsizetype HttpRequestReader::feed(QByteArrayView data) {
    qsizetype total = 0;
    while (total < data.size() && (m_state == State::Head || m_state == State::Body)) {
        const QByteArrayView rest = data.sliced(total);
        m_started = true;
        qsizetype used = 0;
        bool line = false;
        switch (m_phase) {
        case Phase::RequestLine:
            line = takeLine(rest, &used, std::min(m_limits.maxRequestLineBytes, lineBudget()),
                            m_limits.maxRequestLineBytes <= lineBudget() ? 414 : 431,
                            QStringLiteral("the request line"));
            m_headBytes += used;
            break;
        case Phase::Headers:
            line = takeLine(rest, &used, lineBudget(), 431, QStringLiteral("the request head"));
            m_headBytes += used;
            break;
        case Phase::Trailers:
            line = takeLine(rest, &used, lineBudget(), 431, QStringLiteral("the chunked trailer"));
            m_headBytes += used;
            break;
        case Phase::ChunkSize:
            line =
                takeLine(rest, &used, m_limits.maxChunkLineBytes, 400, QStringLiteral("a chunk-size line"));
            break;
        case Phase::ChunkEnd:
            line = takeLine(rest, &used, 0, 400, QStringLiteral("the end of a chunk"));
            break;
        case Phase::FixedBody:
        case Phase::ChunkData: {
            used = qsizetype(std::min<qint64>(m_remaining, rest.size()));
            m_body.append(rest.first(used));
            m_remaining -= used;
            if (m_remaining == 0) {
                if (m_phase == Phase::FixedBody)
                    m_state = State::Complete;
                else
                    m_phase = Phase::ChunkEnd;
            }
            break;
        }
        }
        total += used;
        if (line) {
            onLine();
            m_line.clear();
        }
    }
    return total;
}

void HttpRequestReader::onLine() {
    switch (m_phase) {
    case Phase::RequestLine:
        if (!m_line.isEmpty()) // empty lines before the request line are ignored (RFC 9112 2.2)
            onRequestLine(m_line);
        break;
    case Phase::Headers:
        if (m_line.isEmpty())
            finishHead();
        else
            onHeaderLine(m_line);
        break;
    case Phase::ChunkSize:
        onChunkSizeLine(m_line);
        break;
    case Phase::ChunkEnd:
        if (!m_line.isEmpty())
            fail(400, QStringLiteral("a chunk is longer than its size says"));
        else
            m_phase = Phase::ChunkSize;
        break;
    case Phase::Trailers:
        if (m_line.isEmpty())
            m_state = State::Complete;
        else
            onTrailerLine(m_line);
        break;
    case Phase::FixedBody:
    case Phase::ChunkData:
        break;
    }
}

void HttpRequestReader::onRequestLine(const QByteArray& line) {
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
        return fail(
            400,
            QStringLiteral("the request line \"%1\" is not METHOD TARGET HTTP/1.x").arg(printable(line)));
    if (!isToken(parts[0]))
        return fail(400, QStringLiteral("the method \"%1\" is not a token").arg(printable(parts[0])));
    const QByteArray& version = parts[2];
    if (version == "HTTP/1.1")
        m_head.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_head.minorVersion = 0;
    else if (version.size() == 8 && version.startsWith("HTTP/") && std::isdigit(uchar(version[5])) &&
             version[6] == '.' && std::isdigit(uchar(version[7])))
        return fail(
            505, QStringLiteral("%1 is not supported (HTTP/1.1 and HTTP/1.0 are)").arg(printable(version)));
    else
        return fail(400, QStringLiteral("\"%1\" is not an HTTP version").arg(printable(version)));

    QByteArray target = parts[1];
    for (char c : target)
        if (c <= 0x20 || c >= 0x7f)
            return fail(400, QStringLiteral("the request target holds a byte that is not visible ASCII"));
    m_head.method = parts[0];
    m_head.target = target;
    if (target.startsWith("http://") || target.startsWith("https://")) { // absolute-form: keep the path
        const qsizetype slash = target.indexOf('/', target.indexOf("://") + 3);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    } else if (target == "*" && m_head.method == "OPTIONS") {
        m_head.path = QStringLiteral("*");
        m_phase = Phase::Headers;
        return;
    } else if (!target.startsWith('/')) {
        return fail(400, QStringLiteral("the request target \"%1\" is not a path").arg(printable(target)));
    }
    if (target.contains('#'))
        return fail(400, QStringLiteral("the request target holds a fragment (#)"));
    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = question < 0 ? target : target.left(question);
    m_head.path = QUrl::fromPercentEncoding(rawPath);
    for (QChar c : std::as_const(m_head.path))
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return fail(400, QStringLiteral("the request path decodes to a control character"));
    if (question >= 0)
        m_head.query = QUrlQuery(QString::fromLatin1(target.mid(question + 1)));
    m_phase = Phase::Headers;
}

void HttpRequestReader::onHeaderLine(const QByteArray& line) {
    if (m_head.headers.size() >= m_limits.maxHeaderCount)
        return fail(431, QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount));
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(400, QStringLiteral("header field %1 is folded over two lines (obsolete, refused)")
                             .arg(m_head.headers.size()));
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView name = colon < 0 ? QByteArrayView() : QByteArrayView(line).first(colon);
    if (!isToken(name))
        return fail(
            400,
            QStringLiteral("header field \"%1\" has no valid name before its colon").arg(printable(line)));
    const QByteArray value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
    if (!isFieldValue(value))
        return fail(400, QStringLiteral("header field %1 holds a control character").arg(printable(name)));
    m_head.headers.append({name.toByteArray(), value});
}

void HttpRequestReader::finishHead() {
    int hosts = 0;
    bool haveLength = false;
    QList<QByteArray> codings;
    for (const auto& [name, value] : std::as_const(m_head.headers)) {
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& item : value.split(',')) {
                qint64 length = 0;
                if (!parseLength(trimmedOws(item), &length))
                    return fail(
                        400, QStringLiteral("Content-Length \"%1\" is not a number").arg(printable(value)));
                if (haveLength && length != m_head.contentLength)
                    return fail(400, QStringLiteral("Content-Length is given twice with different values"));
                haveLength = true;
                m_head.contentLength = length;
            }
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& item : value.split(','))
                codings.append(trimmedOws(item).toLower());
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& item : value.split(','))
                if (trimmedOws(item).toLower() == "close")
                    m_head.keepAlive = false;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            if (value.toLower() != "100-continue")
                return fail(
                    417,
                    QStringLiteral("Expect \"%1\" is not supported (100-continue is)").arg(printable(value)));
            m_head.expectContinue = m_head.minorVersion == 1;
        }
    }
    if (m_head.minorVersion == 1 && hosts != 1)
        return fail(400, hosts == 0 ? QStringLiteral("an HTTP/1.1 request needs a Host header")
                                    : QStringLiteral("the Host header is given %1 times").arg(hosts));
    if (!codings.isEmpty()) {
        // Both framings at once is how requests are smuggled past proxies (RFC 9112 6.1).
        if (haveLength)
            return fail(400, QStringLiteral("both Transfer-Encoding and Content-Length are given"));
        if (m_head.minorVersion == 0)
            return fail(400, QStringLiteral("Transfer-Encoding is not allowed in HTTP/1.0"));
        if (codings.last() != "chunked")
            return fail(400, QStringLiteral("the last transfer coding must be chunked"));
        if (codings.size() > 1)
            return fail(501, QStringLiteral("only the chunked transfer coding is supported"));
        m_head.chunked = true;
    }
    if (m_head.minorVersion == 0)
        m_head.keepAlive = false; // one request per HTTP/1.0 connection
    m_state = State::HeadComplete;
}

void HttpRequestReader::readBody() {
    if (m_state != State::HeadComplete)
        return;
    if (m_head.chunked) {
        m_state = State::Body;
        m_phase = Phase::ChunkSize;
    } else if (m_head.contentLength > m_limits.maxBodyBytes) {
        fail(413, QStringLiteral("the body (Content-Length %1) is over the limit of %2 bytes")
                      .arg(m_head.contentLength)
                      .arg(m_limits.maxBodyBytes));
    } else if (m_head.contentLength > 0) {
        m_body.reserve(qsizetype(m_head.contentLength));
        m_remaining = m_head.contentLength;
        m_state = State::Body;
        m_phase = Phase::FixedBody;
    } else {
        m_state = State::Complete;
    }
}

void HttpRequestReader::onChunkSizeLine(const QByteArray& line) {
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray size =
        trimmedOws(semicolon < 0 ? QByteArrayView(line) : QByteArrayView(line).first(semicolon));
    if (!isFieldValue(line))
        return fail(400, QStringLiteral("a chunk-size line holds a control character"));
    bool ok = size.size() <= 16;
    const qulonglong n = ok ? size.toULongLong(&ok, 16) : 0;
    if (!ok || size.isEmpty() || size.startsWith('+') || size.startsWith('-') || size.contains(' '))
        return fail(400, QStringLiteral("the chunk size \"%1\" is not a hex number").arg(printable(size)));
    if (n == 0) {
        m_phase = Phase::Trailers;
        return;
    }
    if (n > qulonglong(m_limits.maxBodyBytes - m_body.size()))
        return fail(
            413, QStringLiteral("the chunked body is over the limit of %1 bytes").arg(m_limits.maxBodyBytes));
    m_remaining = qint64(n);
    m_phase = Phase::ChunkData;
}

void HttpRequestReader::onTrailerLine(const QByteArray& line) {
    if (++m_trailerCount + m_head.headers.size() > m_limits.maxHeaderCount)
        return fail(431,
                    QStringLiteral("more than %1 header and trailer fields").arg(m_limits.maxHeaderCount));
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)) || !isFieldValue(line))
        return fail(400, QStringLiteral("a chunked trailer field is malformed"));
}

} // namespace jimini
