// SPDX-License-Identifier: GPL-3.0-or-later
#include "probefigures.h"

#include <QCoreApplication>
#include <QLocale>

#include <chrono>

namespace jimini {

namespace {

QString figuresTr(const char* text) {
    return QCoreApplication::translate("jimini::ProbePanel", text);
}

ProbeCell count(std::uint64_t n, const QString& tip = {}) {
    return {QLocale().toString(qulonglong(n)), QVariant::fromValue(qulonglong(n)), tip};
}

ProbeCell none(const QString& tip = {}) {
    return {ProbeFigures::dash(), {}, tip};
}

ProbeCell label(const QString& text, const QString& tip = {}) {
    return {text, {}, tip};
}

ProbeCell milliseconds(const LatencyHistogram& h, std::optional<double> q, const QString& tip) {
    if (h.count() == 0)
        return none(tip);
    const double seconds = q ? h.percentile(*q) : std::chrono::duration<double>(h.max()).count();
    return {QLocale().toString(seconds * 1000, 'f', 1) + QStringLiteral(" ms"), seconds, tip};
}

ProbeCell percent(std::optional<double> share, const QString& tip) {
    if (!share)
        return none(tip);
    return {QLocale().toString(*share * 100, 'f', 1) + QStringLiteral(" %"), *share, tip};
}

} // namespace

QString ProbeFigures::dash() {
    return QStringLiteral("—");
}

// The first column names the rows; then a calls and an attempts column per run, side by side.
QStringList ProbeFigures::columnsPerRun(const QString& first, const std::vector<Run>& runs) {
    QStringList columns{first};
    for (const Run& run : runs)
        columns << figuresTr("%1: calls").arg(run.label) << figuresTr("%1: attempts").arg(run.label);
    return columns;
}

QStringList ProbeFigures::countColumns(const std::vector<Run>& runs) {
    return columnsPerRun(figuresTr("Outcome"), runs);
}

ProbeGrid ProbeFigures::counts(const std::vector<Run>& runs) {
    ProbeGrid grid;
    const QString whole = figuresTr("whole run so far");
    for (std::size_t c = 0; c < callCategoryCount; ++c) {
        QVector<ProbeCell> row{label(categoryName(CallCategory(c)))};
        for (const Run& run : runs)
            row << count(run.report->calls.byCategory[c],
                         figuresTr("calls finished as %1, %2").arg(categoryName(CallCategory(c)), whole))
                << count(run.report->attempts.byCategory[c],
                         figuresTr("attempts finished as %1, %2").arg(categoryName(CallCategory(c)), whole));
        grid << row;
    }
    struct Extra {
        const char* name;
        const char* tip;
    };
    static const Extra extras[] = {
        {QT_TR_NOOP("offered"), QT_TR_NOOP("calls due to start")},
        {QT_TR_NOOP("not sent"), QT_TR_NOOP("calls due but dropped: too many open already")},
        {QT_TR_NOOP("in flight"), QT_TR_NOOP("calls started and not finished, now")},
        {QT_TR_NOOP("requests sent"), QT_TR_NOOP("attempts that reached the network, retries included")},
    };
    for (int e = 0; e < 4; ++e) {
        QVector<ProbeCell> row{label(figuresTr(extras[e].name), figuresTr(extras[e].tip))};
        for (const Run& run : runs) {
            const ProbeReport& r = *run.report;
            const std::uint64_t n = e == 0 ? r.offered : e == 1 ? r.notSent : e == 2 ? run.inFlight : 0;
            if (e == 3)
                row << label(QString()) << count(r.attemptsSent, figuresTr(extras[e].tip));
            else
                row << count(n, figuresTr(extras[e].tip)) << label(QString());
        }
        grid << row;
    }
    return grid;
}

QStringList ProbeFigures::latencyColumns(const std::vector<Run>& runs) {
    return columnsPerRun(figuresTr("Latency"), runs);
}

ProbeGrid ProbeFigures::latency(const std::vector<Run>& runs) {
    ProbeGrid grid;
    const QString attempts = figuresTr("single attempts finished, whole run so far");
    const QString calls = figuresTr("whole calls with their retries and waits, finished, whole run so far");
    const std::optional<double> quantiles[] = {0.50, 0.90, 0.95, 0.99, std::nullopt};
    const char* const names[] = {"p50", "p90", "p95", "p99", QT_TR_NOOP("max")};
    for (int q = 0; q < 5; ++q) {
        QVector<ProbeCell> row{label(figuresTr(names[q]))};
        for (const Run& run : runs)
            row << milliseconds(run.report->callLatency, quantiles[q], calls)
                << milliseconds(run.report->attemptLatency, quantiles[q], attempts);
        grid << row;
    }
    return grid;
}

QStringList ProbeFigures::summaryColumns() {
    return {figuresTr("Run"), figuresTr("Success seen by callers"), figuresTr("Calls shed"),
            figuresTr("p95 of calls"), figuresTr("Load multiple")};
}

QStringList ProbeFigures::summaryToolTips() {
    return {
        figuresTr("The profile (and target) of the run"),
        figuresTr("Share of the calls finished so far that succeeded, retries included"),
        figuresTr(
            "Calls the policies turned away without sending (rate limited, bulkhead full, breaker open), "
            "so far"),
        figuresTr("95th percentile of whole calls (retries and waits included) finished so far"),
        figuresTr(
            "Requests that reached the target per call offered so far: 1 without retries, more with them, "
            "less when policies shed")};
}

ProbeGrid ProbeFigures::summary(const std::vector<Run>& runs) {
    ProbeGrid grid;
    const QStringList tips = summaryToolTips();
    for (const Run& run : runs) {
        const ProbeReport& r = *run.report;
        const std::uint64_t finished = r.calls.total();
        const std::optional<double> success =
            finished ? std::optional<double>(double(r.calls[CallCategory::Success]) / double(finished))
                     : std::nullopt;
        const bool offered = r.offered > r.notSent;
        grid << QVector<ProbeCell>{
            label(run.label, tips[0]), percent(success, tips[1]),
            finished ? count(r.calls.shed(), tips[2]) : none(tips[2]),
            milliseconds(r.callLatency, 0.95, tips[3]),
            offered ? ProbeCell{QStringLiteral("×") + QLocale().toString(r.loadMultiple(), 'f', 2),
                                r.loadMultiple(), tips[4]}
                    : none(tips[4])};
    }
    return grid;
}

} // namespace jimini
