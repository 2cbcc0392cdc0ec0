// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace jimini {

// One field both sides changed, each its own way, since the base the draft was made from. Values are in
// the JSON form (durations in seconds); undefined means the key is absent there (a removed policy, a stage
// turned off). keys is the path as a list, because policy names may hold '.'; path is its display form.
struct ConfigConflict {
    QStringList keys;
    QString path;
    QJsonValue base;
    QJsonValue theirs;
    QJsonValue mine;

    friend bool operator==(const ConfigConflict&, const ConfigConflict&) = default;
};

// How the operator settles one conflict.
enum class ConflictChoice : std::uint8_t { Mine, Theirs };

} // namespace jimini
