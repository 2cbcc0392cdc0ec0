// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QMainWindow;
class QTreeWidget;

namespace jimini {

// Help › Keyboard shortcuts: every shortcut of the window as it is when the list is opened, read from the
// menus' actions and from the panes' own shortcuts (those that say what they do in their whatsThis), so
// the list cannot fall behind the keys. Non-modal.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        QKeySequence keys;
        QString what;  // the action's text, without its mnemonic
        QString where; // the menu path ("File"), or the pane's name
    };

    explicit ShortcutsDialog(QMainWindow* window);

    void refresh(); // reads the window's shortcuts again
    static QList<Entry> collect(const QMainWindow* window);
    QTreeWidget* list() const { return m_list; }

private:
    QMainWindow* m_window;
    QTreeWidget* m_list;
};

} // namespace jimini
