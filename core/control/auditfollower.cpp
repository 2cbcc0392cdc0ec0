// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/auditfollower.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace jimini {

AuditFollower::AuditFollower(QObject* parent)
    : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<AuditPage>::finished, this, &AuditFollower::onFinished);
}

AuditFollower::~AuditFollower() {
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void AuditFollower::follow(const QString& path, int initial) {
    m_path = path;
    m_lastId = 0;
    m_initial = std::clamp(initial, 1, AuditQuery::maxLimit);
    poll(); // a read in flight is of the old file: its answer is dropped, then this one runs
}

void AuditFollower::poll() {
    if (m_path.isEmpty())
        return;
    if (m_reading) {
        m_pending = true;
        return;
    }
    AuditQuery query;
    query.afterId = m_lastId;
    // Nothing read yet: the newest, what a view opening on a large store shows.
    query.newest = m_lastId == 0;
    query.limit = query.newest ? m_initial : pageSize;
    start(query);
}

void AuditFollower::start(const AuditQuery& query) {
    m_reading = true;
    m_readingPath = m_path;
    m_readingNewest = query.newest;
    const QString path = m_path;
    m_watcher.setFuture(QtConcurrent::run([path, query] { return AuditReader::read(path, query); }));
}

void AuditFollower::onFinished() {
    const AuditPage page = m_watcher.result();
    m_reading = false;
    bool again = std::exchange(m_pending, false);
    if (m_readingPath == m_path) {
        if (!page.ok()) {
            emit readFailed(page.error);
        } else if (!page.records.isEmpty()) {
            m_lastId = std::max(m_lastId, page.records.back().id);
            // A newest page's "more" is about older records, which a view opening on the store skips.
            again |= page.more && !m_readingNewest;
            emit recordsRead(page.records);
        }
    } else {
        again = true;
    }
    if (again)
        poll();
    else
        emit idle();
}

} // namespace jimini
