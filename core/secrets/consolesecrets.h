// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/secretstore.h"

#include <QPointer>
#include <QTimer>

#include <functional>
#include <vector>

namespace jimini {

// The console's secret store: the OS keychain when a Secret Service answers, otherwise memory until the
// console closes, with the reason. Which one is found out at construction without blocking: a session bus
// and a Secret Service on it (owned or activatable), then one read of a key that does not exist, answered
// within probeTimeoutMs. Calls made meanwhile wait for the answer and then go to the store it chose. UI
// thread.
class ConsoleSecrets final : public SecretStore {
    Q_OBJECT
public:
    static constexpr int probeTimeoutMs = 5000;

    // serviceName: the keychain items' service (tests use their own).
    explicit ConsoleSecrets(QString serviceName = QStringLiteral("jimini-console"),
                            QObject* parent = nullptr);
    ~ConsoleSecrets() override;

    bool ready() const noexcept { return m_backend != nullptr; }
    // Memory until ready(); then the chosen store's.
    Kind kind() const override;
    QString description() const override;
    // Why there is no keychain (empty when there is one, or before ready()): "no D-Bus session bus", ...
    const QString& fallbackReason() const noexcept { return m_fallbackReason; }

    void write(const QString& key, const QByteArray& secret, SecretCallback done) override;
    void read(const QString& key, SecretCallback done) override;
    void remove(const QString& key, SecretCallback done) override;

    // Whether a Secret Service can be asked at all: empty when it can, else why not (no session bus, none
    // on it). Cheap, no answer awaited.
    static QString secretServiceAbsence();

signals:
    // The store is chosen (kind(), fallbackReason()).
    void readyChanged();

private:
    void choose(SecretStore* backend, const QString& fallbackReason);
    void whenReady(std::function<void()> call);

    QString m_service;
    SecretStore* m_backend = nullptr;
    SecretStore* m_candidate = nullptr;
    QTimer m_deadline;
    QString m_fallbackReason;
    std::vector<std::function<void()>> m_waiting;
};

} // namespace jimini
