// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/replyverdict.h"
#include "net/ssedecoder.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace jimini {

// One HTTP exchange of a health source: a GET of the health document (body collected, refused past the
// size limit from its Content-Length or from the bytes received) or one connection of the event stream
// (events decoded as they arrive, each refused past the same limit). It only reads and reports; when to
// ask again is the HealthSource's business. Lives on the thread of its QNetworkAccessManager.
class HealthRequest final : public QObject {
    Q_OBJECT
public:
    enum class Kind : quint8 { Document, Stream };

    HealthRequest(QNetworkAccessManager& nam, const QNetworkRequest& request, Kind kind, qsizetype limit,
                  QObject* parent = nullptr);
    ~HealthRequest() override;

    // The caller's deadline ran out: ends the exchange, finished() reports TimedOut.
    void abortTimedOut(qint64 afterMs);
    // Ends it quietly: no finished().
    void cancel();
    bool isOpen() const noexcept { return m_open; }

signals:
    void opened();                                   // Stream: 200 with text/event-stream
    void message(const jimini::SseMessage& message); // Stream: one event
    void activity();                                 // Stream: any bytes (comments too)
    // Document: verdict Ok and body; otherwise why not. Stream: why it ended (wasOpen: after opened()).
    void finished(const jimini::ReplyVerdict& verdict, const QByteArray& body, bool wasOpen);

private:
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void refuseTooLarge();

    QPointer<QNetworkReply> m_reply;
    Kind m_kind;
    qsizetype m_limit;
    SseDecoder m_decoder;
    QByteArray m_body;
    QString m_tlsErrors;
    qint64 m_timedOutAfterMs = 0;
    bool m_tooLarge = false;
    bool m_open = false;
    bool m_done = false;
};

} // namespace jimini
