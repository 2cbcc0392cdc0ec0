// SPDX-License-Identifier: GPL-3.0-or-later
#include "failurestack.h"

#include "widgets/chartadapter.h"

#include <algorithm>
#include <limits>

namespace jimini {

namespace {
constexpr std::int64_t none = std::numeric_limits<std::int64_t>::max();
} // namespace

FailureStack::FailureStack(const SeriesStore& store, ChartAdapter& adapter)
    : m_store(store)
    , m_adapter(adapter) {
    for (std::size_t k = 0; k < failureKindCount; ++k)
        m_adapter.addBandSeries(FailureParts::name(FailureKind(k)), colour(k, false));
}

QColor FailureStack::colour(std::size_t kind, bool dark) {
    // Okabe-Ito (colour-blind safe): the dependency's own failures warm, the service's shedding cool.
    static const QColor light[] = {QColor(0xd5, 0x5e, 0x00), QColor(0xe6, 0x9f, 0x00),
                                   QColor(0x00, 0x72, 0xb2), QColor(0x00, 0x9e, 0x73),
                                   QColor(0xcc, 0x79, 0xa7), QColor(0x99, 0x99, 0x99)};
    static const QColor onDark[] = {QColor(0xff, 0x8c, 0x4a), QColor(0xf0, 0xc0, 0x40),
                                    QColor(0x56, 0xb4, 0xe9), QColor(0x3f, 0xd0, 0xa0),
                                    QColor(0xe0, 0x9c, 0xc4), QColor(0xb0, 0xb0, 0xb0)};
    return dark ? onDark[kind] : light[kind];
}

void FailureStack::applyColours(bool dark) {
    for (std::size_t k = 0; k < failureKindCount; ++k)
        m_adapter.setSeriesColor(int(k), colour(k, dark));
}

void FailureStack::forgetShown() {
    for (Band& band : m_bands)
        band.shown = false;
}

FailureStack::Frame FailureStack::refresh(const QString& endpointId, std::int64_t from, std::int64_t to) {
    std::int64_t step = 0;
    for (std::size_t k = 0; k < failureKindCount; ++k)
        step = std::max(
            step, m_store.read(SeriesKey{endpointId, QString(), failureMetric(k)}, from, to, m_read[k]));
    std::array<QVector<QPointF>, failureKindCount> upper;
    std::array<QVector<QPointF>, failureKindCount> lower;
    std::array<std::size_t, failureKindCount> next{};
    Frame frame;
    std::int64_t previousEnd = none;
    std::array<double, failureKindCount> previousBase{};
    // Walk the steps that have a point in any kind, oldest first (the kinds of one document share them).
    for (;;) {
        std::int64_t t = none;
        for (std::size_t k = 0; k < failureKindCount; ++k)
            if (next[k] < m_read[k].size())
                t = std::min(t, m_read[k][next[k]].timeMs);
        if (t == none)
            break;
        const double t0 = double(t);
        const double t1 = double(t + step);
        double base = 0;
        QString latest;
        for (std::size_t k = 0; k < failureKindCount; ++k) {
            double thickness = 0;
            if (next[k] < m_read[k].size() && m_read[k][next[k]].timeMs == t) {
                thickness = std::max(0.0, double(m_read[k][next[k]++].value));
                latest += QStringLiteral("%1 %2; ").arg(FailureParts::name(FailureKind(k))).arg(thickness);
            }
            // A step apart from the one before: the band closes there, so nothing is drawn in between.
            if (previousEnd != none && previousEnd != t) {
                upper[k].append(QPointF(double(previousEnd), previousBase[k]));
                upper[k].append(QPointF(t0, base));
            }
            lower[k].append({QPointF(t0, base), QPointF(t1, base)});
            upper[k].append({QPointF(t0, base + thickness), QPointF(t1, base + thickness)});
            previousBase[k] = base;
            base += thickness;
        }
        frame.top = std::max(frame.top, base);
        frame.latest = latest;
        previousEnd = t + step;
    }
    for (std::size_t k = 0; k < failureKindCount; ++k) {
        Band& band = m_bands[k];
        if (band.shown && band.upper == upper[k] && band.lower == lower[k])
            continue;
        band.upper = std::move(upper[k]);
        band.lower = std::move(lower[k]);
        band.shown = true;
        m_adapter.setBand(int(k), band.upper, band.lower);
    }
    return frame;
}

} // namespace jimini
