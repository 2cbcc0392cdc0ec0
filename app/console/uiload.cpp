// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/uiload.h"

#include <QAbstractEventDispatcher>
#include <QFile>
#include <QThread>

namespace jimini {

UiLoad::UiLoad(QObject* parent)
    : QObject(parent) {
    QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance(QThread::currentThread());
    connect(dispatcher, &QAbstractEventDispatcher::awake, this, &UiLoad::awake);
    connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &UiLoad::aboutToBlock);
    reset();
}

void UiLoad::reset() {
    m_start = Clock::now();
    m_wokeAt = m_start;
    m_busy = {};
}

void UiLoad::awake() {
    // awake() may repeat without a block in between (nested loops): only the first counts.
    if (m_awake)
        return;
    m_awake = true;
    m_wokeAt = Clock::now();
}

void UiLoad::aboutToBlock() {
    if (!m_awake)
        return;
    m_awake = false;
    m_busy += Clock::now() - m_wokeAt;
}

std::chrono::nanoseconds UiLoad::busy() const {
    return m_awake ? m_busy + (Clock::now() - m_wokeAt) : m_busy;
}

std::chrono::nanoseconds UiLoad::wall() const {
    return Clock::now() - m_start;
}

double UiLoad::busyFraction() const {
    const auto w = wall();
    return w.count() > 0 ? double(busy().count()) / double(w.count()) : 0.0;
}

qint64 UiLoad::residentBytes() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts[1].toLongLong() * 1024 : 0;
        }
    }
    return 0;
}

} // namespace jimini
