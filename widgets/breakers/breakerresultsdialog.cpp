// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/breakers/breakerresultsdialog.h"

#include "control/fleetbreakeraction.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jimini {

BreakerResultsDialog::BreakerResultsDialog(FleetBreakerAction& action, QWidget* parent)
    : QDialog(parent)
    , m_action(action)
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry failed"), this)) {
    setWindowTitle(tr("%1: results").arg(ControlClient::toString(action.request().command)));
    m_list->setObjectName(QStringLiteral("results"));
    m_list->setAccessibleName(tr("Results"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({tr("Instance"), tr("Policy"), tr("Result"), tr("Answer")});
    m_list->header()->setStretchLastSection(true);
    for (int i = 0; i < action.items().size(); ++i) {
        new QTreeWidgetItem(m_list);
        showItem(i);
    }
    m_summary->setObjectName(QStringLiteral("summary"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_retry, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_retry, &QPushButton::clicked, &m_action, [this] {
        m_action.retryFailed();
        updateSummary();
    });
    connect(&m_action, &FleetBreakerAction::itemChanged, this, [this](int index) {
        showItem(index);
        updateSummary();
    });
    connect(&m_action, &FleetBreakerAction::finished, this, &BreakerResultsDialog::updateSummary);
    resize(720, 360);
    updateSummary();
}

void BreakerResultsDialog::showItem(int index) {
    const BreakerItem& item = m_action.items()[index];
    QTreeWidgetItem* row = m_list->topLevelItem(index);
    row->setText(0, item.instance);
    row->setText(1, item.policy);
    row->setText(2, BreakerItem::toString(item.status));
    row->setText(3, item.answerText());
    row->setToolTip(3, item.answerText());
    row->setForeground(2, item.status == BreakerItem::Status::Failed ? QBrush(Qt::red) : QBrush());
}

void BreakerResultsDialog::updateSummary() {
    using Status = BreakerItem::Status;
    const int failed = m_action.count(Status::Failed);
    m_summary->setText(tr("%1 done, %2 failed, %3 waiting")
                           .arg(m_action.count(Status::Done))
                           .arg(failed)
                           .arg(m_action.count(Status::Sending) + m_action.count(Status::Pending)));
    m_retry->setEnabled(failed > 0 && !m_action.isRunning());
}

} // namespace jimini
