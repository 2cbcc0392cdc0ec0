// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencydistribution.h"

#include "sim/standardnormal.h"

#include <QJsonValue>
#include <QStringList>

#include <cmath>

namespace jimini {

namespace {
double toMs(Duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
Duration fromMs(double ms) {
    if (!(ms > 0))
        return Duration::zero();
    // An hour caps any draw: a latency model must not overflow a deadline computation.
    return std::chrono::duration_cast<Duration>(
        std::chrono::duration<double, std::milli>(std::min(ms, 3.6e6)));
}
} // namespace

LatencyDistribution LatencyDistribution::fixed(Duration mean) {
    LatencyDistribution d;
    d.m_kind = Kind::Fixed;
    d.m_a = toMs(mean);
    return d;
}

LatencyDistribution LatencyDistribution::uniform(Duration min, Duration max) {
    LatencyDistribution d;
    d.m_kind = Kind::Uniform;
    d.m_a = toMs(min);
    d.m_b = toMs(max);
    return d;
}

LatencyDistribution LatencyDistribution::normal(Duration mean, Duration stddev) {
    LatencyDistribution d;
    d.m_kind = Kind::Normal;
    d.m_a = toMs(mean);
    d.m_b = toMs(stddev);
    return d;
}

LatencyDistribution LatencyDistribution::logNormal(Duration mean, Duration stddev) {
    LatencyDistribution d;
    d.m_kind = Kind::LogNormal;
    d.m_a = toMs(mean);
    d.m_b = toMs(stddev);
    // Moment matching: E[X] = exp(mu + sigma^2/2), Var[X] = (exp(sigma^2) - 1) E[X]^2.
    if (d.m_a > 0) {
        const double cv2 = (d.m_b / d.m_a) * (d.m_b / d.m_a);
        d.m_sigma = std::sqrt(std::log1p(cv2));
        d.m_mu = std::log(d.m_a) - d.m_sigma * d.m_sigma / 2;
    }
    return d;
}

LatencyDistribution LatencyDistribution::logNormalFromPercentiles(Duration p50, Duration p99) {
    // ln X ~ N(mu, sigma): the median is exp(mu), the 99th percentile exp(mu + z99 sigma).
    constexpr double z99 = 2.3263478740408408;
    const double median = toMs(p50);
    const double sigma = median > 0 && p99 > p50 ? std::log(toMs(p99) / median) / z99 : 0;
    const double mean = median * std::exp(sigma * sigma / 2);
    const double stddev = mean * std::sqrt(std::expm1(sigma * sigma));
    return logNormal(std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(mean)),
                     std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(stddev)));
}

Duration LatencyDistribution::sample(SplitMix64& random) const noexcept {
    switch (m_kind) {
    case Kind::Fixed:
        return fromMs(m_a);
    case Kind::Uniform:
        return fromMs(m_a + (m_b - m_a) * random.nextUnit());
    case Kind::Normal:
        return fromMs(m_a + m_b * StandardNormal::draw(random));
    case Kind::LogNormal:
        if (m_a <= 0)
            return Duration::zero();
        return fromMs(std::exp(m_mu + m_sigma * StandardNormal::draw(random)));
    }
    return Duration::zero();
}

Duration LatencyDistribution::mean() const noexcept {
    return fromMs(m_kind == Kind::Uniform ? (m_a + m_b) / 2 : m_a);
}

std::optional<LatencyDistribution> LatencyDistribution::fromJson(const QJsonObject& json, QString* error) {
    static const QStringList kinds{QStringLiteral("fixed"), QStringLiteral("uniform"),
                                   QStringLiteral("normal"), QStringLiteral("lognormal")};
    const QString kind = json.value(QLatin1String("distribution")).toString();
    const int index = kinds.indexOf(kind);
    if (index < 0) {
        *error = QStringLiteral("latency.distribution: must be one of fixed, uniform, normal, lognormal");
        return std::nullopt;
    }
    // Every number a distribution needs must be there, finite and >= 0 (milliseconds).
    auto number = [&](const char* key, double* out) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 || v.toDouble() > 3.6e6) {
            *error = QStringLiteral("latency.%1: must be a number of milliseconds in [0, 3600000]")
                         .arg(QLatin1String(key));
            return false;
        }
        *out = v.toDouble();
        return true;
    };
    double a = 0;
    double b = 0;
    auto ms = [](double v) {
        return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(v));
    };
    switch (static_cast<Kind>(index)) {
    case Kind::Fixed:
        if (!number("mean_ms", &a))
            return std::nullopt;
        return fixed(ms(a));
    case Kind::Uniform:
        if (!number("min_ms", &a) || !number("max_ms", &b))
            return std::nullopt;
        if (b < a) {
            *error = QStringLiteral("latency.max_ms: must be >= min_ms");
            return std::nullopt;
        }
        return uniform(ms(a), ms(b));
    case Kind::Normal:
        if (!number("mean_ms", &a) || !number("stddev_ms", &b))
            return std::nullopt;
        return normal(ms(a), ms(b));
    case Kind::LogNormal:
        if (json.contains(QLatin1String("p50_ms"))) { // a tail given as two percentiles
            if (!number("p50_ms", &a) || !number("p99_ms", &b))
                return std::nullopt;
            if (!(a > 0) || b < a) {
                *error = QStringLiteral("latency.p99_ms: must be >= p50_ms, and p50_ms > 0");
                return std::nullopt;
            }
            return logNormalFromPercentiles(ms(a), ms(b));
        }
        if (!number("mean_ms", &a) || !number("stddev_ms", &b))
            return std::nullopt;
        if (!(a > 0)) {
            *error = QStringLiteral("latency.mean_ms: must be > 0 for lognormal");
            return std::nullopt;
        }
        return logNormal(ms(a), ms(b));
    }
    return std::nullopt;
}

QJsonObject LatencyDistribution::toJson() const {
    switch (m_kind) {
    case Kind::Fixed:
        return {{QStringLiteral("distribution"), QStringLiteral("fixed")}, {QStringLiteral("mean_ms"), m_a}};
    case Kind::Uniform:
        return {{QStringLiteral("distribution"), QStringLiteral("uniform")},
                {QStringLiteral("min_ms"), m_a},
                {QStringLiteral("max_ms"), m_b}};
    case Kind::Normal:
    case Kind::LogNormal:
        return {{QStringLiteral("distribution"),
                 m_kind == Kind::Normal ? QStringLiteral("normal") : QStringLiteral("lognormal")},
                {QStringLiteral("mean_ms"), m_a},
                {QStringLiteral("stddev_ms"), m_b}};
    }
    return {};
}

} // namespace jimini
