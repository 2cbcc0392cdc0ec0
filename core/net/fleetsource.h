// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/serviceendpoint.h"
#include "net/sourcesample.h"

#include <QObject>

namespace jimini {

// Anything that reports one endpoint to the hub: a connection to a live service (Connection), or a
// source with no socket at all (a replay, a recorder's playback, a test's script: ScriptedSource). It
// runs on its ConsoleClock's scheduler, on the thread it was made on, and says what it learnt only
// through its two signals; the endpointId of each sample and event is its endpoint's id.
class FleetSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0; // the first read (or step) goes out at once
    virtual void stop() = 0;  // nothing more comes; timers disarmed

    virtual const ServiceEndpoint& endpoint() const noexcept = 0;
    // Whether the transitions come from the service's own record (then the ingest infers none from its
    // documents); false: they must be inferred from the documents.
    virtual bool reportsTransitions() const = 0;

signals:
    void sampleReady(const jimini::SourceSample& sample);
    void eventReady(const jimini::FleetEvent& event);
};

} // namespace jimini
