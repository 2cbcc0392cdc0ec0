// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace jimini {

class Agent;

// The console's demo: a dozen in-process agents on loopback (payments x3, inventory x3, search x4,
// notifications x2) with varied traffic, and a script of faults so there is always something to see:
// one instance flapping (an error fault on, then off), one going down and coming back on the same port
// (its row goes stale, then recovers), one rate-limited (a low limit and a 429 mix); the others are
// healthy with some noise. Faults go through the agents' own HTTP API, so they show up in their event
// logs exactly as an operator's would.
class DemoFleet final : public QObject {
    Q_OBJECT
public:
    enum class Role : quint8 { Healthy, Flapping, DownAndUp, RateLimited };

    struct Member {
        QString service;
        QString instance;
        Role role = Role::Healthy;
        QUrl baseUrl; // fixed at the first start: a restart listens on the same port
    };

    struct Options {
        std::chrono::milliseconds flapOn{20000};  // fault in force
        std::chrono::milliseconds flapOff{20000}; // then none
        std::chrono::milliseconds firstFlap{2000};
        std::chrono::milliseconds upFor{30000}; // the down-and-up instance: running...
        std::chrono::milliseconds downFor{30000};
        std::chrono::milliseconds firstDown{3000};
        std::chrono::milliseconds streamInterval{1000};
        bool scripted = true; // false: no faults, no outages (tests drive the agents themselves)
    };

    explicit DemoFleet(QObject* parent = nullptr);
    explicit DemoFleet(Options options, QObject* parent = nullptr);
    ~DemoFleet() override;

    // Starts every agent and the script; false with *error set (nothing left running) when one fails.
    bool start(QString* error);
    void stop();
    bool isRunning() const noexcept { return m_running; }

    const QList<Member>& members() const noexcept { return m_members; }
    QList<QUrl> baseUrls() const;
    // One probe target per service (GET|POST /target/<service>): on the member in trouble when the service
    // has one (so probing it shows the trouble), else on its first member. Empty before start().
    QList<QUrl> targetUrls() const;
    // Null while that member is stopped.
    Agent* agent(int index) const;

    // The script's steps, public so that tests (and the demo's menu) can drive them at once.
    void stopMember(int index);
    bool restartMember(int index, QString* error = nullptr);
    void postFault(int index, const QByteArray& json);

signals:
    void memberStopped(int index);
    void memberRestarted(int index);

private:
    bool startMember(int index, QString* error);
    void flap();
    void toggleDown();
    int indexOf(Role role) const;

    Options m_options;
    QList<Member> m_members;
    std::vector<std::unique_ptr<Agent>> m_agents;
    QNetworkAccessManager* m_network = nullptr;
    QTimer m_flapTimer;
    QTimer m_downTimer;
    bool m_running = false;
};

} // namespace jimini
