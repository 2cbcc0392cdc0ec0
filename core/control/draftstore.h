// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configdraft.h"

#include <QList>
#include <QString>
#include <optional>

namespace jimini {

// Drafts saved as they are typed: one JSON file per draft under dir, each save an atomic replace
// (QSaveFile: written to a temporary file, flushed, renamed over the old one), so a crash or a killed
// process leaves the last complete save. list() is what the editor offers on its next start. Files that
// are not drafts (or too large) are skipped, not fatal.
class DraftStore {
public:
    static constexpr qint64 maxDraftFileSize = 8 * 1024 * 1024; // base and text of at most 1 MiB, escaped

    explicit DraftStore(QString dir);
    // <app data location>/drafts
    static QString defaultDir();

    const QString& dir() const noexcept { return m_dir; }
    // Writes draft (a new id is made when it has none, and stored in it). False with error().
    bool save(ConfigDraft& draft);
    // Newest first.
    QList<ConfigDraft> list() const;
    std::optional<ConfigDraft> load(const QString& id) const;
    bool remove(const QString& id);
    const QString& error() const noexcept { return m_error; }

private:
    QString fileOf(const QString& id) const;

    QString m_dir;
    QString m_error;
};

} // namespace jimini
