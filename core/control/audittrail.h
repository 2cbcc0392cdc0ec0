// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace jimini {

// What an operator is about to do, written before it is sent. action is a dotted verb: breaker.isolate,
// breaker.disable, breaker.auto, config.push, config.rollback, rollout.start, rollout.step,
// rollout.rollback, rollout.abort, replay.start, replay.phase, replay.abort. targets are the instances it
// touches (endpoint ids, i.e. base URLs). No field may hold a credential: tokens never reach an audit record.
struct AuditEntry {
    QString action;
    QStringList targets;
    QString environment;
    QString service;
    QString policy;
    QString before;
    QString after;
    QString reason;

    friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// What came of it: the service's answer (or why there was none), in its own words.
struct AuditOutcome {
    bool ok = false;
    QString detail;
};

// Where control actions are recorded: the intent before it is sent, the outcome when the answer is in.
// The console reaches its trail as ConsoleContext::audit(), the CLI opens the same store
// (AuditStore::openDefault). UI thread (or the CLI's main thread).
class AuditTrail {
public:
    virtual ~AuditTrail() = default;

    // The intent's id (> 0), or 0 when it could not be written: then the action must not be sent.
    virtual qint64 recordIntent(const AuditEntry& entry) = 0;
    // The result of the intent recordIntent returned intentId for.
    virtual void recordOutcome(qint64 intentId, const AuditOutcome& outcome) = 0;
};

} // namespace jimini
