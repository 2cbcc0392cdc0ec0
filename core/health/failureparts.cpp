// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/failureparts.h"

#include <QStringList>

namespace jimini {

FailureParts FailureParts::of(const HealthMetrics& m) {
    FailureParts p;
    p.m_failed = m.failedOperations;
    if (const auto& f = m.failures) {
        p.m_counts = {f->downstream,   f->timeout,     f->rateLimited,
                      f->bulkheadFull, f->breakerOpen, f->cancelled};
        return p;
    }
    // Without the breakdown, the two the guide's own figures name are still known.
    p.m_counts[std::size_t(FailureKind::Timeout)] = m.timeouts;
    p.m_counts[std::size_t(FailureKind::RateLimited)] = m.rateLimitHits;
    return p;
}

bool FailureParts::complete() const {
    for (const auto& c : m_counts)
        if (!c)
            return false;
    return true;
}

QString FailureParts::summary(const QLocale& locale, const QString& separator) const {
    QStringList known;
    QStringList unknown;
    for (std::size_t i = 0; i < failureKindCount; ++i) {
        const auto kind = FailureKind(i);
        if (m_counts[i])
            known << QStringLiteral("%1 %2").arg(name(kind), locale.toString(qulonglong(*m_counts[i])));
        else
            unknown << name(kind);
    }
    QString text = known.join(separator);
    if (!unknown.isEmpty())
        text += QStringLiteral(" (not reported: %1)").arg(unknown.join(QStringLiteral(", ")));
    return text;
}

QString FailureParts::name(FailureKind kind) {
    return key(kind).replace(QLatin1Char('_'), QLatin1Char(' ')); // "rate_limited" reads "rate limited"
}

QString FailureParts::key(FailureKind kind) {
    switch (kind) {
    case FailureKind::Downstream:
        return QStringLiteral("downstream");
    case FailureKind::Timeout:
        return QStringLiteral("timeout");
    case FailureKind::RateLimited:
        return QStringLiteral("rate_limited");
    case FailureKind::BulkheadFull:
        return QStringLiteral("bulkhead_full");
    case FailureKind::BreakerOpen:
        return QStringLiteral("breaker_open");
    case FailureKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace jimini
