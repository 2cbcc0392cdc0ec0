// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthrequest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace jimini {

HealthRequest::HealthRequest(QNetworkAccessManager& nam, const QNetworkRequest& request, Kind kind,
                             qsizetype limit, QObject* parent)
    : QObject(parent)
    , m_kind(kind)
    , m_limit(limit)
    , m_decoder(limit) {
    m_reply = nam.get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HealthRequest::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HealthRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HealthRequest::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& e : errors)
            texts << e.errorString();
        m_tlsErrors = texts.join(QStringLiteral("; "));
    });
}

HealthRequest::~HealthRequest() {
    cancel();
}

void HealthRequest::cancel() {
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void HealthRequest::abortTimedOut(qint64 afterMs) {
    if (m_done || !m_reply)
        return;
    m_timedOutAfterMs = afterMs;
    m_reply->abort(); // finished() follows, synchronously
}

void HealthRequest::refuseTooLarge() {
    m_tooLarge = true;
    m_body.clear();
    m_reply->abort();
}

void HealthRequest::onMetaData() {
    if (!m_reply || m_done)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_kind == Kind::Document) {
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (status >= 200 && status < 300 && length.isValid() && length.toLongLong() > m_limit) {
            m_tooLarge = true;
            // Not from inside metaDataChanged: the reply is still setting itself up there.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_reply && !m_done)
                        refuseTooLarge();
                },
                Qt::QueuedConnection);
        }
        return;
    }
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (!m_open && status == 200 && type.startsWith("text/event-stream")) {
        m_open = true;
        emit opened();
    }
}

void HealthRequest::onReadyRead() {
    if (!m_reply || m_done)
        return;
    if (m_tooLarge)
        return; // being refused: read nothing more
    if (m_kind == Kind::Document || !m_open) {
        // Error bodies are read too (and bounded), so that nothing piles up in the reply.
        m_body += m_reply->read(m_limit + 1 - m_body.size());
        if (m_body.size() > m_limit)
            refuseTooLarge();
        return;
    }
    const QByteArray bytes = m_reply->readAll();
    emit activity();
    for (const SseMessage& m : m_decoder.feed(bytes)) {
        emit message(m);
        if (m_done || !m_reply)
            return; // the listener cancelled us
    }
    if (m_decoder.overflowed())
        refuseTooLarge();
}

void HealthRequest::onFinished() {
    if (m_done || !m_reply)
        return;
    m_done = true;
    if (!m_tooLarge && m_reply->bytesAvailable() > 0 && (m_kind == Kind::Document || !m_open)) {
        m_body += m_reply->read(m_limit + 1 - m_body.size());
        m_tooLarge = m_body.size() > m_limit;
    }
    ReplyVerdict verdict = ReplyVerdict::of(*m_reply, m_tlsErrors, m_timedOutAfterMs, m_tooLarge, m_limit);
    if (m_kind == Kind::Stream && m_open && verdict.ok()) {
        verdict.status = SourceStatus::Refused;
        verdict.reason = QStringLiteral("stream ended by the service");
    }
    m_reply->disconnect(this);
    m_reply->deleteLater();
    m_reply = nullptr;
    emit finished(verdict, m_tooLarge ? QByteArray() : m_body, m_open);
}

} // namespace jimini
