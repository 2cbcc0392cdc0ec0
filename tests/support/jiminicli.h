// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/spawnedprocess.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace jimini::test {

// The jimini CLI built beside the tests (build/<preset>/app/cli/jimini); empty when it was not built.
inline QString jiminiBinary() {
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/cli/jimini");
    return QFile::exists(path) ? path : QString();
}

struct CliRun {
    int exitCode = -1; // -1: did not start, or killed at the deadline
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// Runs jimini to its end. SpawnedProcess waits by spinning the event loop, never by blocking, so agents
// living on this thread keep answering; at the deadline the process is killed.
inline CliRun runJimini(const QStringList& args, int deadlineMs = 30000) {
    SpawnedProcess p;
    QString error;
    if (!p.start(jiminiBinary(), args, &error))
        return {-1, {}, error.toUtf8()};
    if (!p.waitForFinished(deadlineMs)) {
        p.kill();
        p.waitForFinished(5000);
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace jimini::test
