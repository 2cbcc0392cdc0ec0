// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssedecoder.h"

namespace jimini {

SseDecoder::SseDecoder(qsizetype maxEventSize)
    : m_max(maxEventSize) {}

void SseDecoder::reset() {
    m_buffer.clear();
    m_data.clear();
    m_type.clear();
    m_id.clear();
    m_hasData = m_hasId = m_skipLf = m_overflowed = false;
}

std::vector<SseMessage> SseDecoder::feed(const QByteArray& bytes) {
    std::vector<SseMessage> out;
    if (m_overflowed)
        return out;
    m_buffer += bytes;
    qsizetype start = 0;
    if (m_skipLf && !m_buffer.isEmpty()) { // an empty read leaves a pending \r pending
        if (m_buffer.front() == '\n')
            start = 1;
        m_skipLf = false;
    }
    for (qsizetype i = start; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r')
            continue;
        line(QByteArrayView(m_buffer).sliced(start, i - start), out);
        if (m_overflowed)
            return out;
        if (c == '\r') {
            if (i + 1 < m_buffer.size()) {
                if (m_buffer.at(i + 1) == '\n')
                    ++i;
            } else {
                m_skipLf = true;
            }
        }
        start = i + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > m_max)
        m_overflowed = true; // one endless line
    return out;
}

void SseDecoder::line(QByteArrayView text, std::vector<SseMessage>& out) {
    if (text.isEmpty()) { // dispatch
        if (m_hasId)
            m_lastEventId = m_id;
        if (m_hasData) {
            SseMessage m;
            m.id = m_hasId ? m_id : QByteArray();
            m.type = m_type.isEmpty() ? QByteArray("message") : m_type;
            m.data = m_data;
            out.push_back(std::move(m));
        }
        m_data.clear();
        m_type.clear();
        m_id.clear();
        m_hasData = m_hasId = false;
        return;
    }
    if (text.front() == ':')
        return; // comment (heartbeat)
    const qsizetype colon = text.indexOf(':');
    QByteArrayView field = colon < 0 ? text : text.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : text.sliced(colon + 1);
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);
    if (field == "data") {
        if (m_hasData)
            m_data += '\n';
        m_data += value;
        m_hasData = true;
        if (m_data.size() > m_max)
            m_overflowed = true;
    } else if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_id = value.toByteArray();
            m_hasId = true;
        }
    } else if (field == "retry") {
        bool ok = false;
        const qint64 ms = value.toByteArray().toLongLong(&ok);
        if (ok && ms >= 0)
            m_retryMs = ms;
    }
}

} // namespace jimini
