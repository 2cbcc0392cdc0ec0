// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/scenariocodec.h"

#include <QStringList>

namespace jimini {

// The bundled failure scenarios (resources/scenarios, :/scenarios/<name>.json), and loading a scenario
// by bundled name or from a file, bounded to the codec's maximum size before it is read.
class ScenarioLibrary {
public:
    static QStringList names(); // sorted
    // A bundled name, or a path; errors name the file or the JSON path.
    static ScenarioParseResult load(const QString& nameOrPath);
};

} // namespace jimini
