// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

class QHBoxLayout;
class QLabel;
class QWidget;

namespace jimini {

// The identity line of a ServiceDetailView: service, instance and environment, and a health badge in
// the health colours of the view's palette.
class DetailHeader {
public:
    // The labels are children of owner, added to layout in reading order.
    DetailHeader(QWidget* owner, QHBoxLayout* layout);

    void show(const InstanceRow& row);

private:
    QWidget* m_owner;
    QLabel* m_service;
    QLabel* m_instance;
    QLabel* m_badge;
};

} // namespace jimini
