// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventrecordreader.h"

#include "net/endpointaccess.h"
#include "net/fleeteventcodec.h"
#include "net/httpexchange.h"

#include "health/healthcodec.h"
#include "policy/scheduler.h"
#include "runtime/consoleclock.h"

#include <QNetworkAccessManager>

namespace jimini {

namespace {
const QString kEventsPath = QStringLiteral("/resilience/v1/events");
constexpr int kFailuresBeforeAbsent = 3;
} // namespace

EventRecordReader::EventRecordReader(ServiceEndpoint endpoint, ConsoleClock& clock, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_clock(clock)
    , m_scheduler(clock.scheduler()) {
    m_deadline.self = this;
    if (!m_endpoint.apiBase())
        m_record = Record::Absent; // said by the source, which falls back for the same reason
}

EventRecordReader::~EventRecordReader() {
    cancel();
}

void EventRecordReader::cancel() {
    m_scheduler.cancel(m_deadline);
    if (m_request) {
        m_request->disconnect(this);
        m_request->cancel();
        m_request->deleteLater();
    }
    m_request = nullptr;
}

void EventRecordReader::resumeAfter(qint64 lastEventId) {
    if (lastEventId > 0 && m_next == 0)
        m_next = lastEventId + 1;
}

void EventRecordReader::read(QNetworkAccessManager& nam, std::chrono::milliseconds timeout,
                             const QString& service, const QString& instance, const QDateTime& notBefore) {
    if (m_record == Record::Absent && !m_said) // a document URL without a base: said with its first read
        markAbsent(EndpointAccess::noApiReason(m_endpoint));
    if (m_record == Record::Absent || m_request)
        return;
    m_nam = &nam;
    m_timeout = timeout;
    m_service = service;
    m_instance = instance;
    if (m_next == 0)
        m_notBefore = notBefore;
    send();
}

void EventRecordReader::send() {
    const EndpointAccess access = EndpointAccess::load(m_endpoint);
    if (!access.ok() || !access.hasApi())
        return; // the health read says what is wrong with the files
    QNetworkRequest request = access.request(kEventsPath, QStringLiteral("since=%1").arg(m_next));
    request.setRawHeader("Accept", "application/json");
    HttpExchange::Options options;
    options.kind = HttpExchange::Kind::Document;
    options.limit = HealthCodec::maxDocumentSize;
    options.crossOrigin = RedirectPolicy::CrossOrigin::FollowWithoutCredentials;
    m_request = new HttpExchange(*m_nam, request, options, this);
    connect(m_request, &HttpExchange::finished, this,
            [this](const ReplyVerdict& v, const QByteArray& body, bool) { onFinished(v, body); });
    m_scheduler.schedule(m_deadline, m_timeout);
}

void EventRecordReader::onDeadline() {
    if (m_request)
        m_request->abortTimedOut(m_timeout.count());
}

void EventRecordReader::markAbsent(const QString& reason) {
    m_record = Record::Absent;
    m_said = true;
    emit absent(reason);
}

void EventRecordReader::emitGap(qint64 from, qint64 to, const QString& note) {
    FleetEvent gap = FleetEventCodec::gap(m_endpoint.id(), from, to, m_clock.wallNow(), note);
    gap.service = m_service;
    gap.instance = m_instance;
    emit eventReady(gap);
}

void EventRecordReader::onFinished(const ReplyVerdict& verdict, const QByteArray& body) {
    m_scheduler.cancel(m_deadline);
    const QString url = m_request ? m_request->url().toString() : QString();
    if (m_request)
        m_request->deleteLater();
    m_request = nullptr;
    const int status = verdict.httpStatus;
    if (status == 404 || status == 405 || status == 410) {
        markAbsent(QStringLiteral("%1: HTTP %2").arg(url, QString::number(status)));
        return;
    }
    if (!verdict.ok()) {
        // Retained events wait for the next read; a service that never answers one is taken to have none.
        if (m_record == Record::Unknown && ++m_failures >= kFailuresBeforeAbsent)
            markAbsent(QStringLiteral("%1: %2").arg(url, verdict.reason));
        return;
    }
    const EventRecordPage page = FleetEventCodec::fromRecord(m_endpoint.id(), m_service, m_instance, body);
    if (!page.ok()) {
        const QString why = ReplyVerdict::notJson(verdict.contentType);
        markAbsent(QStringLiteral("%1: %2").arg(url, why.isEmpty() ? page.error : why));
        return;
    }
    m_failures = 0;
    m_record = Record::Present;
    const qint64 asked = m_next;
    if (asked > 0 && page.next < asked) {
        // Its sequence began again: what it logged since the restart is all new to us.
        emitGap(asked - 1, page.next,
                QStringLiteral("the service restarted (its next event is %1, %2 was expected): events "
                               "before the restart after %3 were not read")
                    .arg(page.next)
                    .arg(asked)
                    .arg(asked - 1));
        m_next = 1;
        m_notBefore = QDateTime();
        send();
        return;
    }
    if (asked > 0) {
        const qint64 first = page.events.empty() ? page.next : page.events.front().sequence;
        if (first > asked)
            emitGap(asked - 1, first);
    }
    for (const FleetEvent& e : page.events)
        if (!m_notBefore.isValid() || e.time > m_notBefore)
            emit eventReady(e);
    m_notBefore = QDateTime();
    m_next = std::max<qint64>(page.next, 1);
}

} // namespace jimini
