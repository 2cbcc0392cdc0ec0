// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>

class QAction;
class QMainWindow;
class QMenu;

namespace jimini {

class LegendDialog;
class ShortcutsDialog;

// The Help menu: the keyboard shortcuts as they are, the legend of the fleet's columns and marks, the
// bundled documentation, About. Its dialogs are non-modal and made on first use.
class HelpMenu final : public QObject {
    Q_OBJECT
public:
    HelpMenu(QMainWindow* window, QMenu* menu);

    QAction* shortcutsAction() const { return m_shortcuts; }
    QAction* legendAction() const { return m_legend; }
    QAction* documentationAction() const { return m_documentation; }
    ShortcutsDialog* shortcutsDialog() const { return m_shortcutsDialog; }
    LegendDialog* legendDialog() const { return m_legendDialog; }

    // docs/README.md where it is installed (<prefix>/share/doc/jimini) or in the source tree the console
    // was built from; empty when neither has it.
    static QUrl documentationUrl();

    void showShortcuts();
    void showLegend();
    void openDocumentation();
    void about();

private:
    QMainWindow* m_window;
    QAction* m_shortcuts;
    QAction* m_legend;
    QAction* m_documentation;
    ShortcutsDialog* m_shortcutsDialog = nullptr; // the window's child, hidden on close, kept
    LegendDialog* m_legendDialog = nullptr;
};

} // namespace jimini
