// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace jimini {

// The words of a breaker lamp's tooltip, shared by the fleet table and the detail view: the state and,
// for a manual one, who set it, until when and why, as far as the health document says:
// "Isolated by alice (bearer:3f9a) — until 21:45 (12 min left) — reason: deploy of payments v2". A part
// the document did not give is left out, never filled in ("Disabled — until changed").
class ManualStateText {
    Q_DECLARE_TR_FUNCTIONS(ManualStateText)
public:
    // The manual state alone (empty when the breaker is not in one); now is the view's wall clock.
    static QString describe(const PolicyRow& policy, const QDateTime& now);
    // One tooltip line: "payments: closed", "payments: Isolated by ... — reason: ...".
    static QString lampLine(const PolicyRow& policy, const QDateTime& now);
    // What is left until a time: "45 s left", "12 min left", "1 h 5 min left"; "ends now" when past.
    static QString remaining(qint64 seconds);
};

} // namespace jimini
