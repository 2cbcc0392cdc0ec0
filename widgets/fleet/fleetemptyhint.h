// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

class QAbstractItemView;

namespace jimini {

class FleetProxyModel;

// What an empty fleet view says in place of rows: how to get services when there are none (add one, open
// a workspace, try the demo), and that the filter matches nothing (and how to clear it) when there are
// some. Lies over the view's viewport, hidden while there are rows.
class FleetEmptyHint final : public QLabel {
    Q_OBJECT
public:
    FleetEmptyHint(FleetProxyModel* proxy, QAbstractItemView* view);

    void update(); // after the rows or the filter changed

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString filterWords() const;
    void place();

    FleetProxyModel* m_proxy;
    QAbstractItemView* m_view;
};

} // namespace jimini
