// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-fleet-bench [N] [SECONDS] [PORTS]: the console headless (offscreen MainWindow, fleet view shown)
// watching N endpoints at 1 Hz served by jimini-fleet-fixture (a separate process, PORTS ports). After a
// warm-up (every row has its first document) it measures for SECONDS: the UI thread's busy fraction
// (awake to aboutToBlock over wall time), resident memory, and samples served vs received vs ingested.
#include "console/mainwindow.h"
#include "console/uiload.h"

#include "store/seriesstore.h"
#include "widgets/fleetmodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

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
    if (count <= 0 || seconds <= 0 || ports <= 0) {
        std::fprintf(stderr, "usage: jimini-fleet-bench [N] [SECONDS] [PORTS]\n");
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
    window.setRememberWorkspace(false);
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
    QElapsedTimer warm;
    warm.start();
    window.addEndpoints(endpoints);

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
                before = window.hub().ingestStats();
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
    const FleetHub::IngestStats after = window.hub().ingestStats();
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
    std::printf("samples ingested    %llu (dropped: %lld)\n", static_cast<unsigned long long>(ingested),
                static_cast<long long>(received) - static_cast<long long>(ingested));
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
    return received == ingested ? 0 : 1;
}
