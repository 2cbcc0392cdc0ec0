// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>

namespace jimini {

// Cuts this process's TCP connections to one peer (address and port), from any thread: each connection's
// descriptor gets an unconnected socket put in its place (dup3), so the number stays valid for its owner,
// whose next read or write fails at once, while the connection itself is closed (reset, as unread bytes
// are pending). Linux only (it walks /proc/self/fd); elsewhere it cuts nothing.
//
// Why: Qt 6.4's HTTP thread reads a response's status line, headers and chunk-size lines one byte per
// read() for as long as bytes are available, with no size limit, and only looks at an abort between two
// such runs. A peer that floods header lines keeps that thread, which serves every request of one
// QNetworkAccessManager, to itself for as long as it sends. HttpExchange cuts the connection when a
// deadline ends an exchange.
class ConnectionCutter {
public:
    static int cut(const QHostAddress& peer, quint16 port); // how many connections were cut
};

} // namespace jimini
