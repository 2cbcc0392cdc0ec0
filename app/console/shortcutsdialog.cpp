// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jimini {

namespace {

QString plain(QString text) {
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text;
}

void collectMenu(const QMenu* menu, const QString& path, QList<ShortcutsDialog::Entry>& entries) {
    for (QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu()) {
            collectMenu(action->menu(), path + QStringLiteral(" › ") + plain(action->text()), entries);
            continue;
        }
        for (const QKeySequence& keys : action->shortcuts())
            entries.append({keys, plain(action->text()), path});
    }
}

// The pane a shortcut belongs to: the nearest ancestor with an accessible name.
QString paneOf(const QShortcut* shortcut) {
    for (const QObject* o = shortcut->parent(); o; o = o->parent()) {
        if (const auto* widget = qobject_cast<const QWidget*>(o);
            widget && !widget->accessibleName().isEmpty())
            return widget->accessibleName();
    }
    return QString();
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window)
    : QDialog(window)
    , m_window(window)
    , m_list(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    setModal(false);
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setHeaderLabels({tr("Keys"), tr("Does"), tr("Where")});
    m_list->setRootIsDecorated(false);
    m_list->setSortingEnabled(true);
    m_list->setUniformRowHeights(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(620, 560);
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QMainWindow* window) {
    QList<Entry> entries;
    for (QAction* top : window->menuBar()->actions()) {
        if (top->menu())
            collectMenu(top->menu(), plain(top->text()), entries);
    }
    for (const QShortcut* shortcut : window->findChildren<QShortcut*>()) {
        if (!shortcut->whatsThis().isEmpty() && !shortcut->key().isEmpty())
            entries.append({shortcut->key(), shortcut->whatsThis(), paneOf(shortcut)});
    }
    return entries;
}

void ShortcutsDialog::refresh() {
    m_list->setSortingEnabled(false);
    m_list->clear();
    for (const Entry& entry : collect(m_window)) {
        auto* item = new QTreeWidgetItem(
            m_list, {entry.keys.toString(QKeySequence::NativeText), entry.what, entry.where});
        item->setData(
            0, Qt::AccessibleTextRole,
            tr("%1: %2 (%3)").arg(entry.keys.toString(QKeySequence::NativeText), entry.what, entry.where));
    }
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(2, Qt::AscendingOrder);
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
}

} // namespace jimini
