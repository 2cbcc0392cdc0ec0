// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace jimini {

// Paints FleetModel's graphic cells, dispatching by column: the health badge, one lamp per breaker (a
// shape per state as well as a colour) and the error-rate sparkline. Everything else is the style's
// default. One delegate rather than three, since each part is a few lines of painting.
class FleetDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit FleetDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int lampSize = 14;
    static constexpr int lampSpacing = 4;

private:
    void paintBackground(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const;
    void paintHealth(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintLamps(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintSparkline(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const;
};

} // namespace jimini
