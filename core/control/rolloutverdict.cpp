// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutverdict.h"

#include <QLocale>

#include <cmath>

namespace jimini {

namespace {

// Tenths of a percent, as the rates are shown.
double shown(double rate) {
    return std::round(rate * 1000) / 10;
}

QString percent(double rate) {
    return QLocale::c().toString(shown(rate), 'f', 1) + QLatin1Char('%');
}

// The difference of the rates as shown, so that the figure adds up for its reader ("1.0% → 1.1%" is
// "+0.1 pp", never "+0.0 pp"); the decision itself compares the exact rates.
QString points(double before, double after) {
    const double pp = std::round((shown(after) - shown(before)) * 10) / 10;
    return (pp < 0 ? QString() : QStringLiteral("+")) + QLocale::c().toString(pp == 0 ? 0.0 : pp, 'f', 1) +
           QStringLiteral(" pp");
}

bool opened(BreakerState state) {
    return state == BreakerState::Open || state == BreakerState::HalfOpen;
}

} // namespace

WatchedHealth WatchedHealth::from(const HealthDocument& document) {
    WatchedHealth health;
    health.errorRate = document.metrics.currentErrorRate;
    health.windowSeconds = document.windowSeconds;
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
                          .arg(rates, points(baseline.errorRate, watched.errorRate),
                               QLocale::c().toString(thresholdPp, 'g', 6) + QStringLiteral(" pp"))};
    return {false, QStringLiteral("%1 (%2)").arg(rates, points(baseline.errorRate, watched.errorRate))};
}

} // namespace jimini
