// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a built binary (`jimini`, `jimini-agent`) from a chaos test and measures it: the wall time from
// start to exit (QElapsedTimer) and its peak resident memory (VmHWM from /proc, read every 10 ms while it
// runs; VmHWM only grows, so the last reading is the peak up to a few milliseconds before it exited).
// The test's own servers live on this thread: wait by spinning the event loop, never by blocking.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>

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

// deadlineMs: the test's own bound; past it the process is killed and exitCode is -1.
inline ChaosRun runChaos(const QString& binary, const QStringList& args, int deadlineMs = 30000) {
    ChaosRun run;
    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &p, [&] {
        if (p.processId() > 0)
            run.peakRssKiB = std::max(run.peakRssKiB, vmHwmKiB(p.processId()));
    });
    QElapsedTimer clock;
    clock.start();
    p.start(binary, args);
    sampler.start(10);
    if (!finished.wait(deadlineMs)) {
        p.kill();
        p.waitForFinished(5000);
    }
    run.elapsedMs = clock.elapsed();
    sampler.stop();
    run.exitCode = p.exitStatus() == QProcess::NormalExit && !finished.isEmpty() ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}
