// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/failureparts.h"
#include "store/seriesstore.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QVector>

#include <array>
#include <cstdint>
#include <vector>

namespace jimini {

class ChartAdapter;

// The detail view's stacked chart of failed calls by kind (metrics.failures over time, FailureKind
// order from the bottom): each kind is a band drawn on top of the ones before it, so the top edge is
// failed_operations and each band's thickness its part, as Hystrix's dashboard shows each count. Bands
// are steps (a document's counts hold for its whole step); where a kind is not reported its band is
// flat (nothing drawn, never a 0 drawn as known), and where no document came at all every band is.
class FailureStack {
public:
    struct Frame {
        double top = 0; // the highest stacked total shown
        QString latest; // "downstream 7; timeout 2; ..." of the newest step, for the text alternative
    };

    FailureStack(const SeriesStore& store, ChartAdapter& adapter);

    // Reads [from, to] of the endpoint and hands the adapter the bands that changed; setRange is the
    // caller's.
    Frame refresh(const QString& endpointId, std::int64_t from, std::int64_t to);
    void forgetShown();
    void applyColours(bool dark);

    static QColor colour(std::size_t kind, bool dark);

private:
    struct Band {
        QVector<QPointF> upper;
        QVector<QPointF> lower;
        bool shown = false;
    };

    const SeriesStore& m_store;
    ChartAdapter& m_adapter;
    std::array<std::vector<SeriesPoint>, failureKindCount> m_read;
    std::array<Band, failureKindCount> m_bands;
};

} // namespace jimini
