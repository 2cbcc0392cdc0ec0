// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configversion.h"

#include <QList>
#include <QString>

namespace jimini {

// The configs pushed to each instance, kept locally so that one step back is always possible: one JSON
// file per instance (named by a hash of its id) under dir, rewritten atomically (QSaveFile) on each
// record, so a crash leaves the old file or the new one, never half of one. The newest maxVersions are
// kept; a file that cannot be read counts as no history (and is logged), never as a crash.
class ConfigHistory {
public:
    static constexpr qsizetype maxVersions = 50;
    static constexpr qint64 maxFileSize = 64 * 1024 * 1024; // 50 configs of at most 1 MiB, and then some

    explicit ConfigHistory(QString dir);
    // <app data location>/config-history
    static QString defaultDir();

    const QString& dir() const noexcept { return m_dir; }
    // Oldest first.
    QList<ConfigVersion> versions(const QString& instance) const;
    // Appends version (a repeat of the newest ETag replaces it). False with error() when not written.
    bool record(const QString& instance, const ConfigVersion& version);
    // The version before the newest: what a rollback pushes back. Null ETag when there is none.
    ConfigVersion previous(const QString& instance) const;
    const QString& error() const noexcept { return m_error; }

private:
    QString fileOf(const QString& instance) const;

    QString m_dir;
    QString m_error;
};

} // namespace jimini
