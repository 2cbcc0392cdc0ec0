// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace jimini {

// What a secret store answered. found is false (with ok true) when there is no secret under the key.
struct SecretResult {
    bool ok = false;
    bool found = false;
    QByteArray secret; // read: the secret; empty otherwise
    QString error;     // empty when ok; otherwise what the store said, never the secret
};

using SecretCallback = std::function<void(const SecretResult&)>;

// Where the console keeps the tokens an operator typed (not those in token files, which stay in their
// files): the OS keychain (KeychainSecretStore, the Secret Service through qtkeychain) or, where there is
// none, memory until the console closes (MemorySecretStore). Keys are endpoint ids. Every call returns at
// once and answers through its callback, later, on this object's thread (never from inside the call), and
// only while this object lives. A secret is never logged, and no error message quotes it.
class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class Kind : quint8 { Keychain, Memory };

    using QObject::QObject;
    ~SecretStore() override;

    virtual Kind kind() const = 0;
    // For the operator: where the secrets are ("the Secret Service", "memory, until the console closes").
    virtual QString description() const = 0;

    virtual void write(const QString& key, const QByteArray& secret, SecretCallback done) = 0;
    virtual void read(const QString& key, SecretCallback done) = 0;
    virtual void remove(const QString& key, SecretCallback done) = 0;
};

} // namespace jimini
