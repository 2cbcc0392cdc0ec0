// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configtree.h"
#include "resilienceconfig.h"

namespace jimini {

// Config -> ordered JSON tree. Every key is written, defaults included, so a saved file shows the
// effective config; a stage that is off is written as null.
class ConfigWriter {
public:
    static ConfigTree write(const ResilienceConfig& config);
    static ConfigTree write(const PipelineOptions& pipeline);
};

} // namespace jimini
