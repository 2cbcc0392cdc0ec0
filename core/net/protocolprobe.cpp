// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocolprobe.h"

#include <QTcpSocket>
#include <QTimer>

namespace jimini {

ProtocolProbe::ProtocolProbe(const QUrl& url, int within, Done done, QObject* parent)
    : QObject(parent)
    , m_url(url)
    , m_socket(new QTcpSocket(this))
    , m_timer(new QTimer(this))
    , m_done(std::move(done)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ProtocolProbe::finish);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        const QByteArray path = m_url.path(QUrl::FullyEncoded).toUtf8();
        m_socket->write("GET " + (path.isEmpty() ? QByteArray("/") : path) + " HTTP/1.1\r\nHost: " +
                        m_url.authority(QUrl::FullyEncoded).toUtf8() + "\r\nConnection: close\r\n\r\n");
    });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        m_bytes += m_socket->read(maxBytes - m_bytes.size());
        if (m_bytes.size() >= maxBytes || m_bytes.contains('\n'))
            finish();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &ProtocolProbe::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->bytesAvailable() > 0)
            m_bytes += m_socket->read(maxBytes - m_bytes.size());
        finish();
    });
    m_timer->start(within);
    m_socket->connectToHost(m_url.host(), quint16(m_url.port(80)));
}

ProtocolProbe::~ProtocolProbe() {
    m_finished = true;
    m_socket->disconnect(this);
    m_socket->abort();
}

QString ProtocolProbe::judge(const QByteArray& firstBytes, const QString& authority) {
    const QByteArray start = firstBytes.trimmed();
    if (start.isEmpty() || start.startsWith("HTTP/"))
        return {};
    QString shown;
    for (const char c : start.left(64)) {
        if (c == '\r' || c == '\n')
            break;
        shown += c >= 0x20 && c < 0x7f ? QString(QLatin1Char(c))
                                       : QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
    }
    return QStringLiteral("not HTTP: the service on %1 answered \"%2\" (another protocol on this port?)")
        .arg(authority, shown);
}

void ProtocolProbe::finish() {
    if (m_finished)
        return;
    m_finished = true;
    m_timer->stop();
    const QString verdict = judge(m_bytes, m_url.authority());
    m_socket->disconnect(this);
    m_socket->abort();
    m_done(verdict); // may delete this
}

} // namespace jimini
