// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutverdict.h"

#include <QLocale>

namespace jimini {

namespace {

QString percent(double rate) {
    return QLocale::c().toString(rate * 100, 'f', 1) + QLatin1Char('%');
}

QString points(double pp) {
    return (pp < 0 ? QString() : QStringLiteral("+")) + QLocale::c().toString(pp, 'f', 1) +
           QStringLiteral(" pp");
}

bool opened(BreakerState state) {
    return state == BreakerState::Open || state == BreakerState::HalfOpen;
}

} // namespace

WatchedHealth WatchedHealth::from(const HealthDocument& document) {
    WatchedHealth health;
    health.errorRate = document.metrics.currentErrorRate;
    for (const PolicyHealth& policy : document.policies)
        if (policy.circuitBreaker)
            health.breakers.insert(policy.name, policy.circuitBreaker->state);
    return health;
}

RolloutVerdict RolloutVerdict::judge(const WatchedHealth& baseline, const WatchedHealth& watched,
                                     double thresholdPp) {
    for (auto it = watched.breakers.cbegin(); it != watched.breakers.cend(); ++it) {
        const BreakerState before = baseline.breakers.value(it.key(), BreakerState::Closed);
        if (before == BreakerState::Closed && opened(it.value()))
            return {true, QStringLiteral("breaker %1 opened").arg(it.key())};
    }
    const double pp = (watched.errorRate - baseline.errorRate) * 100;
    const QString rates =
        QStringLiteral("error rate %1 → %2").arg(percent(baseline.errorRate), percent(watched.errorRate));
    if (pp > thresholdPp)
        return {true, QStringLiteral("%1 (%2 > %3)")
                          .arg(rates, points(pp),
                               QLocale::c().toString(thresholdPp, 'g', 6) + QStringLiteral(" pp"))};
    return {false, QStringLiteral("%1 (%2)").arg(rates, points(pp))};
}

} // namespace jimini
