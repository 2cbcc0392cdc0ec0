// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

#include <functional>
#include <memory>
#include <vector>

namespace jimini {

// The tools a console window hosts, in the order their pages, docks and menu entries appear. A feature
// adds one line where the registry is filled (app/console/consoletools.cpp); the window stays as it is.
class ToolRegistry {
public:
    using Factory = std::function<std::unique_ptr<ConsoleTool>()>;

    void add(Factory factory) { m_factories.push_back(std::move(factory)); }
    template <class Tool> void add() {
        add([] { return std::make_unique<Tool>(); });
    }
    int size() const noexcept { return int(m_factories.size()); }

    std::vector<std::unique_ptr<ConsoleTool>> createTools() const;

private:
    std::vector<Factory> m_factories;
};

} // namespace jimini
