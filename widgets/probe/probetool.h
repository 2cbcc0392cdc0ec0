// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

#include <QPointer>

namespace jimini {

class ProbePanel;

// The probe as a page of the console (widgets/probe over core/probe): see ProbePanel. Runs still
// sending hold the window's close until they are stopped and drained.
class ProbeTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("probe"); }
    QString title() const override;
    Placement placement() const override { return Placement::Page; }
    QWidget* createWidget(ConsoleContext& context) override;

    QStringList pendingWork() const override;
    void windDown() override;

    ProbePanel* panel() const;

private:
    QPointer<ProbePanel> m_panel;
};

} // namespace jimini
