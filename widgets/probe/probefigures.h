// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probetablemodel.h"

#include "probe/probereport.h"

#include <QStringList>

#include <vector>

namespace jimini {

// The probe panel's tables, built from the runs' reports so far: every figure is one the run produced
// ("—" before its first sample), and every column says what it covers (the whole run so far).
// A run is named by its label (the profile; "profile @ target" when several targets run).
class ProbeFigures {
public:
    struct Run {
        QString label;
        const ProbeReport* report = nullptr;
        std::uint64_t inFlight = 0;
    };

    // Outcomes by category, then offered, not sent, in flight and requests sent; a calls and an attempts
    // column per run.
    static QStringList countColumns(const std::vector<Run>& runs);
    static ProbeGrid counts(const std::vector<Run>& runs);
    // p50, p90, p95, p99 and max of whole calls (retries and waits included) and of single attempts.
    static QStringList latencyColumns(const std::vector<Run>& runs);
    static ProbeGrid latency(const std::vector<Run>& runs);
    // One row per run: success seen by callers, calls shed, p95 of calls, load multiple.
    static QStringList summaryColumns();
    static QStringList summaryToolTips();
    static ProbeGrid summary(const std::vector<Run>& runs);

    static QString dash(); // the text of a figure not produced yet

private:
    static QStringList columnsPerRun(const QString& first, const std::vector<Run>& runs);
};

} // namespace jimini
