// SPDX-License-Identifier: GPL-3.0-or-later
#include "livereplaycommand.h"

#include "control/auditstore.h"
#include "control/controlservice.h"
#include "control/livereplay.h"
#include "control/operatoridentity.h"
#include "sim/scenariolibrary.h"

#include "auth/tokenfile.h"
#include "net/baseurl.h"
#include "runtime/qtscheduler.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace jimini {

namespace {
std::atomic<int> g_signal{0};

extern "C" void onLiveReplaySignal(int signal) {
    g_signal = signal;
}

QString clockText(Duration d) {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QJsonObject toJson(const LiveReplay& replay) {
    QJsonArray answers;
    for (const LiveReplayAnswer& a : replay.answers()) {
        const LiveReplayTarget& t = replay.targets()[a.agent];
        const QString step =
            a.step >= 0 ? replay.plan().describe(replay.plan().steps[std::size_t(a.step)])
                        : QStringLiteral("clear of ") + replay.plan().phaseSlots[std::size_t(a.slot)].label();
        answers.append(QJsonObject{{QStringLiteral("agent"), t.displayName()},
                                   {QStringLiteral("url"), t.endpoint.id()},
                                   {QStringLiteral("step"), step},
                                   {QStringLiteral("ok"), a.ok},
                                   {QStringLiteral("http_status"), a.httpStatus},
                                   {QStringLiteral("text"), a.text}});
    }
    return {{QStringLiteral("scenario"), replay.scenario().name},
            {QStringLiteral("result"), LiveReplay::toString(replay.result())},
            {QStringLiteral("faults_left"), replay.faultsInForce()},
            {QStringLiteral("errors"), QJsonArray::fromStringList(replay.errors())},
            {QStringLiteral("answers"), answers}};
}
} // namespace

int runLiveReplayCommand(const LiveReplayCommandOptions& options) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto usage = [&err](const QString& what) {
        err << "jimini replay --live: " << what << "\n";
        return 2;
    };
    QList<LiveReplayTarget> targets;
    for (const QString& text : options.urls) {
        const BaseUrl url = BaseUrl::parse(text);
        if (!url.ok())
            return usage(url.error);
        LiveReplayTarget target;
        target.endpoint.baseUrl = url.url;
        target.endpoint.tokenFile = options.tokenFile;
        targets.append(target);
    }
    if (!options.tokenFile.isEmpty()) {
        const TokenFile token = TokenFile::read(options.tokenFile);
        if (!token.ok())
            return usage(token.error());
    }
    const ScenarioParseResult scenario = ScenarioLibrary::load(options.scenario);
    if (!scenario.scenario) {
        for (const FieldError& e : scenario.errors)
            err << "jimini replay --live: "
                << (e.path.isEmpty() ? e.message : options.scenario + QStringLiteral(": ") + e.toString())
                << "\n";
        return 2;
    }
    const std::unique_ptr<AuditStore> audit = AuditStore::openDefault(options.auditDb);
    if (!audit->isOpen()) {
        err << "jimini replay --live: nothing sent: the audit store cannot be opened: " << audit->error()
            << "\n";
        return 1;
    }
    ControlService control;
    QtScheduler scheduler;
    LiveReplay replay(*scenario.scenario, targets, control, scheduler, audit.get());
    // With --json the document owns stdout: progress goes to stderr.
    QTextStream& progress = options.json ? err : out;
    QObject::connect(&replay, &LiveReplay::stepStarted, &replay, [&](int step) {
        const LiveReplayStep& s = replay.plan().steps[std::size_t(step)];
        progress << clockText(s.at) << " " << replay.plan().describe(s) << Qt::endl;
    });
    QObject::connect(&replay, &LiveReplay::answered, &replay, [&](const LiveReplayAnswer& a) {
        progress << "  " << replay.targets()[a.agent].displayName() << ": " << (a.ok ? "" : "failed: ")
                 << a.text << Qt::endl;
    });
    QObject::connect(&replay, &LiveReplay::stateChanged, &replay, [&](LiveReplay::State state) {
        if (state == LiveReplay::State::Clearing)
            progress << "stopping: clearing " << replay.faultsInForce() << " injected fault(s)" << Qt::endl;
    });
    QEventLoop loop;
    QObject::connect(&replay, &LiveReplay::finished, &loop, &QEventLoop::quit);
    QTimer signals_;
    QObject::connect(&signals_, &QTimer::timeout, &replay, [&] {
        if (const int s = g_signal.exchange(0))
            replay.abort(s == SIGTERM ? QStringLiteral("terminated (SIGTERM)")
                                      : QStringLiteral("interrupted (SIGINT)"));
    });
    g_signal = 0;
    std::signal(SIGINT, onLiveReplaySignal);
    std::signal(SIGTERM, onLiveReplaySignal);
    signals_.start(100);
    progress << "playing " << scenario.scenario->name << " (" << clockText(replay.plan().duration) << ", "
             << replay.plan().phaseSlots.size() << " phase(s)) against " << targets.size() << " agent(s)"
             << Qt::endl;
    replay.start();
    if (replay.state() != LiveReplay::State::Finished)
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    if (options.json)
        out << QJsonDocument(toJson(replay)).toJson(QJsonDocument::Compact) << "\n";
    for (const QString& e : replay.errors())
        err << "jimini replay --live: " << e << "\n";
    progress << LiveReplay::toString(replay.result());
    if (replay.faultsInForce() > 0)
        progress << ": " << replay.faultsInForce()
                 << " fault(s) could not be cleared (they end with their lease)";
    else if (replay.result() != LiveReplay::Result::Completed)
        progress << ": every injected fault cleared";
    progress << Qt::endl;
    return replay.result() == LiveReplay::Result::Completed ? 0 : 1;
}

} // namespace jimini
