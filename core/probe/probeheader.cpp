// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeheader.h"

#include <QRegularExpression>

namespace jimini {

ProbeHeaderResult parseProbeHeader(const QString& text) {
    static const QRegularExpression name(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString n = colon > 0 ? text.left(colon).trimmed() : QString();
    const QString v = colon > 0 ? text.mid(colon + 1).trimmed() : QString();
    if (!name.match(n).hasMatch())
        return {std::nullopt, QStringLiteral("header \"%1\": want \"Name: value\"").arg(text)};
    for (const QChar c : v)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() > 0x7e)
            return {std::nullopt,
                    QStringLiteral("header %1: the value has a control or non-ASCII character").arg(n)};
    return {QPair<QByteArray, QByteArray>{n.toLatin1(), v.toLatin1()}, {}};
}

} // namespace jimini
