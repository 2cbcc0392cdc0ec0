// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tools/consoletool.h"

namespace jimini {

ConsoleTool::~ConsoleTool() = default;

void ConsoleTool::saveSettings(QSettings&) const {}

void ConsoleTool::restoreSettings(const QSettings&) {}

void ConsoleTool::windDown() {
    emit windDownFinished();
}

} // namespace jimini
