// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/replyverdict.h"
#include "net/serviceendpoint.h"

#include "policy/timertask.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <chrono>

class QNetworkAccessManager;

namespace jimini {

class ConsoleClock;
class HttpExchange;
class Scheduler;

// A polled service's own record of its transitions and control actions: after each poll, the events
// since the last one read (GET /resilience/v1/events?since=N), each with the service's time, reason,
// actor, note and TTL. A half-open that came and went between two polls is in it; a poll difference
// would not show it.
//
// - N is the record's `next` of the last page. The first read takes what the service retains and reports
//   only what came after the document it follows (that document shows the state before them).
// - Lost events are said, as a gap event: the first event is above N (not retained any more), or the
//   page is empty though `next` moved on. `next` below N: the service restarted; the record is read
//   again from its start.
// - A service without a record (404, 405, 410, a 2xx that is no record, a document URL without a base,
//   or three failed reads before the first page) is Absent from then on: its transitions are inferred
//   from polls (FleetIngest), and absent() says why once.
// - Bounded like every read: HttpExchange's 4 MiB and the caller's deadline (on its Scheduler); the token
//   goes only to the endpoint's origin.
class EventRecordReader final : public QObject {
    Q_OBJECT
public:
    enum class Record : quint8 { Unknown, Present, Absent };

    // Its deadline runs on the clock's scheduler; a gap is dated by the clock's wall time.
    EventRecordReader(ServiceEndpoint endpoint, ConsoleClock& clock, QObject* parent = nullptr);
    ~EventRecordReader() override;

    // Reads what is new, unless a read is under way or the service has no record. service and
    // instance name the events; notBefore: the time of the document just read.
    void read(QNetworkAccessManager& nam, std::chrono::milliseconds timeout, const QString& service,
              const QString& instance, const QDateTime& notBefore);
    // A stream fell back to polling: its events up to lastEventId were delivered; go on after it.
    void resumeAfter(qint64 lastEventId);
    void cancel();

    Record record() const noexcept { return m_record; }
    qint64 next() const noexcept { return m_next; } // what the next read asks for (0: from the start)
    bool isReading() const noexcept { return !m_request.isNull(); }

signals:
    void eventReady(const jimini::FleetEvent& event);
    void absent(const QString& reason); // once, when the service turns out to keep no record

private:
    struct Deadline final : TimerTask {
        EventRecordReader* self = nullptr;
        void fire() override { self->onDeadline(); }
    };

    void send();
    void onDeadline();
    void onFinished(const ReplyVerdict& verdict, const QByteArray& body);
    void markAbsent(const QString& reason);
    void emitGap(qint64 from, qint64 to, const QString& note = {});

    ServiceEndpoint m_endpoint;
    ConsoleClock& m_clock;
    Scheduler& m_scheduler;
    Deadline m_deadline;
    QPointer<HttpExchange> m_request;
    QNetworkAccessManager* m_nam = nullptr;
    std::chrono::milliseconds m_timeout{1000};
    QString m_service;
    QString m_instance;
    QDateTime m_notBefore; // valid until the first page is read
    Record m_record = Record::Unknown;
    qint64 m_next = 0; // 0: nothing read yet
    int m_failures = 0;
    bool m_said = false; // absent() was emitted
};

} // namespace jimini
