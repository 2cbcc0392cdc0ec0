// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QtGlobal>

#include <chrono>

namespace jimini {

// What one HTTP connection of the agent may cost it. Every size is checked as bytes arrive, before more
// are read; every wait has a deadline. The defaults follow what nginx and Envoy bound (tens of KiB of
// head, seconds to send it) and are documented in docs/protocol.md ("HTTP limits").
struct HttpLimits {
    qsizetype maxRequestLineBytes = 8 * 1024; // 414 past it
    qsizetype maxHeadBytes = 32 * 1024;       // request line, headers and chunked trailers; 431 past it
    int maxHeaderCount = 100;                 // 431 past it
    qsizetype maxBodyBytes = 1024 * 1024;     // 413: at once from Content-Length, or as chunks arrive
    qsizetype maxChunkLineBytes = 1024;       // a chunk-size line with its extensions; 400 past it
    // A new connection must send its whole request head within this; so must a keep-alive connection
    // from the first byte of its next request.
    Duration headTimeout = std::chrono::seconds(10);
    Duration bodyTimeout = std::chrono::seconds(30);  // from the end of the head to the end of the body
    Duration idleTimeout = std::chrono::seconds(30);  // keep-alive: between an answer and the next request
    Duration writeTimeout = std::chrono::seconds(30); // an answer must be taken by the client within this
    // Connections at once; the server lowers it to stay below the descriptor limit (RLIMIT_NOFILE).
    int maxConnections = 512;
    // Event stream subscribers at once (503 past it) and the shortest health interval they may ask for.
    int maxStreams = 32;
    Duration minStreamInterval = std::chrono::milliseconds(500);
    // A subscriber whose unsent bytes would pass max(this, two health events) is dropped: it fell behind.
    qsizetype streamBacklogBytes = 256 * 1024;
};

} // namespace jimini
