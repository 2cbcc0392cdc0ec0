// SPDX-License-Identifier: GPL-3.0-or-later
#include "standardsources.h"

#include "sources/guide/guideprotocol.h"
#include "sources/jimini/jiminiprotocol.h"

namespace jimini {

std::shared_ptr<const SourceProtocol> protocolFor(ServiceEndpoint::Kind kind) {
    static const auto jiminiV1 = std::make_shared<const JiminiProtocol>();
    static const auto guide = std::make_shared<const GuideProtocol>();
    switch (kind) {
    case ServiceEndpoint::Kind::Guide:
        return guide;
    case ServiceEndpoint::Kind::JiminiV1:
        break;
    }
    return jiminiV1;
}

SourceFactory standardSourceFactory(Connection::Options options) {
    return [options](const ServiceEndpoint& endpoint, const SourceContext& context) -> FleetSource* {
        return new Connection(protocolFor(endpoint.kind), endpoint, context.clock, context.pollNam, options,
                              context.parent);
    };
}

} // namespace jimini
