// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace jimini {

// Bearer-token check for mutations. The presented token is compared in constant time (SHA-256 of both,
// then every byte), so timing tells nothing about how much of it was right.
class BearerAuth {
public:
    enum class Verdict { Allowed, Missing, Wrong };

    explicit BearerAuth(QByteArray token = {});

    bool enabled() const noexcept { return !m_token.isEmpty(); }
    // Allowed whenever no token is configured.
    Verdict check(const QByteArray& authorizationHeader) const;
    // Who acts: "bearer:" + the first 4 hex digits of SHA-256(token), or "anonymous" without a token.
    QString actor(const QByteArray& authorizationHeader) const;
    // With the operator's own name (X-Jimini-Operator, a claim, cleaned by OperatorHeader::decode) in
    // front of the token's identity: "alice (bearer:3f9a)", "alice (anonymous)"; without a usable name,
    // as actor(authorizationHeader).
    QString actor(const QByteArray& authorizationHeader, const QByteArray& operatorHeader) const;

    static QByteArray tokenOf(const QByteArray& authorizationHeader); // empty unless "Bearer <token>"
    static QString actorOf(const QByteArray& token);

private:
    QByteArray m_token;
    QByteArray m_digest;
};

} // namespace jimini
