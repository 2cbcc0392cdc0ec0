// SPDX-License-Identifier: GPL-3.0-or-later
#include "jiminiprotocol.h"

#include "net/endpointaccess.h"
#include "net/fleeteventcodec.h"

#include "health/healthcodec.h"

#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <iterator>

namespace jimini {

namespace {
const QString kStreamPath = QStringLiteral("/resilience/v1/stream");
}

QNetworkRequest JiminiProtocol::documentRequest(const EndpointAccess& access) const {
    QNetworkRequest request = access.healthRequest();
    request.setRawHeader("Accept", "application/json");
    return request;
}

QString JiminiProtocol::noStreamReason(const ServiceEndpoint& endpoint, const EndpointAccess& access) const {
    return access.hasApi() ? QString() : EndpointAccess::noApiReason(endpoint);
}

QNetworkRequest JiminiProtocol::streamRequest(const EndpointAccess& access, Duration interval,
                                              const QByteArray& lastEventId) const {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("interval"),
                       QString::number(std::chrono::duration<double>(interval).count()));
    QNetworkRequest request = access.request(kStreamPath, query.toString());
    request.setRawHeader("Accept", "text/event-stream");
    if (!lastEventId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastEventId);
    return request;
}

HealthParseResult JiminiProtocol::decodeDocument(const QByteArray& body, const QDateTime& readTime) const {
    return HealthCodec::decode(body, readTime);
}

SourceProtocol::Message JiminiProtocol::messageKind(const QByteArray& type) const {
    if (type == "health")
        return Message::Document;
    const std::optional<FleetEventType> kind = fleetEventTypeFromName(QString::fromLatin1(type));
    return kind && (isAuditType(*kind) || *kind == FleetEventType::Gap) ? Message::Event : Message::Ignored;
}

std::optional<FleetEvent> JiminiProtocol::decodeEvent(const QString& endpointId, const QString& service,
                                                      const QString& instance, const QByteArray& type,
                                                      const QByteArray& data,
                                                      const QDateTime& receivedAt) const {
    return FleetEventCodec::fromStream(endpointId, service, instance, type, data, receivedAt);
}

} // namespace jimini
