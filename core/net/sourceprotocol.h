// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/serviceendpoint.h"

#include "health/healthparseresult.h"
#include "policy/clock.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkRequest>
#include <QString>

#include <optional>

namespace jimini {

class EndpointAccess;

// What a kind of service says and how to ask it (ServiceEndpoint::Kind): the request of its document
// and of its event stream, and the bytes of either turned into documents and events. A Connection does
// the rest (poll or stream, deadline, retry, breaker, staleness) the same way for every kind. Stateless
// and shared by every connection of its kind, on any thread; parsing is bounded by the connection's
// size limit before it gets here.
class SourceProtocol {
public:
    enum class Message : quint8 { Document, Event, Ignored };

    virtual ~SourceProtocol() = default;

    virtual ServiceEndpoint::Kind kind() const noexcept = 0;

    // The request of the health document (access has set the URL's auth and TLS).
    virtual QNetworkRequest documentRequest(const EndpointAccess& access) const = 0;
    // Empty when the endpoint can have a stream; otherwise why not (the connection polls and says so).
    virtual QString noStreamReason(const ServiceEndpoint& endpoint, const EndpointAccess& access) const = 0;
    virtual QNetworkRequest streamRequest(const EndpointAccess& access, Duration interval,
                                          const QByteArray& lastEventId) const = 0;
    // Whether the service keeps a record of its transitions to read after each poll (EventRecordReader).
    virtual bool hasEventRecord() const noexcept = 0;

    // readTime: the connection clock's wall time, for a document that carries no time of its own.
    virtual HealthParseResult decodeDocument(const QByteArray& body, const QDateTime& readTime) const = 0;
    // What an event stream's message of this type carries.
    virtual Message messageKind(const QByteArray& type) const = 0;
    // An event message (messageKind Event); nullopt when it is not one. receivedAt dates an event
    // without a time.
    virtual std::optional<FleetEvent> decodeEvent(const QString& endpointId, const QString& service,
                                                  const QString& instance, const QByteArray& type,
                                                  const QByteArray& data,
                                                  const QDateTime& receivedAt) const = 0;
};

} // namespace jimini
