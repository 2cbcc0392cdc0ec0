// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeprogress.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace jimini {

ProbeProgress::ProbeProgress(const ProbeLoad& load)
    : m_load(load)
    , m_terminal(::isatty(STDOUT_FILENO) && ::isatty(STDERR_FILENO)) {}

QString ProbeProgress::countsText(const ProbeSnapshot& s) const {
    QString t = QStringLiteral("ok %1").arg(s.calls[CallCategory::Success]);
    for (CallCategory c :
         {CallCategory::Http5xx, CallCategory::Http4xx, CallCategory::Timeout, CallCategory::Network,
          CallCategory::RateLimited, CallCategory::BulkheadFull, CallCategory::BreakerOpen})
        if (s.calls[c] > 0)
            t += QStringLiteral(" %1 %2").arg(categoryName(c)).arg(s.calls[c]);
    t += QStringLiteral(" sent %1").arg(s.attemptsSent);
    if (!s.breakerState.isEmpty())
        t += QStringLiteral(" breaker %1").arg(s.breakerState);
    if (s.errorRate)
        t += QStringLiteral(" err %1%").arg(*s.errorRate * 100, 0, 'f', 1);
    return t;
}

void ProbeProgress::show(const QStringList& profiles, const std::vector<ProbeSnapshot>& snapshots) {
    if (snapshots.empty())
        return;
    const ProbeSnapshot& first = snapshots.front();
    double done = 0;
    if (m_load.duration)
        done = first.elapsedSeconds / std::chrono::duration<double>(*m_load.duration).count();
    if (m_load.requests)
        done = std::max(done, double(first.offered) / double(*m_load.requests));
    done = std::clamp(done, 0.0, 1.0);
    QString line = QStringLiteral("%1s").arg(first.elapsedSeconds, 6, 'f', 1);
    for (std::size_t i = 0; i < snapshots.size(); ++i)
        line += QStringLiteral("  %1: %2").arg(profiles.value(qsizetype(i)), countsText(snapshots[i]));
    if (m_terminal) {
        constexpr int width = 20;
        const int filled = int(done * width);
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('-'));
        std::fprintf(stderr, "\r\033[K[%s] %s", qPrintable(bar), qPrintable(line));
        m_drawn = true;
    } else {
        std::fprintf(stderr, "%s\n", qPrintable(line));
    }
    std::fflush(stderr);
}

void ProbeProgress::finish() {
    if (m_drawn)
        std::fprintf(stderr, "\n");
    m_drawn = false;
}

} // namespace jimini
