// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A jimini-agent process for the chaos tests: started on a free loopback port (optionally under a lower
// descriptor limit), measured from /proc (resident memory now and at its peak) and stopped with SIGTERM.
// Waits spin the event loop until a condition or a deadline, never a fixed sleep.

#include "chaosprocess.h"

#include "support/spawnedprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

class AgentProcess {
public:
    ~AgentProcess() {
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    // descriptorLimit > 0: started through prlimit(1) with that RLIMIT_NOFILE.
    bool start(const QStringList& args, QString* why, int descriptorLimit = 0) {
        const QString agent = builtBinary(QStringLiteral("app/agent/jimini-agent"));
        if (agent.isEmpty()) {
            *why =
                QStringLiteral("jimini-agent is not built next to the tests (build the jimini-agent target)");
            return false;
        }
        QString program = agent;
        QStringList all = QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} + args;
        if (descriptorLimit > 0) {
            program = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
            if (program.isEmpty()) {
                *why = QStringLiteral("prlimit (util-linux) is not installed");
                return false;
            }
            all = QStringList{QStringLiteral("--nofile=%1:%1").arg(descriptorLimit), QStringLiteral("--"),
                              agent} +
                  all;
        }
        if (!m_process.start(program, all, why))
            return false;
        const QRegularExpression listening(QStringLiteral("listening on https?://[^:]+:(\\d+)"));
        const QRegularExpressionMatch m = m_process.waitForLine(15000)
                                              ? listening.match(QString::fromUtf8(m_process.takeLine()))
                                              : QRegularExpressionMatch();
        if (!m.hasMatch()) {
            *why = QStringLiteral("jimini-agent did not start: ") +
                   QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        m_port = quint16(m.captured(1).toUInt());
        return true;
    }

    quint16 port() const { return m_port; }
    bool running() { return !m_process.waitForFinished(0); }
    qint64 rssKiB() const { return statusKiB("VmRSS:"); }
    qint64 peakRssKiB() const { return statusKiB("VmHWM:"); }

    // Sends SIGTERM; the milliseconds until the process was gone, or -1 past deadlineMs.
    qint64 terminate(int deadlineMs) {
        QElapsedTimer clock;
        clock.start();
        m_process.terminate();
        return m_process.waitForFinished(deadlineMs) ? clock.elapsed() : -1;
    }

private:
    qint64 statusKiB(const QByteArray& key) const {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_process.pid()));
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith(key))
                return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
        return 0;
    }

    jimini::test::SpawnedProcess m_process;
    quint16 m_port = 0;
};
