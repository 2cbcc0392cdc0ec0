// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/keychainsecretstore.h"

#include <qt6keychain/keychain.h>

namespace jimini {

namespace {
// The job's answer as a SecretResult. errorString() is the backend's message (it names the key at most,
// never the secret).
SecretResult resultOf(QKeychain::Job* job, QByteArray secret = {}) {
    switch (job->error()) {
    case QKeychain::NoError:
        return {true, true, std::move(secret), {}};
    case QKeychain::EntryNotFound:
        return {true, false, {}, {}};
    default:
        return {false, false, {}, job->errorString()};
    }
}

// Jobs are children of the store: a store that goes away takes its jobs and their callbacks with it.
template <class Job> Job* makeJob(const QString& service, const QString& key, QObject* store) {
    auto* job = new Job(service, store);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString serviceName, QObject* parent)
    : SecretStore(parent)
    , m_service(std::move(serviceName)) {}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::description() const {
    return tr("the OS keychain (Secret Service)");
}

void KeychainSecretStore::write(const QString& key, const QByteArray& secret, SecretCallback done) {
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, key, this);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job* finished) { done(resultOf(finished)); });
    job->start();
}

void KeychainSecretStore::read(const QString& key, SecretCallback done) {
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
        auto* reader = static_cast<QKeychain::ReadPasswordJob*>(finished);
        done(resultOf(finished, reader->binaryData()));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, SecretCallback done) {
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job* finished) { done(resultOf(finished)); });
    job->start();
}

} // namespace jimini
