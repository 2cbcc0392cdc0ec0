// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tools/toolregistry.h"

#include "widgets/tools/toolhost.h"

namespace jimini {

ToolHost::~ToolHost() = default;

std::vector<std::unique_ptr<ConsoleTool>> ToolRegistry::createTools() const {
    std::vector<std::unique_ptr<ConsoleTool>> tools;
    tools.reserve(m_factories.size());
    for (const Factory& factory : m_factories)
        tools.push_back(factory());
    return tools;
}

} // namespace jimini
