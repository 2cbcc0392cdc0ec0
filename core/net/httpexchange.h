// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/redirectpolicy.h"
#include "net/replyverdict.h"
#include "net/ssedecoder.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace jimini {

class ProtocolProbe;
// One HTTP exchange with a service, bounded whatever the peer does: the health sources' document GETs and
// event streams, and the control client's requests.
// - Size: bytes are counted as they arrive and the exchange is refused at the limit, for Content-Length,
//   chunked and close-delimited answers alike (a document or error body over the limit, or one stream
//   event over it). The reply's own buffer is bounded too (setReadBufferSize), so Qt's HTTP thread stops
//   reading the socket instead of queueing an endless body for us.
// - Time: an optional deadline covers the whole exchange, redirects included; the caller may also end it
//   with abortTimedOut() (the health sources keep their deadline on their Scheduler). An exchange ended
//   by a deadline also has its connection cut (ConnectionCutter), so that a peer flooding header lines or
//   a chunk-size line cannot keep Qt's HTTP thread to itself.
// - Redirects are followed here, not by QNetworkAccessManager (see RedirectPolicy): credentials never go
//   to another origin, https never goes to http, at most RedirectPolicy::maxRedirects hops, and an error
//   after a redirect names the URL it happened at.
// - A peer that does not speak HTTP (Qt reports it as a closed connection) is asked once more by a
//   ProtocolProbe, so that the reason says "not HTTP" and what it answered.
// Lives on the thread of its QNetworkAccessManager.
class HttpExchange final : public QObject {
    Q_OBJECT
public:
    enum class Kind : quint8 { Document, Stream };
    struct Options {
        Kind kind = Kind::Document;
        QByteArray method = "GET";
        QByteArray body;
        qsizetype limit = 4 * 1024 * 1024;
        RedirectPolicy::CrossOrigin crossOrigin = RedirectPolicy::CrossOrigin::FollowWithoutCredentials;
        std::chrono::milliseconds deadline{0}; // > 0: the whole exchange ends (TimedOut) after this
    };
    // What Qt's reply may hold between two reads of ours.
    static constexpr qint64 readBufferSize = 64 * 1024;

    HttpExchange(QNetworkAccessManager& nam, const QNetworkRequest& request, Options options,
                 QObject* parent = nullptr);
    ~HttpExchange() override;

    // The caller's deadline ran out: ends the exchange, finished() reports TimedOut.
    void abortTimedOut(qint64 afterMs);
    // Ends it quietly: no finished().
    void cancel();
    bool isOpen() const noexcept { return m_open; }
    const QUrl& url() const noexcept { return m_url; } // the URL asked last (after redirects)
    int redirects() const noexcept { return m_redirects; }
    QByteArray rawHeader(const QByteArray& name) const; // of the last answer, once finished

signals:
    void opened();                                   // Stream: 200 with text/event-stream
    void message(const jimini::SseMessage& message); // Stream: one event
    void activity();                                 // Stream: any bytes (comments too)
    // Document: verdict Ok and body; otherwise why not, with the error body if any. Stream: why it ended
    // (wasOpen: after opened()).
    void finished(const jimini::ReplyVerdict& verdict, const QByteArray& body, bool wasOpen);

private:
    void send();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void readBody();
    void refuseTooLarge();
    bool followRedirect(int httpStatus); // true: a new request went out
    void finish(ReplyVerdict verdict);
    void probe(ReplyVerdict verdict); // "connection closed" with no status: was it HTTP at all?
    void dropReply();
    static void cutStalledConnection(const QUrl& url);

    QNetworkAccessManager& m_nam;
    QNetworkRequest m_request;
    Options m_options;
    QUrl m_origin; // where the credentials belong
    QUrl m_url;
    QPointer<QNetworkReply> m_reply;
    QPointer<ProtocolProbe> m_probe; // asking whether the peer speaks HTTP (then m_pending waits)
    ReplyVerdict m_pending;
    QTimer* m_deadline = nullptr;
    SseDecoder m_decoder;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QString m_tlsErrors;
    QString m_redirectRefusal;
    qint64 m_timedOutAfterMs = 0;
    int m_redirects = 0;
    int m_redirectStatus = 0;
    bool m_credentials = false;
    bool m_droppedCredentials = false;
    bool m_tooLarge = false;
    bool m_open = false;
    bool m_done = false;
};

} // namespace jimini
