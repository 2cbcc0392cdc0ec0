// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configrebase.h"

#include "net/controlresult.h"
#include "json/fielderror.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

#include <cstdint>
#include <optional>

namespace jimini {

// What came of one config push (ConfigSession::push / rollback).
struct ConfigPushOutcome {
    enum class Kind : std::uint8_t {
        Applied,     // 200: etag is the new version, result.body the config now in force
        Stale,       // 412: the config changed underneath; theirs was fetched and the draft rebased on it
        Invalid,     // 422: errors are the service's, at their fields; its config is unchanged
        Failed,      // any other answer, or none (result.reason says which)
        NotRecorded, // the audit trail could not be written, so nothing was sent
    };
    Kind kind = Kind::Failed;
    ControlResult result;               // the PUT's answer (for Stale: the PUT's, not the GET's)
    QByteArray etag;                    // Applied: the new version; Stale: the current one (theirs)
    QList<FieldError> errors;           // Invalid
    std::optional<ConfigRebase> rebase; // Stale, when theirs could be read and the draft is a JSON object
    QString detail;                     // one line for a status bar or a terminal
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::ConfigPushOutcome)
