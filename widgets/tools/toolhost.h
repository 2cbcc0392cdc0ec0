// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

class QWidget;

namespace jimini {

// What the main window offers the tools: pages beside the fleet, the status bar and notifications. The
// window implements it; tools reach it through ConsoleContext::host().
class ToolHost {
public:
    virtual ~ToolHost();

    // A closable page (a service's detail): the host owns it from here; closing it (its tab's button, or
    // closePage) deletes it at once.
    virtual void addPage(QWidget* page, const QIcon& icon, const QString& title, const QString& toolTip) = 0;
    virtual void setPageIcon(QWidget* page, const QIcon& icon) = 0;
    virtual void showPage(QWidget* page) = 0;
    virtual void closePage(QWidget* page) = 0;
    virtual QWidget* currentPage() const = 0;

    virtual void addStatusWidget(QWidget* widget) = 0; // permanent, right of the messages
    virtual void showStatus(const QString& message, int timeoutMs) = 0;
    // Something an operator must see even with the window hidden: the tray when there is one.
    virtual void notify(const QString& title, const QString& message) = 0;
    virtual QWidget* dialogParent() = 0;
};

} // namespace jimini
