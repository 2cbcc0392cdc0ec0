// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/helpmenu.h"

#include "console/legenddialog.h"
#include "console/shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace jimini {

HelpMenu::HelpMenu(QMainWindow* window, QMenu* menu)
    : QObject(window)
    , m_window(window) {
    m_documentation =
        menu->addAction(tr("&Documentation"), QKeySequence(Qt::Key_F1), this, &HelpMenu::openDocumentation);
    const QUrl docs = documentationUrl();
    m_documentation->setEnabled(docs.isValid());
    m_documentation->setToolTip(docs.isValid() ? docs.toLocalFile() : tr("No bundled documentation found"));
    m_shortcuts = menu->addAction(tr("&Keyboard shortcuts"), QKeySequence(tr("Ctrl+/")), this,
                                  &HelpMenu::showShortcuts);
    m_legend = menu->addAction(tr("&Legend"), QKeySequence(tr("Shift+F1")), this, &HelpMenu::showLegend);
    menu->addSeparator();
    menu->addAction(tr("&About Jimini Console"), QKeySequence(tr("Ctrl+F1")), this, &HelpMenu::about);
    menu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QUrl HelpMenu::documentationUrl() {
    const QString file = QStringLiteral("/README.md");
    const QString candidates[] = {
        QApplication::applicationDirPath() + QStringLiteral("/../share/doc/jimini") + file,
        QStringLiteral(JIMINI_DOCS_DIR) + file,
    };
    for (const QString& path : candidates) {
        if (const QFileInfo info(path); info.isFile())
            return QUrl::fromLocalFile(info.canonicalFilePath());
    }
    return QUrl();
}

void HelpMenu::showShortcuts() {
    if (!m_shortcutsDialog)
        m_shortcutsDialog = new ShortcutsDialog(m_window);
    m_shortcutsDialog->refresh(); // the keys as they are now
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
}

void HelpMenu::showLegend() {
    if (!m_legendDialog)
        m_legendDialog = new LegendDialog(m_window);
    m_legendDialog->show();
    m_legendDialog->raise();
    m_legendDialog->activateWindow();
}

void HelpMenu::openDocumentation() {
    const QUrl url = documentationUrl();
    if (!url.isValid() || !QDesktopServices::openUrl(url))
        m_window->statusBar()->showMessage(tr("Cannot open the documentation %1").arg(url.toLocalFile()),
                                           10000);
}

void HelpMenu::about() {
    auto* box = new QMessageBox(QMessageBox::Information, tr("About Jimini Console"),
                                tr("<b>Jimini Resilience Console</b> %1<br>Live resilience state of a fleet "
                                   "of services (Jimini Health API v1).<br>GPL-3.0-or-later.")
                                    .arg(QApplication::applicationVersion()),
                                QMessageBox::Close, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

} // namespace jimini
