// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QSettings;

namespace jimini {

// Who the operator is, as control requests name them (X-Jimini-Operator) and the audit trail records
// them: the name set in preferences if any, else the OS account running the console, else $USER.
// Always sanitized (OperatorHeader::sanitized: no control characters, at most 64 characters); empty only
// when none of the three says anything.
class OperatorIdentity {
public:
    static constexpr const char* settingsKey = "operator/name";

    // From settings' operator/name, falling back as above.
    static QString current(const QSettings& settings);
    // From the application's default QSettings.
    static QString current();
    // The OS account (getpwuid_r(geteuid())), else $USER; sanitized.
    static QString osUser();
};

} // namespace jimini
