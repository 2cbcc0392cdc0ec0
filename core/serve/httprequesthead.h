// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace jimini {

// The head of one HTTP/1.x request as the reader parsed it: the request line, the header fields as sent
// (names as written, values without surrounding whitespace) and what they say about the body.
struct HttpRequestHead {
    QByteArray method;
    QByteArray target; // as sent
    QString path;      // percent-decoded, without the query
    QUrlQuery query;
    int minorVersion = 1; // HTTP/1.0 or HTTP/1.1
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = -1; // -1: no Content-Length
    bool chunked = false;
    bool keepAlive = true;       // false: HTTP/1.0, or Connection: close
    bool expectContinue = false; // Expect: 100-continue

    bool hasBody() const noexcept { return chunked || contentLength > 0; }
};

} // namespace jimini
