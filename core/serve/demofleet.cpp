// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/demofleet.h"

#include "serve/agent.h"

#include "config/configcodec.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace jimini {

namespace {

struct Plan {
    const char* service;
    int instances;
    double callsPerSecond;
    const char* config;
};

// Each service calls its own dependencies; short recovery times keep the demo moving.
constexpr const char* paymentsConfig = R"({"environment": "demo", "policies": {
  "card-gateway": {"retry": {"max_attempts": 2, "initial_delay": 0.05, "max_delay": 0.5},
                   "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 8}, "timeout": 2,
                   "bulkhead": {"limit": 10, "queue": 5}, "rate_limit": {"requests_per_second": 40, "burst_limit": 60}},
  "fraud-check": {"circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 10}, "timeout": 1,
                  "bulkhead": {"limit": 6, "queue": 2}}}})";
constexpr const char* inventoryConfig = R"({"environment": "demo", "policies": {
  "warehouse-db": {"retry": {"max_attempts": 3, "initial_delay": 0.02, "max_delay": 0.2},
                   "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 8}, "timeout": 1,
                   "bulkhead": {"limit": 12, "queue": 6}, "rate_limit": {"requests_per_second": 40, "burst_limit": 50}}}})";
constexpr const char* searchConfig = R"({"environment": "demo", "policies": {
  "index": {"circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 8}, "timeout": 1,
            "bulkhead": {"limit": 16, "queue": 8}, "rate_limit": {"requests_per_second": 60, "burst_limit": 80}},
  "suggest": {"retry": {"max_attempts": 2, "initial_delay": 0.02, "max_delay": 0.1},
              "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 8}, "timeout": 0.5}}})";
constexpr const char* notificationsConfig = R"({"environment": "demo", "policies": {
  "smtp": {"retry": {"max_attempts": 3, "initial_delay": 0.1, "max_delay": 1},
           "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 10}, "timeout": 3,
           "bulkhead": {"limit": 4, "queue": 4}, "rate_limit": {"requests_per_second": 20, "burst_limit": 25}},
  "push": {"circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 8}, "timeout": 1,
           "rate_limit": {"requests_per_second": 30, "burst_limit": 40}}}})";
// The rate-limited instance: a limit well under its traffic.
constexpr const char* limitedConfig = R"({"environment": "demo", "policies": {
  "index": {"circuit_breaker": {"failure_threshold": 8, "recovery_timeout": 8}, "timeout": 1,
            "bulkhead": {"limit": 16, "queue": 8}, "rate_limit": {"requests_per_second": 6, "burst_limit": 8}},
  "suggest": {"retry": {"max_attempts": 2, "initial_delay": 0.02, "max_delay": 0.1},
              "circuit_breaker": {"failure_threshold": 8, "recovery_timeout": 8}, "timeout": 0.5,
              "rate_limit": {"requests_per_second": 5, "burst_limit": 5}}}})";

constexpr Plan plans[] = {
    {"payments", 3, 12, paymentsConfig},
    {"inventory", 3, 18, inventoryConfig},
    {"search", 4, 25, searchConfig},
    {"notifications", 2, 6, notificationsConfig},
};

} // namespace

DemoFleet::DemoFleet(QObject* parent)
    : DemoFleet(Options{}, parent) {}

DemoFleet::DemoFleet(Options options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this)) {
    for (const Plan& plan : plans) {
        for (int i = 1; i <= plan.instances; ++i) {
            Member member;
            member.service = QString::fromLatin1(plan.service);
            member.instance = QStringLiteral("%1-%2").arg(member.service).arg(i);
            m_members.append(member);
        }
    }
    // One of each kind of trouble, in different services.
    m_members[1].role = Role::Flapping;    // payments-2
    m_members[4].role = Role::DownAndUp;   // inventory-2
    m_members[8].role = Role::RateLimited; // search-3
    m_agents.resize(std::size_t(m_members.size()));

    m_flapTimer.setSingleShot(true);
    m_downTimer.setSingleShot(true);
    connect(&m_flapTimer, &QTimer::timeout, this, &DemoFleet::flap);
    connect(&m_downTimer, &QTimer::timeout, this, &DemoFleet::toggleDown);
}

DemoFleet::~DemoFleet() {
    stop();
}

bool DemoFleet::start(QString* error) {
    if (m_running)
        return true;
    for (int i = 0; i < m_members.size(); ++i) {
        if (!startMember(i, error)) {
            stop();
            return false;
        }
    }
    m_running = true;
    if (m_options.scripted) {
        m_flapTimer.start(m_options.firstFlap);
        m_downTimer.start(m_options.firstDown);
        // A standing 429 mix on top of the low limit: the rate-limited instance is throttled both ways.
        postFault(indexOf(Role::RateLimited), R"({"error_rate": 0.25, "status_mix": {"429": 1},
            "retry_after_seconds": 1, "duration_seconds": 86400})");
    }
    return true;
}

void DemoFleet::stop() {
    m_flapTimer.stop();
    m_downTimer.stop();
    for (auto& agent : m_agents) {
        if (agent)
            agent->stop();
        agent.reset();
    }
    m_running = false;
}

QList<QUrl> DemoFleet::baseUrls() const {
    QList<QUrl> urls;
    for (const Member& member : m_members)
        urls.append(member.baseUrl);
    return urls;
}

QList<QUrl> DemoFleet::targetUrls() const {
    QList<QUrl> urls;
    for (const Plan& plan : plans) {
        const QString service = QString::fromLatin1(plan.service);
        const Member* chosen = nullptr;
        for (const Member& member : m_members) {
            if (member.service != service || member.baseUrl.isEmpty())
                continue;
            if (!chosen || (chosen->role == Role::Healthy && member.role != Role::Healthy))
                chosen = &member;
        }
        if (!chosen)
            continue;
        QUrl url = chosen->baseUrl;
        url.setPath(QStringLiteral("/target/") + service);
        urls.append(url);
    }
    return urls;
}

Agent* DemoFleet::agent(int index) const {
    return index >= 0 && index < m_members.size() ? m_agents[std::size_t(index)].get() : nullptr;
}

bool DemoFleet::startMember(int index, QString* error) {
    Member& member = m_members[index];
    int planIndex = 0;
    while (QString::fromLatin1(plans[planIndex].service) != member.service)
        ++planIndex;
    const Plan& plan = plans[planIndex];
    const char* json = member.role == Role::RateLimited ? limitedConfig : plan.config;
    ConfigParseResult parsed = ConfigCodec::parse(QByteArray(json));
    if (!parsed.ok()) {
        if (error)
            *error =
                QStringLiteral("demo config of %1: %2").arg(member.service, parsed.errors.first().toString());
        return false;
    }
    AgentOptions options;
    options.service = member.service;
    options.instance = member.instance;
    options.environment = QStringLiteral("demo");
    options.port = member.baseUrl.isValid() ? quint16(member.baseUrl.port()) : 0;
    options.seed = 1000 + std::uint64_t(index);
    // Some noise: traffic and the dependency's own error rate differ per instance.
    options.callsPerSecond = plan.callsPerSecond * (0.7 + 0.15 * (index % 4));
    options.downstream.errorRate = 0.004 + 0.006 * (index % 5);
    options.streamInterval = m_options.streamInterval;
    auto agent = std::make_unique<Agent>(options, std::move(*parsed.config));
    if (!agent->start(error))
        return false;
    member.baseUrl = agent->baseUrl();
    m_agents[std::size_t(index)] = std::move(agent);
    return true;
}

void DemoFleet::stopMember(int index) {
    auto& agent = m_agents[std::size_t(index)];
    if (!agent)
        return;
    agent->stop();
    agent.reset();
    emit memberStopped(index);
}

bool DemoFleet::restartMember(int index, QString* error) {
    if (m_agents[std::size_t(index)])
        return true;
    if (!startMember(index, error))
        return false;
    emit memberRestarted(index);
    return true;
}

void DemoFleet::postFault(int index, const QByteArray& json) {
    Agent* target = agent(index);
    if (!target)
        return;
    QUrl url = target->baseUrl();
    url.setPath(QStringLiteral("/resilience/v1/faults"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = m_network->post(request, json);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void DemoFleet::flap() {
    const int index = indexOf(Role::Flapping);
    const double seconds = double(m_options.flapOn.count()) / 1000.0;
    postFault(index,
              QStringLiteral(R"({"error_rate": 1.0, "status_mix": {"503": 1}, "duration_seconds": %1})")
                  .arg(seconds)
                  .toUtf8());
    m_flapTimer.start(m_options.flapOn + m_options.flapOff);
}

void DemoFleet::toggleDown() {
    const int index = indexOf(Role::DownAndUp);
    if (m_agents[std::size_t(index)]) {
        stopMember(index);
        m_downTimer.start(m_options.downFor);
    } else {
        // The port may be briefly taken by someone else: try again on the next beat.
        restartMember(index);
        m_downTimer.start(m_agents[std::size_t(index)] ? m_options.upFor : std::chrono::milliseconds(1000));
    }
}

int DemoFleet::indexOf(Role role) const {
    for (int i = 0; i < m_members.size(); ++i) {
        if (m_members[i].role == role)
            return i;
    }
    return 0;
}

} // namespace jimini
