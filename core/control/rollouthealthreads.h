// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QObject>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace jimini {

class ConsoleClock;
struct SourceSample;

// One-shot health reads of a rollout's instances through the console's own source code (Connection, the
// same parser and limits), counted per instance so that a watch does not stack reads on a slow one.
// done runs on this object's thread with the sample (a document, or the reason there is none).
class RolloutHealthReads final : public QObject {
    Q_OBJECT
public:
    RolloutHealthReads(ConsoleClock& clock, QNetworkAccessManager* network, std::chrono::milliseconds timeout,
                       qsizetype instances, QObject* parent = nullptr);

    void read(int index, const ServiceEndpoint& endpoint, std::function<void(const SourceSample&)> done);
    int inFlight(int index) const { return m_inFlight[index]; }
    bool anyInFlight() const;

private:
    ConsoleClock& m_clock;
    QNetworkAccessManager* m_network;
    std::chrono::milliseconds m_timeout;
    QList<int> m_inFlight; // per instance
};

} // namespace jimini
