// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sourceprotocol.h"

namespace jimini {

// Jimini v1 (docs/protocol.md): the document at <base>/resilience/v1/health (or at the URL given), the
// event stream at <base>/resilience/v1/stream, the event record at <base>/resilience/v1/events. Its
// documents are read as HealthCodec reads them, so a guide-shaped document at such an address is read
// too, as it always was.
class JiminiProtocol final : public SourceProtocol {
public:
    ServiceEndpoint::Kind kind() const noexcept override { return ServiceEndpoint::Kind::JiminiV1; }
    QNetworkRequest documentRequest(const EndpointAccess& access) const override;
    QString noStreamReason(const ServiceEndpoint& endpoint, const EndpointAccess& access) const override;
    QNetworkRequest streamRequest(const EndpointAccess& access, Duration interval,
                                  const QByteArray& lastEventId) const override;
    bool hasEventRecord() const noexcept override { return true; }
    HealthParseResult decodeDocument(const QByteArray& body, const QDateTime& readTime) const override;
    Message messageKind(const QByteArray& type) const override;
    std::optional<FleetEvent> decodeEvent(const QString& endpointId, const QString& service,
                                          const QString& instance, const QByteArray& type,
                                          const QByteArray& data, const QDateTime& receivedAt) const override;
};

} // namespace jimini
