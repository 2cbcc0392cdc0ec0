// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace jimini {

class FleetBreakerAction;

// A group breaker action as it goes: every instance and policy with its result (the service's answer,
// or why there was none), a count, and "Retry failed", which sends the failed ones again. Not modal: the
// console stays usable while the answers come in.
class BreakerResultsDialog final : public QDialog {
    Q_OBJECT
public:
    // action must outlive this (the tool parents both).
    explicit BreakerResultsDialog(FleetBreakerAction& action, QWidget* parent = nullptr);

    QTreeWidget* list() const noexcept { return m_list; }
    QPushButton* retryButton() const noexcept { return m_retry; }

private:
    void showItem(int index);
    void updateSummary();

    FleetBreakerAction& m_action;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_retry;
};

} // namespace jimini
