// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a built binary (`jimini`, `jimini-agent`) from a chaos test and measures it: the wall time from
// start to exit (QElapsedTimer) and its peak resident memory (VmHWM from /proc, read every 10 ms while it
// runs; VmHWM only grows, so the last reading is the peak up to a few milliseconds before it exited).
// The test's own servers live on this thread: wait by spinning the event loop, never by blocking.

#include "support/spawnedprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>

struct ChaosRun {
    int exitCode = -1; // -1: crashed or killed at the test's deadline
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    qint64 peakRssKiB = 0;
};

inline QString builtBinary(const QString& relative) {
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/../") + relative;
    return QFile::exists(path) ? path : QString();
}

inline qint64 vmHwmKiB(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

// deadlineMs: the test's own bound; past it the process is killed and exitCode is -1. Started without a
// fork (SpawnedProcess), so it runs under ThreadSanitizer as well.
inline ChaosRun runChaos(const QString& binary, const QStringList& args, int deadlineMs = 30000) {
    ChaosRun run;
    jimini::test::SpawnedProcess p;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        if (p.pid() > 0 && !p.finished())
            run.peakRssKiB = std::max(run.peakRssKiB, vmHwmKiB(p.pid()));
    });
    QElapsedTimer clock;
    clock.start();
    QString error;
    if (!p.start(binary, args, &error)) {
        run.err = error.toUtf8();
        return run;
    }
    sampler.start(10);
    if (!p.waitForFinished(deadlineMs)) {
        p.kill();
        p.waitForFinished(5000);
    }
    run.elapsedMs = clock.elapsed();
    sampler.stop();
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}
