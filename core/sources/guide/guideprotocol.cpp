// SPDX-License-Identifier: GPL-3.0-or-later
#include "guideprotocol.h"

#include "net/endpointaccess.h"

#include "health/healthcodec.h"

namespace jimini {

QNetworkRequest GuideProtocol::documentRequest(const EndpointAccess& access) const {
    QNetworkRequest request = access.healthRequest();
    request.setRawHeader("Accept", "application/json");
    return request;
}

QString GuideProtocol::noStreamReason(const ServiceEndpoint&, const EndpointAccess&) const {
    return QStringLiteral("a service built the guide's way has no event stream");
}

QNetworkRequest GuideProtocol::streamRequest(const EndpointAccess& access, Duration,
                                             const QByteArray&) const {
    return documentRequest(access); // never asked: noStreamReason() is never empty
}

HealthParseResult GuideProtocol::decodeDocument(const QByteArray& body, const QDateTime& readTime) const {
    HealthParseResult parsed = HealthCodec::decode(body, readTime);
    if (parsed.ok() && parsed.document->format != HealthFormat::GuideDocument)
        return {
            std::nullopt, QString(),
            QStringLiteral("a Jimini v1 document, not the guide's get_health_status() (\"resilience_stats\" "
                           "is absent); watch it as jimini_v1")};
    return parsed;
}

SourceProtocol::Message GuideProtocol::messageKind(const QByteArray&) const {
    return Message::Ignored;
}

std::optional<FleetEvent> GuideProtocol::decodeEvent(const QString&, const QString&, const QString&,
                                                     const QByteArray&, const QByteArray&,
                                                     const QDateTime&) const {
    return std::nullopt;
}

} // namespace jimini
