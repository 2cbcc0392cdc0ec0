// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/operatorheader.h"

namespace jimini {

QString OperatorHeader::sanitized(const QString& name) {
    QString kept;
    kept.reserve(std::min<qsizetype>(name.size(), maxLength * 2));
    for (const QChar c : name) {
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            continue;
        kept.append(c.isSpace() ? QChar(QLatin1Char(' ')) : c);
        if (kept.size() > maxLength * 4)
            break; // far past the limit: the rest cannot matter
    }
    kept = kept.simplified();
    qsizetype cut = 0;
    int characters = 0;
    while (cut < kept.size() && characters < maxLength) {
        cut += (kept.at(cut).isHighSurrogate() && cut + 1 < kept.size()) ? 2 : 1;
        ++characters;
    }
    return kept.left(cut).trimmed();
}

QByteArray OperatorHeader::encode(const QString& name) {
    return sanitized(name).toUtf8();
}

QString OperatorHeader::decode(const QByteArray& header) {
    return sanitized(QString::fromUtf8(header.left(maxRawBytes)));
}

} // namespace jimini
