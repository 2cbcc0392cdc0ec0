// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configfield.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace jimini {

// One field of one stage as the form shows it: taken from the same schema tables the agent's reader and
// validator walk (ConfigSchema), so the form offers exactly the keys the agent accepts.
struct ConfigFieldSpec {
    QString stage; // "retry", "circuit_breaker", ...
    QString key;
    FieldKind kind = FieldKind::Special;
    ConfigRange range;
    QStringList names; // Enum
    QString unit;      // "s", "calls", ... (docs/config.md)
    QString help;      // what it does, in a sentence
    QString profiles;  // the guide's numbers for it, "production 3, staging 3, development 2"; empty when
                       // the guide's profiles do not set it (their defaults are not the guide's word)

    // Every stage's fields in file order; Special keys but retry.randomize are left to the JSON view.
    static QList<ConfigFieldSpec> all();
    static QStringList stages(); // file order
};

} // namespace jimini
