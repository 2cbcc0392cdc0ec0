// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent.h"

#include "serve/agentapi.h"
#include "serve/agentserver.h"
#include "serve/eventlog.h"
#include "serve/httpupstreamcalls.h"
#include "serve/policyregistry.h"
#include "sim/faultcodec.h"
#include "sim/faultset.h"
#include "sim/trafficgenerator.h"

#include "health/healthmonitor.h"
#include "policy/simulatedscheduler.h"
#include "runtime/qtscheduler.h"

#include <QHostAddress>

#include <algorithm>
#include <chrono>

namespace jimini {

namespace {
constexpr Duration kHousekeepingPeriod = std::chrono::milliseconds(250);

std::vector<TrafficLane> trafficLanes(const PolicyRegistry& registry) {
    std::vector<TrafficLane> lanes;
    lanes.reserve(registry.entries().size());
    for (const PolicyEntry& entry : registry.entries())
        lanes.push_back({entry.name, entry.pipeline, entry.telemetry});
    return lanes;
}

QString text(std::string_view s) {
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}
} // namespace

void Agent::Housekeeping::fire() {
    agent->housekeeping();
    if (agent->m_running)
        agent->m_scheduler->schedule(*this, kHousekeepingPeriod);
}

Agent::Agent(AgentOptions options, ResilienceConfig config, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_initialConfig(std::move(config)) {
    m_housekeeping.agent = this;
    if (m_options.simulatedTime)
        m_scheduler = std::make_unique<SimulatedScheduler>();
    else
        m_scheduler = std::make_unique<QtScheduler>();
    m_events = std::make_unique<EventLog>();
    m_faults = std::make_unique<FaultSet>();
    m_monitor = std::make_unique<HealthMonitor>(m_options.service, m_scheduler->now());
    m_registry = std::make_unique<PolicyRegistry>(*m_scheduler, m_options.seed);
    m_registry->setTransitionHandler(
        [this](const QString& policy, const BreakerTransition& t) { onTransition(policy, t); });
    if (m_options.upstream.isValid() && !m_options.upstream.isEmpty())
        m_upstream = std::make_unique<HttpUpstreamCalls>(m_options.upstream);
    m_traffic = std::make_unique<TrafficGenerator>(*m_scheduler, *m_monitor, *m_faults,
                                                   Downstream(m_options.downstream), m_upstream.get(),
                                                   m_options.callsPerSecond, m_options.seed);
    m_startSteady = m_scheduler->now();
    m_startWall = QDateTime::currentDateTimeUtc();
}

Agent::~Agent() {
    stop();
    // Teardown order matters: calls in flight are parked in pipelines and the scheduler. Release the
    // pipelines (the bulkheads cancel their queue timers), then the scheduler's heap, and only then
    // the calls themselves.
    m_server.reset();
    m_api.reset();
    m_traffic->releasePipelines();
    m_registry.reset();
    m_scheduler.reset();
    m_traffic.reset();
}

SimulatedScheduler* Agent::simulatedScheduler() const noexcept {
    return m_options.simulatedTime ? static_cast<SimulatedScheduler*>(m_scheduler.get()) : nullptr;
}

AgentIdentity Agent::identity() const {
    AgentIdentity id;
    id.service = m_options.service;
    id.instance = m_options.instance.isEmpty() ? QStringLiteral("%1-%2").arg(m_options.service).arg(port())
                                               : m_options.instance;
    id.environment = m_options.environment;
    return id;
}

bool Agent::start(QString* error) {
    QString ignored;
    if (!error)
        error = &ignored;
    if (m_running) {
        *error = QStringLiteral("already running");
        return false;
    }
    const QString host =
        m_options.host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : m_options.host;
    QHostAddress address;
    if (!address.setAddress(host)) {
        *error = QStringLiteral("the listen address must be an IP address (or localhost), not %1")
                     .arg(m_options.host);
        return false;
    }
    if (!address.isLoopback() && m_options.token.isEmpty()) {
        *error = QStringLiteral("refusing to listen on non-loopback address %1 without a token "
                                "(give one with --token-file, or listen on 127.0.0.1)")
                     .arg(address.toString());
        return false;
    }
    if (m_registry->version().isEmpty()) {
        const QList<ConfigError> errors = m_registry->apply(m_initialConfig);
        if (!errors.isEmpty()) {
            QStringList lines;
            for (const ConfigError& e : errors)
                lines.append(e.toString());
            *error = QStringLiteral("invalid config:\n") + lines.join(QLatin1Char('\n'));
            return false;
        }
    }
    m_api = std::make_unique<AgentApi>(*this, BearerAuth(m_options.token));
    m_server = std::make_unique<AgentServer>(*this, *m_api);
    const bool tls = !m_options.tlsCertFile.isEmpty() || !m_options.tlsKeyFile.isEmpty();
    if (tls && (m_options.tlsCertFile.isEmpty() || m_options.tlsKeyFile.isEmpty())) {
        *error = QStringLiteral("TLS needs both a certificate and a key");
        m_server.reset();
        return false;
    }
    if ((tls && !m_server->setupTls(m_options.tlsCertFile, m_options.tlsKeyFile, error)) ||
        !m_server->listen(address, m_options.port, error)) {
        m_server.reset();
        m_api.reset();
        return false;
    }
    m_running = true;
    m_traffic->sync(trafficLanes(*m_registry));
    m_scheduler->schedule(m_housekeeping, kHousekeepingPeriod);
    return true;
}

void Agent::stop() {
    if (m_server)
        m_server->close();
    m_running = false;
    if (m_scheduler)
        m_scheduler->cancel(m_housekeeping);
    if (m_traffic)
        m_traffic->stop();
}

quint16 Agent::port() const {
    return m_server ? m_server->port() : 0;
}

QUrl Agent::baseUrl() const {
    QUrl url;
    url.setScheme(m_server && m_server->tls() ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_options.host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : m_options.host);
    url.setPort(port());
    return url;
}

TimePoint Agent::now() const {
    return m_scheduler->now();
}

QDateTime Agent::wallAt(TimePoint t) const {
    // One mapping for the agent's life: virtual time maps onto the wall clock from the moment we started.
    return m_startWall.addMSecs(
        std::chrono::duration_cast<std::chrono::milliseconds>(t - m_startSteady).count());
}

HealthDocument Agent::health() const {
    const TimePoint t = now();
    HealthDocument document = AgentHealth::build(identity(), *m_monitor, *m_registry, t, wallAt(t));
    m_manualNotes.annotate(document);
    return document;
}

QList<ConfigError> Agent::applyConfig(const ResilienceConfig& config, const QString& actor) {
    const QString before = m_registry->version();
    QList<ConfigError> errors = m_registry->apply(config);
    if (!errors.isEmpty())
        return errors;
    if (m_running)
        m_traffic->sync(trafficLanes(*m_registry));
    if (m_registry->version() == before)
        return {}; // the config in force again: nothing changed, nothing to record
    AgentEvent event;
    event.time = wallAt(now());
    event.type = AgentEventType::Config;
    event.actor = actor;
    event.before = before;
    event.after = m_registry->version();
    m_events->append(std::move(event));
    return {};
}

void Agent::housekeeping() {
    // A lease that ran out says so: the console that held it stopped renewing (crashed, cut off).
    std::vector<Fault> expired = m_faults->purge(now());
    const auto leaseEnded = std::stable_partition(expired.begin(), expired.end(),
                                                  [](const Fault& f) { return f.expiresAt < f.endsAt; });
    faultsEnded({expired.begin(), leaseEnded}, QStringLiteral("system"), QStringLiteral("ttl_expired"));
    faultsEnded({leaseEnded, expired.end()}, QStringLiteral("system"), QStringLiteral("expired"));
    // Breakers change state lazily (TTL expiry, open -> half-open): asking makes the change, and its
    // event, happen now rather than at the next call.
    for (const PolicyEntry& e : m_registry->entries())
        if (CircuitBreaker* b = e.pipeline->circuitBreaker())
            (void)b->state();
}

std::vector<Fault> Agent::clearFaults(const QString& actor) {
    std::vector<Fault> cleared = m_faults->clear();
    faultsEnded(cleared, actor, QString());
    return cleared;
}

bool Agent::clearFault(int id, const QString& actor) {
    std::optional<Fault> cleared = m_faults->remove(id, now());
    if (cleared)
        faultsEnded({*cleared}, actor, QString());
    return cleared.has_value();
}

void Agent::faultsEnded(const std::vector<Fault>& faults, const QString& actor, const QString& note) {
    std::vector<int> ids;
    for (const Fault& f : faults) {
        ids.push_back(f.id);
        AgentEvent event;
        event.time = wallAt(now()); // when noticed, as transitions are
        event.type = AgentEventType::Fault;
        event.policy = f.policy;
        event.action = QStringLiteral("cleared");
        event.actor = actor;
        event.note = note;
        event.faultId = f.id;
        m_events->append(std::move(event));
    }
    if (m_traffic)
        m_traffic->releaseHangs(ids);
    if (m_server)
        m_server->target().releaseHangs(ids);
}

void Agent::holdTransitions() {
    m_holding = true;
}

void Agent::releaseTransitions(const QString& actor) {
    m_holding = false;
    std::vector<AgentEvent> held = std::move(m_held);
    m_held.clear();
    for (AgentEvent& e : held) {
        if (e.reason.startsWith(QLatin1String("manual_")))
            e.actor = actor;
        m_events->append(std::move(e));
    }
}

void Agent::onTransition(const QString& policy, const BreakerTransition& t) {
    if (t.to == BreakerState::Open)
        m_monitor->recordBreakerOpen(t.at);
    AgentEvent event;
    event.time = wallAt(t.at);
    event.type = AgentEventType::Transition;
    event.policy = policy;
    event.from = text(toString(t.from));
    event.to = text(toString(t.to));
    event.reason = text(toString(t.reason));
    event.note = QString::fromStdString(t.note);
    if (m_holding)
        m_held.push_back(std::move(event));
    else
        m_events->append(std::move(event));
}

} // namespace jimini
