// SPDX-License-Identifier: GPL-3.0-or-later
#include "bearerauth.h"

#include "net/operatorheader.h"

#include <QCryptographicHash>

namespace jimini {

namespace {
QByteArray sha256(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}
} // namespace

BearerAuth::BearerAuth(QByteArray token)
    : m_token(std::move(token))
    , m_digest(sha256(m_token)) {}

QByteArray BearerAuth::tokenOf(const QByteArray& header) {
    const QByteArray h = header.trimmed();
    // The scheme is case-insensitive (RFC 9110 11.1).
    if (h.size() < 8 || h.left(7).toLower() != "bearer ")
        return {};
    return h.mid(7).trimmed();
}

BearerAuth::Verdict BearerAuth::check(const QByteArray& header) const {
    if (!enabled())
        return Verdict::Allowed;
    const QByteArray presented = tokenOf(header);
    if (presented.isEmpty())
        return Verdict::Missing;
    const QByteArray digest = sha256(presented);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < m_digest.size(); ++i)
        diff |= static_cast<unsigned char>(digest[i] ^ m_digest[i]);
    return diff == 0 ? Verdict::Allowed : Verdict::Wrong;
}

QString BearerAuth::actor(const QByteArray& header) const {
    const QByteArray presented = tokenOf(header);
    return presented.isEmpty() ? QStringLiteral("anonymous") : actorOf(presented);
}

QString BearerAuth::actor(const QByteArray& header, const QByteArray& operatorHeader) const {
    const QString name = OperatorHeader::decode(operatorHeader);
    const QString token = actor(header);
    return name.isEmpty() ? token : QStringLiteral("%1 (%2)").arg(name, token);
}

QString BearerAuth::actorOf(const QByteArray& token) {
    return QStringLiteral("bearer:") + QString::fromLatin1(sha256(token).toHex().left(4));
}

} // namespace jimini
