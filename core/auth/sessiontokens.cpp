// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/sessiontokens.h"

#include "auth/tokenfile.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

namespace jimini {

namespace {
struct Held {
    QMutex mutex;
    QHash<QString, QByteArray> tokens;
};

Held& held() {
    static Held instance;
    return instance;
}

void wipe(QByteArray& bytes) {
    bytes.fill('\0');
}
} // namespace

bool SessionTokens::set(const QString& endpointId, const QByteArray& token, QString* error) {
    const QString origin = QStringLiteral("the token for %1").arg(endpointId);
    if (token.size() > TokenFile::maxSize) {
        if (error)
            *error = QStringLiteral("%1 is longer than %2 bytes").arg(origin).arg(TokenFile::maxSize);
        return false;
    }
    const TokenFile checked = TokenFile::check(token, origin);
    if (!checked.ok()) {
        if (error)
            *error = checked.error();
        return false;
    }
    QMutexLocker lock(&held().mutex);
    QByteArray& slot = held().tokens[endpointId];
    wipe(slot);
    slot = checked.token();
    slot.detach();
    return true;
}

QByteArray SessionTokens::get(const QString& endpointId) {
    QMutexLocker lock(&held().mutex);
    return held().tokens.value(endpointId);
}

bool SessionTokens::contains(const QString& endpointId) {
    QMutexLocker lock(&held().mutex);
    return held().tokens.contains(endpointId);
}

void SessionTokens::remove(const QString& endpointId) {
    QMutexLocker lock(&held().mutex);
    auto found = held().tokens.find(endpointId);
    if (found == held().tokens.end())
        return;
    wipe(*found);
    held().tokens.erase(found);
}

void SessionTokens::clear() {
    QMutexLocker lock(&held().mutex);
    for (QByteArray& token : held().tokens)
        wipe(token);
    held().tokens.clear();
}

} // namespace jimini
