// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/secretstore.h"

#include <QHash>

namespace jimini {

// Secrets in this process's memory, gone when it ends: the console's store where no keychain is
// reachable (the console says so). The bytes are overwritten before they are released.
class MemorySecretStore final : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    ~MemorySecretStore() override;

    Kind kind() const override { return Kind::Memory; }
    QString description() const override;

    void write(const QString& key, const QByteArray& secret, SecretCallback done) override;
    void read(const QString& key, SecretCallback done) override;
    void remove(const QString& key, SecretCallback done) override;

private:
    void answer(SecretCallback done, SecretResult result);

    QHash<QString, QByteArray> m_secrets;
};

} // namespace jimini
