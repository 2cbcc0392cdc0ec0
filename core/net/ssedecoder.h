// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>
#include <vector>

namespace jimini {

// One dispatched server-sent event.
struct SseMessage {
    QByteArray id;   // the `id:` of this event (empty when it had none)
    QByteArray type; // `event:`; "message" when absent, as EventSource does
    QByteArray data; // `data:` lines joined with \n
};

// Incremental text/event-stream parser (the WHATWG rules: \n, \r\n or \r line ends, one leading space
// after the colon dropped, comments skipped, an event dispatched at its blank line). Bytes may arrive
// cut anywhere. A line or an event's data over maxEventSize makes it refuse the stream (overflowed()):
// the reader must then drop the connection rather than buffer without bound.
class SseDecoder {
public:
    explicit SseDecoder(qsizetype maxEventSize);

    // Appends bytes and returns the events they complete, in order.
    std::vector<SseMessage> feed(const QByteArray& bytes);
    bool overflowed() const noexcept { return m_overflowed; }
    // The last `id:` seen (it persists across events, as EventSource's last event ID does).
    const QByteArray& lastEventId() const noexcept { return m_lastEventId; }
    // The last `retry:` in milliseconds, if the stream sent one.
    std::optional<qint64> retryMs() const noexcept { return m_retryMs; }
    void reset(); // a new connection: partial lines and data are dropped, the last id is kept

private:
    void line(QByteArrayView text, std::vector<SseMessage>& out);

    qsizetype m_max;
    QByteArray m_buffer;
    QByteArray m_data;
    QByteArray m_type;
    QByteArray m_id;
    QByteArray m_lastEventId;
    std::optional<qint64> m_retryMs;
    bool m_hasData = false;
    bool m_hasId = false;
    bool m_skipLf = false; // the previous chunk ended in \r: a leading \n belongs to it
    bool m_overflowed = false;
};

} // namespace jimini
