// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QTextBrowser;

namespace jimini {

// Help › Legend: what every fleet column and cell says ("10+5 of 16": active + queued calls of the
// bulkhead's capacity), the breaker lamps' and the health badges' shapes as the fleet paints them, and the
// marks of stale and failing instances. Non-modal.
class LegendDialog final : public QDialog {
    Q_OBJECT
public:
    explicit LegendDialog(QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }
    static QString html(); // the legend's text; the images are the browser's resources

private:
    void addImages();

    QTextBrowser* m_browser;
};

} // namespace jimini
