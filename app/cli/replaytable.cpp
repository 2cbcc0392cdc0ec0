// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaytable.h"

#include <QLocale>

#include <functional>

namespace jimini {

namespace {
const QString kDash = QStringLiteral("-");

QString count(std::uint64_t n) {
    return QLocale::c().toString(qulonglong(n));
}
QString percent(const std::optional<double>& v) {
    return v ? QString::number(*v * 100, 'f', 2) + QStringLiteral(" %") : kDash;
}
QString secondsText(const std::optional<double>& v) {
    return v ? QString::number(*v, 'f', 1) + QStringLiteral(" s") : kDash;
}
} // namespace

QString replayTable(const std::vector<ReplayColumn>& columns) {
    using Cell = std::function<QString(const DependencySummary&, std::uint64_t inFlight)>;
    const std::vector<std::pair<QString, Cell>> rows{
        {QStringLiteral("calls offered"), [](const auto& s, auto) { return count(s.offered); }},
        {QStringLiteral("success seen by callers"),
         [](const auto& s, auto) { return percent(s.successRate()); }},
        {QStringLiteral("calls shed"), [](const auto& s, auto) { return count(s.shed); }},
        {QStringLiteral("time to detect"), [](const auto& s, auto) { return secondsText(s.timeToDetect); }},
        {QStringLiteral("time to recover"), [](const auto& s, auto) { return secondsText(s.timeToRecover); }},
        {QStringLiteral("breaker opens"), [](const auto& s, auto) { return count(s.opens); }},
        {QStringLiteral("retries"), [](const auto& s, auto) { return count(s.retries); }},
        {QStringLiteral("load on dependency, total"), [](const auto& s, auto) { return count(s.attempts); }},
        {QStringLiteral("load on dependency, peak/s"),
         [](const auto& s, auto) { return count(s.peakAttempts); }},
        {QStringLiteral("load multiple (x offered)"),
         [](const auto& s, auto) {
             return s.loadMultiple() ? QString::number(*s.loadMultiple(), 'f', 2) : kDash;
         }},
        {QStringLiteral("in flight at the end"), [](const auto&, auto n) { return count(n); }},
        {QStringLiteral("not started (simulator cap)"), [](const auto& s, auto) { return count(s.skipped); }},
    };
    int labelWidth = 0;
    for (const auto& r : rows)
        labelWidth = std::max(labelWidth, int(r.first.size()));
    QString text;
    const std::size_t dependencies = columns.empty() ? 0 : columns.front().summaries.size();
    for (std::size_t d = 0; d < dependencies; ++d) {
        std::vector<QStringList> cells(rows.size());
        QStringList header{columns.front().summaries[d].name};
        for (const ReplayColumn& c : columns) {
            header << c.config;
            for (std::size_t r = 0; r < rows.size(); ++r)
                cells[r] << rows[r].second(c.summaries[d],
                                           d < c.inFlightAtEnd.size() ? c.inFlightAtEnd[d] : 0);
        }
        std::vector<int> widths;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            int w = int(header[qsizetype(c + 1)].size());
            for (const QStringList& row : cells)
                w = std::max(w, int(row[qsizetype(c)].size()));
            widths.push_back(w);
        }
        text += header[0].leftJustified(labelWidth + 2);
        for (std::size_t c = 0; c < columns.size(); ++c)
            text += QStringLiteral("  ") + header[qsizetype(c + 1)].rightJustified(widths[c]);
        text += QLatin1Char('\n');
        for (std::size_t r = 0; r < rows.size(); ++r) {
            text += QStringLiteral("  ") + rows[r].first.leftJustified(labelWidth);
            for (std::size_t c = 0; c < columns.size(); ++c)
                text += QStringLiteral("  ") + cells[r][qsizetype(c)].rightJustified(widths[c]);
            text += QLatin1Char('\n');
        }
        if (d + 1 < dependencies)
            text += QLatin1Char('\n');
    }
    return text;
}

} // namespace jimini
