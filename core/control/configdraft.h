// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace jimini {

// One draft as the draft store keeps it: the text as typed (valid or not) and where it came from, so that
// a push after a restart still carries the right If-Match and a rebase still has its base.
struct ConfigDraft {
    QString id;       // the store's name for it (a file name stem)
    QString instance; // the instance it is meant for (its base URL), or empty
    QString origin;   // "production" (a profile), "live", "file:/path", ...
    QByteArray baseEtag;
    QByteArray base;   // the config the draft was started from (the instance's, when live), or empty
    QByteArray text;   // the draft itself
    QDateTime savedAt; // UTC

    friend bool operator==(const ConfigDraft&, const ConfigDraft&) = default;
};

} // namespace jimini
