// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace jimini {

// A bearer token, read from a file and checked before it can reach a header. A token is one line of
// printable ASCII without spaces (0x21-0x7e); exactly one trailing "\n" or "\r\n" is dropped, anything
// else (a second line, CR, NUL, DEL, a tab, a space, a non-ASCII byte) refuses the file, naming the byte
// and its offset: a CR or LF sent as-is would add header lines. The size is bounded before reading.
class TokenFile {
public:
    static constexpr qsizetype maxSize = 4096;

    static TokenFile read(const QString& path);
    // The same checks on bytes that did not come from a file (a token typed in a form); origin names them
    // in the error ("token file /etc/x.token", "the token field").
    static TokenFile check(const QByteArray& bytes, const QString& origin);

    bool ok() const noexcept { return m_error.isEmpty(); }
    // Empty when ok; otherwise what is wrong and where: "token file /x: line feed (0x0a) at byte 6 ...".
    const QString& error() const noexcept { return m_error; }
    const QByteArray& token() const noexcept { return m_token; } // empty unless ok

private:
    QByteArray m_token;
    QString m_error;
};

} // namespace jimini
