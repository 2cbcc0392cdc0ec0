// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenfile.h"

#include <QFile>

namespace jimini {

namespace {
QString byteName(unsigned char c) {
    const QString hex = QStringLiteral("0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    switch (c) {
    case '\0':
        return QStringLiteral("NUL (%1)").arg(hex);
    case '\t':
        return QStringLiteral("tab (%1)").arg(hex);
    case '\n':
        return QStringLiteral("line feed (%1)").arg(hex);
    case '\r':
        return QStringLiteral("carriage return (%1)").arg(hex);
    case ' ':
        return QStringLiteral("space (%1)").arg(hex);
    case 0x7f:
        return QStringLiteral("DEL (%1)").arg(hex);
    default:
        break;
    }
    return c < 0x20 ? QStringLiteral("control character (%1)").arg(hex)
                    : QStringLiteral("non-ASCII byte (%1)").arg(hex);
}
} // namespace

TokenFile TokenFile::check(const QByteArray& bytes, const QString& origin) {
    TokenFile t;
    QByteArray token = bytes;
    if (token.endsWith("\r\n"))
        token.chop(2);
    else if (token.endsWith('\n'))
        token.chop(1);
    if (token.isEmpty()) {
        t.m_error = QStringLiteral("%1 is empty").arg(origin);
        return t;
    }
    for (qsizetype i = 0; i < token.size(); ++i) {
        const auto c = static_cast<unsigned char>(token.at(i));
        if (c < 0x21 || c > 0x7e) {
            t.m_error = QStringLiteral("%1: %2 at byte %3 (a token is one line of printable ASCII without "
                                       "spaces)")
                            .arg(origin, byteName(c), QString::number(i));
            return t;
        }
    }
    t.m_token = token;
    return t;
}

TokenFile TokenFile::read(const QString& path) {
    const QString origin = QStringLiteral("token file %1").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TokenFile t;
        t.m_error = QStringLiteral("cannot read %1: %2").arg(origin, file.errorString());
        return t;
    }
    // One byte past the limit tells "too large" apart from "exactly the limit", whatever the file is
    // (a pipe or /dev/zero has no size to ask).
    const QByteArray bytes = file.read(maxSize + 1);
    if (bytes.size() > maxSize) {
        TokenFile t;
        t.m_error = QStringLiteral("%1 is larger than %2 bytes").arg(origin, QString::number(maxSize));
        return t;
    }
    return check(bytes, origin);
}

} // namespace jimini
