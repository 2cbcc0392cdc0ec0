// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-fleet-bench [N] [SECONDS] [PORTS] [HISTORY_HOURS]: the console headless (offscreen MainWindow,
// fleet view shown) watching N endpoints at 1 Hz served by jimini-fleet-fixture (a separate process, PORTS
// ports). HISTORY_HOURS (0..24) of the fixture's own figures are first written into the store, as a
// console running that long would hold them (1 Hz for the last hour, every 30 s before), so memory is
// measured at the store's steady state. After a warm-up (every row has its first document) it measures
// for SECONDS: the UI thread's busy fraction (awake to aboutToBlock over wall time), resident memory, and
// samples served vs received vs ingested.
#include "console/mainwindow.h"
#include "console/uiload.h"
#include "fleetdocument.h"

#include "health/healthnames.h"
#include "store/seriesstore.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/workspace/workspacetool.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <array>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace jimini;

namespace {

quint64 servedOf(QProcess& fixture) {
    fixture.write("q\n");
    fixture.closeWriteChannel();
    fixture.waitForFinished(10000);
    const QByteArray out = fixture.readAllStandardOutput();
    const qsizetype at = out.lastIndexOf("served ");
    return at < 0 ? 0 : out.mid(at + 7).trimmed().toULongLong();
}

qint64 threadCpuNs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// CPU ticks per thread of this process (utime + stime), by "tid name".
QMap<QString, qint64> threadTicks() {
    QMap<QString, qint64> ticks;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' '); // fields from 3 (state) on
        if (open < 0 || close < 0 || fields.size() < 13)
            continue;
        const QString name = tid + QLatin1Char(' ') + QString::fromUtf8(line.mid(open + 1, close - open - 1));
        ticks.insert(name, fields[11].toLongLong() + fields[12].toLongLong());
    }
    return ticks;
}

// The series FleetIngest writes for a fixture document (17 an instance), for `hours` before now.
void writeHistory(SeriesStore& store, const QList<ServiceEndpoint>& endpoints, int hours) {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString none;
    const std::array<QString, 2> policies{QStringLiteral("db"), QStringLiteral("upstream")};
    for (int n = 0; n < int(endpoints.size()); ++n) {
        const QString id = endpoints[n].id();
        const auto put = [&](const QString& policy, Metric metric, double value, qint64 second) {
            store.append(SeriesKey{id, policy, metric}, second * 1000, float(value));
        };
        for (qint64 second = now - qint64(hours) * 3600; second < now;) {
            const FleetFigures f = FleetFigures::of(n, second);
            put(none, Metric::RequestRate, f.requestsPerSecond, second);
            put(none, Metric::ErrorRate, f.errorRate, second);
            put(none, Metric::LatencyP50, f.p50, second);
            put(none, Metric::LatencyP95, f.p95, second);
            put(none, Metric::LatencyP99, f.p99, second);
            for (const QString& policy : policies) {
                put(policy, Metric::TokensAvailable, f.tokensAvailable, second);
                put(policy, Metric::TokenLimit, FleetFigures::tokenLimit, second);
                put(policy, Metric::BulkheadActive, f.bulkheadActive, second);
                put(policy, Metric::BulkheadQueued, 0, second);
                put(policy, Metric::BulkheadCapacity, FleetFigures::bulkheadCapacity, second);
                put(policy, Metric::BreakerState,
                    breakerStateCode(f.breakerOpen ? BreakerState::Open : BreakerState::Closed), second);
            }
            second += second >= now - 3600 ? 1 : 30;
        }
    }
}

// The worker counts a sample received just before it ingests it: read at a moment none is in between,
// so received - ingested - ignored is what was lost.
FleetHub::IngestStats settledStats(const FleetHub& hub) {
    FleetHub::IngestStats stats = hub.ingestStats();
    for (int tries = 0; tries < 1000 && stats.received != stats.ingested + stats.ignored; ++tries) {
        QThread::usleep(100);
        stats = hub.ingestStats();
    }
    return stats;
}

} // namespace

int main(int argc, char* argv[]) {
    // The glib dispatcher emits awake() before it blocks, not after: the UNIX one brackets the work the
    // way UiLoad counts it.
    qputenv("QT_NO_GLIB", "1");
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    const QStringList args = QApplication::arguments();
    const int count = args.value(1, QStringLiteral("2000")).toInt();
    const int seconds = args.value(2, QStringLiteral("60")).toInt();
    const int ports = args.value(3, QStringLiteral("8")).toInt();
    const int historyHours = args.value(4, QStringLiteral("0")).toInt();
    if (count <= 0 || seconds <= 0 || ports <= 0 || historyHours < 0 || historyHours > 24) {
        std::fprintf(stderr, "usage: jimini-fleet-bench [N] [SECONDS] [PORTS] [HISTORY_HOURS 0..24]\n");
        return 2;
    }

    QProcess fixture;
    fixture.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    fixture.start(QApplication::applicationDirPath() + QStringLiteral("/jimini-fleet-fixture"),
                  {QString::number(count), QString::number(ports)});
    if (!fixture.waitForStarted(10000) || !fixture.waitForReadyRead(30000)) {
        std::fprintf(stderr, "jimini-fleet-bench: the fixture did not start\n");
        return 1;
    }
    const QByteArray line = fixture.readLine().trimmed(); // "ports P1,P2,..."
    const QList<QByteArray> portList = line.mid(6).split(',');

    MainWindow window;
    WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
    workspace.setRemember(false);
    window.resize(1440, 900);
    window.show();
    QList<ServiceEndpoint> endpoints;
    for (int n = 0; n < count; ++n) {
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/svc/%2")
                                    .arg(QString::fromLatin1(portList[n % portList.size()]))
                                    .arg(n));
        endpoint.interval = std::chrono::milliseconds(1000);
        endpoints.append(endpoint);
    }
    if (historyHours > 0) {
        QElapsedTimer writing;
        writing.start();
        // The store is thread-safe and nothing writes it yet: the bench stands in for the hours before.
        writeHistory(const_cast<SeriesStore&>(window.hub().store()), endpoints, historyHours);
        std::printf("history: %d h written in %.1f s, %.1f MB of points, RSS %.1f MB\n", historyHours,
                    double(writing.elapsed()) / 1000, double(window.hub().store().memoryBytes()) / 1048576.0,
                    double(UiLoad::residentBytes()) / 1048576.0);
    }
    QElapsedTimer warm;
    warm.start();
    workspace.addEndpoints(endpoints);

    UiLoad load;
    qint64 peakRss = 0;
    FleetHub::IngestStats before{};
    bool measuring = false;
    qint64 cpuBefore = 0;
    QMap<QString, qint64> ticksBefore;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        peakRss = std::max(peakRss, UiLoad::residentBytes());
        if (!measuring) {
            const auto counts = window.hub().counts();
            if (counts.ok == count || warm.elapsed() > 60000) {
                std::printf("warm-up: %d of %d rows ok after %.1f s\n", counts.ok, count,
                            double(warm.elapsed()) / 1000);
                measuring = true;
                before = settledStats(window.hub());
                load.reset();
                cpuBefore = threadCpuNs();
                ticksBefore = threadTicks();
                peakRss = UiLoad::residentBytes();
                QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
            }
        }
    });
    tick.start(1000);
    QApplication::exec();

    const double busy = load.busyFraction();
    const double cpu = double(threadCpuNs() - cpuBefore) / double(load.wall().count());
    const FleetHub::IngestStats after = settledStats(window.hub());
    const quint64 received = after.received - before.received;
    const quint64 ingested = after.ingested - before.ingested;
    const double wall = double(load.wall().count()) / 1e9;
    const FleetHub::Counts counts = window.hub().counts();
    const quint64 served = servedOf(fixture);

    std::printf("services            %d at 1 Hz over %d ports, %.1f s measured\n", count, ports, wall);
    std::printf("UI thread busy      %.1f %%\n", 100 * busy);
    std::printf("resident memory     %.1f MB (peak while measuring)\n", double(peakRss) / (1024.0 * 1024.0));
    const SeriesStore& store = window.hub().store();
    std::printf("series store        %zu series, %.1f MB of points (at most %zu bytes per series)\n",
                store.seriesCount(), double(store.memoryBytes()) / (1024.0 * 1024.0),
                store.worstCaseBytesPerSeries());
    std::printf("UI thread CPU       %.1f %% (CLOCK_THREAD_CPUTIME_ID, cross-check)\n", 100 * cpu);
    std::printf("samples received    %llu (%.0f/s)\n", static_cast<unsigned long long>(received),
                double(received) / wall);
    const quint64 ignored = after.ignored - before.ignored; // of endpoints removed meanwhile: none here
    std::printf("samples ingested    %llu, ignored %llu (dropped: %lld)\n",
                static_cast<unsigned long long>(ingested), static_cast<unsigned long long>(ignored),
                static_cast<long long>(received) - static_cast<long long>(ingested + ignored));
    std::printf("fixture answers     %llu (whole run, warm-up included)\n",
                static_cast<unsigned long long>(served));
    const QMap<QString, qint64> ticksAfter = threadTicks();
    const double hz = double(sysconf(_SC_CLK_TCK));
    for (auto it = ticksAfter.begin(); it != ticksAfter.end(); ++it) {
        const double share = double(it.value() - ticksBefore.value(it.key())) / hz / wall;
        if (share >= 0.01)
            std::printf("thread %-20s %.0f %% of a core\n", qPrintable(it.key()), 100 * share);
    }
    std::printf("rows at the end     %d ok, %d stale, %d failing of %d\n", counts.ok, counts.stale,
                counts.failing, counts.total);
    if (historyHours > 0 && store.seriesCount() != std::size_t(count) * 17)
        std::printf("WARNING: %zu series, not %d: the history's keys are not the live ones\n",
                    store.seriesCount(), count * 17);
    return received == ingested + ignored ? 0 : 1;
}
