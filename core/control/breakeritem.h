// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlresult.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace jimini {

// One instance x policy of a breaker action and what became of it. state and manualUntil are what the
// service answered (its circuit_breaker block), never what was asked for.
struct BreakerItem {
    enum class Status : quint8 { Pending, Sending, Done, Failed };

    int target = 0; // index into the action's targets
    QString endpointId;
    QString instance;
    QString policy;
    QString before; // last seen state, empty when unknown
    Status status = Status::Pending;
    int attempts = 0;
    ControlResult answer;                 // the last answer (httpStatus 0: none came)
    QString state;                        // the service's answer: its breaker state now
    std::optional<QDateTime> manualUntil; // the service's answer: when it returns to automatic (UTC)
    std::optional<QString> manualActor;   // the service's answer: who it recorded (absent: not said)
    std::optional<QString> manualReason;  // the service's answer: the reason it recorded
    QString error;                        // Failed: why, in the service's or the network's words

    bool finished() const { return status == Status::Done || status == Status::Failed; }
    // The answer in a phrase: "isolated until 2026-11-30T18:40:00Z", "closed", or the error.
    QString answerText() const;
    static QString toString(Status status); // "pending", "sending", "done", "failed"
};

} // namespace jimini
