// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/fleetbatch.h"

#include <QLabel>

namespace jimini {

// The status bar's fleet counts, each word saying what it counts: "reachable" is a fresh document,
// whatever its health, so the critical and degraded ones among them are said beside it, never hidden in
// an "ok" ("12 reachable (3 critical, 1 degraded) · 2 stale · 1 unreachable of 16").
class FleetStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit FleetStatusLabel(QWidget* parent = nullptr);

    void setCounts(const FleetCounts& counts);

    static QString textFor(const FleetCounts& counts);
    static QString toolTipFor(const FleetCounts& counts);
};

} // namespace jimini
