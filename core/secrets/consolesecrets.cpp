// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/consolesecrets.h"

#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretslog.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFileInfo>
#include <QUuid>

namespace jimini {

namespace {
const QString kSecretService = QStringLiteral("org.freedesktop.secrets");
}

QString ConsoleSecrets::secretServiceAbsence() {
    // Without an address libdbus would try X11 autolaunch: only ask a bus that is there.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") &&
        (runtime.isEmpty() || !QFileInfo::exists(runtime + QStringLiteral("/bus"))))
        return tr("no D-Bus session bus");
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return tr("the D-Bus session bus cannot be reached: %1").arg(bus.lastError().message());
    QDBusConnectionInterface* names = bus.interface();
    if (!names)
        return tr("the D-Bus session bus does not list its services");
    if (!names->isServiceRegistered(kSecretService).value() &&
        !names->activatableServiceNames().value().contains(kSecretService))
        return tr("no Secret Service (%1) on the session bus").arg(kSecretService);
    return {};
}

ConsoleSecrets::ConsoleSecrets(QString serviceName, QObject* parent)
    : SecretStore(parent)
    , m_service(std::move(serviceName)) {
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(probeTimeoutMs);
    // Chosen after the constructor returns, so that whoever made this can connect readyChanged first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (const QString absent = secretServiceAbsence(); !absent.isEmpty()) {
                choose(new MemorySecretStore(this), absent);
                return;
            }
            m_candidate = new KeychainSecretStore(m_service, this);
            connect(&m_deadline, &QTimer::timeout, this, [this] {
                choose(new MemorySecretStore(this),
                       tr("the Secret Service did not answer within %1 s").arg(probeTimeoutMs / 1000));
            });
            m_deadline.start();
            // A key nobody wrote: "not found" is the answer of a keychain that works.
            const QString probe =
                QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
            m_candidate->read(probe, [this](const SecretResult& result) {
                if (result.ok)
                    choose(m_candidate, {});
                else
                    choose(new MemorySecretStore(this),
                           tr("the Secret Service refused: %1").arg(result.error));
            });
        },
        Qt::QueuedConnection);
}

ConsoleSecrets::~ConsoleSecrets() = default;

void ConsoleSecrets::choose(SecretStore* backend, const QString& fallbackReason) {
    if (m_backend) { // the deadline and the answer both came: the first one decided
        if (backend != m_candidate)
            backend->deleteLater();
        return;
    }
    m_deadline.stop();
    m_backend = backend;
    m_fallbackReason = fallbackReason;
    if (m_candidate && m_candidate != backend)
        m_candidate->deleteLater(); // a late answer dies with it
    if (fallbackReason.isEmpty())
        qCInfo(lcSecrets) << "tokens are kept in" << m_backend->description();
    else
        qCWarning(lcSecrets).noquote() << "no keychain:" << fallbackReason << "- tokens are kept in memory";
    for (auto& call : std::exchange(m_waiting, {}))
        call();
    emit readyChanged();
}

void ConsoleSecrets::whenReady(std::function<void()> call) {
    if (m_backend)
        call();
    else
        m_waiting.push_back(std::move(call));
}

SecretStore::Kind ConsoleSecrets::kind() const {
    return m_backend ? m_backend->kind() : Kind::Memory;
}

QString ConsoleSecrets::description() const {
    return m_backend ? m_backend->description() : tr("not chosen yet");
}

void ConsoleSecrets::write(const QString& key, const QByteArray& secret, SecretCallback done) {
    whenReady([this, key, secret, done = std::move(done)]() mutable {
        m_backend->write(key, secret, std::move(done));
    });
}

void ConsoleSecrets::read(const QString& key, SecretCallback done) {
    whenReady([this, key, done = std::move(done)]() mutable { m_backend->read(key, std::move(done)); });
}

void ConsoleSecrets::remove(const QString& key, SecretCallback done) {
    whenReady([this, key, done = std::move(done)]() mutable { m_backend->remove(key, std::move(done)); });
}

} // namespace jimini
