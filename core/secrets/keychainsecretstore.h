// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/secretstore.h"

namespace jimini {

// Secrets in the OS keychain through qtkeychain: on Linux the Secret Service (gnome-keyring, KWallet's
// implementation of it) over D-Bus. Each secret is an item of the service `serviceName` with the key as
// its account. qtkeychain's own plain-text fallback is off: where there is no keychain the console keeps
// tokens in memory (MemorySecretStore) and says so, rather than writing them to a file.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString serviceName = QStringLiteral("jimini-console"),
                                 QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    Kind kind() const override { return Kind::Keychain; }
    QString description() const override;
    const QString& serviceName() const noexcept { return m_service; }

    void write(const QString& key, const QByteArray& secret, SecretCallback done) override;
    void read(const QString& key, SecretCallback done) override;
    void remove(const QString& key, SecretCallback done) override;

private:
    QString m_service;
};

} // namespace jimini
