// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/memorysecretstore.h"

#include <QMetaObject>

namespace jimini {

namespace {
void wipe(QByteArray& bytes) {
    bytes.fill('\0');
    bytes.clear();
}
} // namespace

MemorySecretStore::~MemorySecretStore() {
    for (QByteArray& secret : m_secrets)
        wipe(secret);
}

QString MemorySecretStore::description() const {
    return tr("memory, until the console closes");
}

void MemorySecretStore::answer(SecretCallback done, SecretResult result) {
    // Queued, as a keychain answers: a caller never sees its callback run inside its own call.
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString& key, const QByteArray& secret, SecretCallback done) {
    QByteArray& slot = m_secrets[key];
    wipe(slot);
    slot = secret;
    slot.detach();
    answer(std::move(done), {true, true, {}, {}});
}

void MemorySecretStore::read(const QString& key, SecretCallback done) {
    const auto found = m_secrets.constFind(key);
    if (found == m_secrets.cend())
        answer(std::move(done), {true, false, {}, {}});
    else
        answer(std::move(done), {true, true, *found, {}});
}

void MemorySecretStore::remove(const QString& key, SecretCallback done) {
    auto found = m_secrets.find(key);
    const bool existed = found != m_secrets.end();
    if (existed) {
        wipe(*found);
        m_secrets.erase(found);
    }
    answer(std::move(done), {true, existed, {}, {}});
}

} // namespace jimini
