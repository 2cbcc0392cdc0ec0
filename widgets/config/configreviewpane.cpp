// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configreviewpane.h"

#include "control/configdifftext.h"
#include "control/configmerge.h"

#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jimini {

ConfigReviewPane::ConfigReviewPane(QWidget* parent)
    : QGroupBox(parent)
    , m_tree(new QTreeWidget(this))
    , m_confirm(new QPushButton(tr("Push"), this))
    , m_applyRebase(new QPushButton(tr("Apply rebase to the draft"), this)) {
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Field"), tr("Before / base"), tr("After / theirs"), tr("Mine")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_confirm, &QPushButton::clicked, this, &ConfigReviewPane::confirmed);
    connect(m_applyRebase, &QPushButton::clicked, this, &ConfigReviewPane::rebaseApplied);
    auto* close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &ConfigReviewPane::dismiss);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_applyRebase);
    buttons->addWidget(m_confirm);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    hide();
}

void ConfigReviewPane::addChange(QTreeWidgetItem* parent, const ConfigChange& change) {
    const QStringList columns{change.path, ConfigDiffText::value(change.before),
                              ConfigDiffText::value(change.after)};
    if (parent)
        new QTreeWidgetItem(parent, columns);
    else
        new QTreeWidgetItem(m_tree, columns);
}

void ConfigReviewPane::present(Mode mode, const QString& title) {
    m_mode = mode;
    setTitle(title);
    m_confirm->setVisible(mode == Mode::Push || mode == Mode::Rollback);
    m_confirm->setText(mode == Mode::Rollback ? tr("Roll back") : tr("Push"));
    m_applyRebase->setVisible(mode == Mode::Rebase);
    show();
}

void ConfigReviewPane::showChanges(Mode mode, const QString& title, const QList<ConfigChange>& changes) {
    clearChanges();
    for (const ConfigChange& c : changes)
        addChange(nullptr, c);
    present(mode, title);
}

void ConfigReviewPane::showRebase(const QString& title, const ConfigRebase& rebase) {
    clearChanges();
    m_rebase = rebase;
    auto* underneath =
        new QTreeWidgetItem(m_tree, {tr("Changed underneath (%n)", nullptr, int(rebase.underneath.size()))});
    for (const ConfigChange& c : rebase.underneath)
        addChange(underneath, c);
    auto* conflicts = new QTreeWidgetItem(
        m_tree, {tr("Conflicts (%n): choose a side", nullptr, int(rebase.conflicts.size()))});
    for (qsizetype i = 0; i < rebase.conflicts.size(); ++i) {
        const ConfigConflict& c = rebase.conflicts[i];
        auto* item =
            new QTreeWidgetItem(conflicts, {c.path, ConfigDiffText::value(c.base),
                                            ConfigDiffText::value(c.theirs), ConfigDiffText::value(c.mine)});
        item->setForeground(0, QColor(0xc0, 0x39, 0x2b));
        auto* choice = new QComboBox(m_tree);
        choice->addItems({tr("keep mine"), tr("take theirs")});
        choice->setToolTip(tr("mine: %1").arg(ConfigDiffText::value(c.mine)));
        m_choices.append(false);
        connect(choice, &QComboBox::currentIndexChanged, this,
                [this, i](int index) { setConflictChoice(int(i), index == 1); });
        m_tree->setItemWidget(item, 3, choice);
    }
    m_tree->expandAll();
    present(Mode::Rebase, title);
}

void ConfigReviewPane::clearChanges() {
    m_tree->clear();
    m_rebase.reset();
    m_choices.clear();
}

void ConfigReviewPane::dismiss() {
    m_mode = Mode::None;
    hide();
}

void ConfigReviewPane::setConflictChoice(int conflict, bool theirs) {
    if (conflict >= 0 && conflict < m_choices.size())
        m_choices[conflict] = theirs;
}

std::optional<QJsonObject> ConfigReviewPane::takeResolved() {
    if (!m_rebase)
        return std::nullopt;
    QList<ConflictChoice> choices;
    for (bool theirs : std::as_const(m_choices))
        choices.append(theirs ? ConflictChoice::Theirs : ConflictChoice::Mine);
    const QJsonObject merged = ConfigMerge::resolve(*m_rebase, choices);
    m_rebase.reset();
    dismiss();
    return merged;
}

} // namespace jimini
