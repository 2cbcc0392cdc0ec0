// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeView;

namespace jimini {

class FleetEmptyHint;
class FleetModel;
class FleetProxyModel;

// The fleet overview: a filter bar (text, state, environment) over a sortable tree of services and
// their instances. Ctrl+F focuses the filter; Enter (or a double click) on an instance opens its detail
// through instanceActivated().
class FleetView : public QWidget {
    Q_OBJECT
    // What ConsoleContext::currentEndpoint reads from the current page.
    Q_PROPERTY(QString currentEndpointId READ currentEndpointId)
    // What ConsoleContext::selectedEndpoints reads: the selected instances, a group row standing for
    // every instance of its service.
    Q_PROPERTY(QStringList selectedEndpointIds READ selectedEndpointIds)
public:
    explicit FleetView(FleetModel* model, QWidget* parent = nullptr);

    FleetModel* model() const { return m_model; }
    FleetProxyModel* proxy() const { return m_proxy; }
    QTreeView* treeView() const { return m_tree; }
    QLineEdit* filterEdit() const { return m_filter; }
    QComboBox* stateCombo() const { return m_state; }
    QComboBox* environmentCombo() const { return m_environment; }
    FleetEmptyHint* emptyHint() const { return m_emptyHint; }

    QString currentEndpointId() const;
    QStringList selectedEndpointIds() const;
    void selectEndpoint(const QString& endpointId);

    // Column widths, order and sort: for the app's remembered layout.
    QByteArray saveState() const;
    bool restoreState(const QByteArray& state);

    // Wide enough for every column at its width: what the window's first size is made from.
    QSize sizeHint() const override;

signals:
    void instanceActivated(const QString& endpointId);
    void currentInstanceChanged(const QString& endpointId);

private:
    void updateEnvironments(const QStringList& environments);
    void activate(const QModelIndex& proxyIndex);

    FleetModel* m_model;
    FleetProxyModel* m_proxy;
    QTreeView* m_tree;
    QLineEdit* m_filter;
    QComboBox* m_state;
    QComboBox* m_environment;
    FleetEmptyHint* m_emptyHint = nullptr;
};

} // namespace jimini
