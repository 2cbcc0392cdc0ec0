// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/auditreader.h"
#include "control/auditrecord.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

namespace jimini {

// Follows an audit store file for a view: first its newest records, then, on each poll(), what was
// appended since (by this console or any other process). Every read is a bounded page (AuditReader) on a
// pool thread, one at a time: the UI thread never waits on the file. A poll while a read runs is kept and
// run after it; a page that was full is followed by the next at once. UI thread.
class AuditFollower final : public QObject {
    Q_OBJECT
public:
    static constexpr int pageSize = 1000;

    explicit AuditFollower(QObject* parent = nullptr);
    ~AuditFollower() override; // waits for a read in flight (bounded: one page, the store's busy timeout)

    // Starts over on path: reads its newest `initial` records (capped at AuditQuery::maxLimit).
    void follow(const QString& path, int initial = pageSize);
    void poll();
    const QString& path() const noexcept { return m_path; }
    qint64 lastId() const noexcept { return m_lastId; }
    bool busy() const noexcept { return m_reading; } // a read is in flight, or its answer not yet handled

signals:
    void recordsRead(const QList<jimini::AuditRecord>& records);
    void readFailed(const QString& error);
    void idle(); // no read in flight and none pending (tests wait for it)

private:
    void start(const AuditQuery& query);
    void onFinished();

    QFutureWatcher<AuditPage> m_watcher;
    QString m_path;
    QString m_readingPath;
    qint64 m_lastId = 0;
    int m_initial = pageSize;
    bool m_readingNewest = false;
    bool m_pending = false;
    bool m_reading = false;
};

} // namespace jimini
