// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcefactory.h"

namespace jimini {

SourceFactory healthSourceFactory(HealthSource::Options options) {
    return [options](const ServiceEndpoint& endpoint, const SourceContext& context) -> FleetSource* {
        return new HealthSource(endpoint, context.clock, context.pollNam, options, context.parent);
    };
}

} // namespace jimini
