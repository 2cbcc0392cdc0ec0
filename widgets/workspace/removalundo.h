// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace jimini {

// The status bar's "Removed 3 instances - Undo": a removal takes effect at once (no question in the
// way), and what was removed is kept, settings and history, until the next removal or for a minute, so
// that a Delete on the wrong row costs one click.
class RemovalUndo final : public QWidget {
    Q_OBJECT
public:
    static constexpr int offerMs = 60'000;

    explicit RemovalUndo(QWidget* parent = nullptr);

    // Offers to bring endpoints back; replaces any earlier offer.
    void offer(const QList<ServiceEndpoint>& endpoints);
    QList<ServiceEndpoint> offered() const { return m_endpoints; }
    QString text() const;
    void undo(); // what the button does

signals:
    void restoreRequested(const QList<jimini::ServiceEndpoint>& endpoints);
    // The offer ended without an undo (expired, or replaced by the next removal): what was kept for it
    // (their history) may go.
    void released(const QList<jimini::ServiceEndpoint>& endpoints);

private:
    void withdraw();
    void expire();

    QLabel* m_label = nullptr;
    QPushButton* m_button = nullptr;
    QTimer* m_expiry = nullptr;
    QList<ServiceEndpoint> m_endpoints;
};

} // namespace jimini
