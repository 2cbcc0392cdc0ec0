// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sourceprotocol.h"

namespace jimini {

// A service built the guide's way (resilience-guide.md): the document of get_health_status() at an
// address of its own, and nothing else of the protocol: no stream, no event record (its transitions
// are inferred from polls), and only the guide's shape is a document.
class GuideProtocol final : public SourceProtocol {
public:
    ServiceEndpoint::Kind kind() const noexcept override { return ServiceEndpoint::Kind::Guide; }
    QNetworkRequest documentRequest(const EndpointAccess& access) const override;
    QString noStreamReason(const ServiceEndpoint& endpoint, const EndpointAccess& access) const override;
    QNetworkRequest streamRequest(const EndpointAccess& access, Duration interval,
                                  const QByteArray& lastEventId) const override;
    bool hasEventRecord() const noexcept override { return false; }
    HealthParseResult decodeDocument(const QByteArray& body, const QDateTime& readTime) const override;
    Message messageKind(const QByteArray& type) const override;
    std::optional<FleetEvent> decodeEvent(const QString& endpointId, const QString& service,
                                          const QString& instance, const QByteArray& type,
                                          const QByteArray& data, const QDateTime& receivedAt) const override;
};

} // namespace jimini
