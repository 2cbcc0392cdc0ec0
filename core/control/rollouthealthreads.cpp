// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rollouthealthreads.h"

#include "net/connection.h"
#include "sources/standardsources.h"

#include <algorithm>

namespace jimini {

RolloutHealthReads::RolloutHealthReads(ConsoleClock& clock, QNetworkAccessManager* network,
                                       std::chrono::milliseconds timeout, qsizetype instances,
                                       QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_network(network)
    , m_timeout(timeout) {
    m_inFlight.fill(0, instances);
}

bool RolloutHealthReads::anyInFlight() const {
    return std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), [](int n) { return n > 0; });
}

void RolloutHealthReads::read(int index, const ServiceEndpoint& endpoint,
                              std::function<void(const SourceSample&)> done) {
    Connection::Options options;
    options.singleShot = true;
    options.timeout = m_timeout;
    auto* read = new Connection(protocolFor(endpoint.kind), endpoint, m_clock, m_network, options, this);
    ++m_inFlight[index];
    connect(read, &Connection::sampleReady, this, [this, read, index, done](const SourceSample& sample) {
        read->stop();
        read->deleteLater();
        --m_inFlight[index];
        done(sample);
    });
    read->start();
}

} // namespace jimini
