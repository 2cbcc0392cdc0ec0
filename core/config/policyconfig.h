// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/pipelineoptions.h"

#include <QString>

namespace jimini {

// A named pipeline. The leaves are the policy core's own option structs, so the config can never
// describe something the policies cannot do.
struct PolicyConfig {
    QString name;
    PipelineOptions pipeline;
};

} // namespace jimini
