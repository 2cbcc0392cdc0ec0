// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

#include <QHash>

class QAction;

namespace jimini {

class ServiceDetailView;

// A service instance in detail: a closable page per instance, opened when any tool activates the
// instance, fed its row by the hub, closed when the instance leaves the workspace.
class DetailTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("detail"); }
    QString title() const override { return tr("Detail"); }
    Placement placement() const override { return Placement::None; } // pages of its own, on demand
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    // Opens (or raises) the page of an instance the hub has a row for; null otherwise.
    ServiceDetailView* open(const QString& endpointId);
    ServiceDetailView* view(const QString& endpointId) const { return m_views.value(endpointId); }
    // The instance in the most trouble (open breaker, then worst level, then failing); for --view detail.
    QString mostTroubled() const;

private:
    ConsoleContext* m_context = nullptr;
    QHash<QString, ServiceDetailView*> m_views;
    QAction* m_open = nullptr;
};

} // namespace jimini
