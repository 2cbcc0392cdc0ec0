// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

#include <QDateTime>

class QHBoxLayout;
class QLabel;
class QWidget;

namespace jimini {

// The identity line of a ServiceDetailView: service, instance and environment, a health badge in the
// health colours of the view's palette, and one breaker lamp per policy whose tooltip says the state
// (for a manual one: who, until when and why, as the health document says; ManualStateText).
class DetailHeader {
public:
    // The labels are children of owner, added to layout in reading order.
    DetailHeader(QWidget* owner, QHBoxLayout* layout);

    // now: the view's wall clock, for a manual state's time left.
    void show(const InstanceRow& row, const QDateTime& now);

private:
    void showLamps(const InstanceRow& row, const QDateTime& now);

    QWidget* m_owner;
    QLabel* m_service;
    QLabel* m_instance;
    QLabel* m_badge;
    QHBoxLayout* m_lamps; // one QLabel per policy, named "breakerLamp:<policy>"
};

} // namespace jimini
