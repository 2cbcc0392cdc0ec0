// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace jimini {

class AlertsModel;
struct AlertEntry;

// The alerts list, newest first, new ones highlighted until acknowledged (Space or the button).
// newAlert() carries what the app's tray notification shows; Enter on an alert acknowledges it and
// opens its instance.
class AlertsPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlertsPanel(AlertsModel* model, QWidget* parent = nullptr);

    AlertsModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }

signals:
    void newAlert(const QString& title, const QString& message, jimini::AlertLevel level);
    void instanceActivated(const QString& endpointId);

private:
    void acknowledgeSelected();
    void updateSummary();
    void forward(const AlertEntry& entry);

    AlertsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_tree;
    QLabel* m_summary;
    QPushButton* m_acknowledge;
    QPushButton* m_acknowledgeAll;
    QPushButton* m_clearResolved;
};

} // namespace jimini
