// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

class QTcpSocket;
class QTimer;

namespace jimini {

// Asks an http:// port once more, by hand, what it says to a GET, when Qt only reported "connection
// closed": Qt takes an answer that is not an HTTP status line (an SSH or SMTP banner, a database's
// greeting, bytes of another protocol) for a closed connection. Reads at most 256 bytes, for at most
// `within` ms; then done() gets "not HTTP: ..." with the first bytes it saw, or an empty string (nothing
// came, or it was HTTP after all: the original reason stands). Lives on the caller's thread.
class ProtocolProbe final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QString& notHttp)>;
    static constexpr qsizetype maxBytes = 256;

    ProtocolProbe(const QUrl& url, int within, Done done, QObject* parent = nullptr);
    ~ProtocolProbe() override;

    // What the bytes say: empty for an HTTP status line or no bytes; otherwise "not HTTP: ...".
    static QString judge(const QByteArray& firstBytes, const QString& authority);

private:
    void finish();

    QUrl m_url;
    QTcpSocket* m_socket;
    QTimer* m_timer;
    QByteArray m_bytes;
    Done m_done;
    bool m_finished = false;
};

} // namespace jimini
