// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace jimini {

struct LiveReplayCommandOptions {
    QStringList urls;
    QString scenario; // a file or a bundled name
    QString tokenFile;
    QString auditDb; // empty: the default store
    bool json = false;
};

// jimini replay --live URL... SCENARIO: the scenario played against the agents through their /faults in
// real time (core/control's LiveReplay), one progress line per phase step and agent. SIGINT and SIGTERM
// stop it and clear every fault it injected before exiting. Exit 0 played to the end; 1 an agent failed
// (refused, unreachable) or it was interrupted; 2 an input error (a URL, the scenario, the token file).
int runLiveReplayCommand(const LiveReplayCommandOptions& options);

} // namespace jimini
