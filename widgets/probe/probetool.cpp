// SPDX-License-Identifier: GPL-3.0-or-later
#include "probetool.h"

#include "probepanel.h"

namespace jimini {

QString ProbeTool::title() const {
    return tr("Probe");
}

QWidget* ProbeTool::createWidget(ConsoleContext& context) {
    m_panel = new ProbePanel(context);
    return m_panel;
}

ProbePanel* ProbeTool::panel() const {
    return m_panel;
}

QStringList ProbeTool::pendingWork() const {
    return m_panel ? m_panel->pendingWork() : QStringList();
}

void ProbeTool::windDown() {
    if (!m_panel || m_panel->pendingWork().isEmpty()) {
        emit windDownFinished();
        return;
    }
    connect(m_panel, &ProbePanel::allFinished, this, &ConsoleTool::windDownFinished,
            Qt::SingleShotConnection);
    m_panel->stop();
}

} // namespace jimini
