// SPDX-License-Identifier: GPL-3.0-or-later
// The audit store: what recording an action costs the caller's thread (one INSERT, WAL, synchronous=NORMAL),
// and what the event log's reads cost on a large store (the newest page, the next page, a whole export).
#include "alloccounter.h"
#include "control/auditjsonlines.h"
#include "control/auditreader.h"
#include "control/auditstore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
AuditEntry sampleEntry(int i) {
    AuditEntry e;
    e.action = QStringLiteral("breaker.isolate");
    e.targets = {QStringLiteral("http://10.0.%1.%2:8081").arg(i / 250).arg(i % 250)};
    e.environment = QStringLiteral("production");
    e.service = QStringLiteral("orders");
    e.policy = QStringLiteral("payments");
    e.before = QStringLiteral("closed");
    e.after = QStringLiteral("isolated");
    e.reason = QStringLiteral("INC-%1 drain before the deploy").arg(i);
    return e;
}

// A store of `rows` records (half intents, half outcomes), made once per size.
const QString& storeOf(int rows) {
    static QTemporaryDir dir;
    static QMap<int, QString> made;
    if (!made.contains(rows)) {
        const QString path = dir.filePath(QStringLiteral("audit-%1.sqlite").arg(rows));
        AuditStore store;
        store.open(path);
        for (int i = 0; i < rows / 2; ++i)
            store.recordOutcome(store.recordIntent(sampleEntry(i)), {true, QStringLiteral("200 isolated")});
        made.insert(rows, path);
    }
    return made[rows];
}

void BM_AuditStore_RecordIntent(benchmark::State& state) {
    QTemporaryDir dir;
    AuditStore store;
    store.open(dir.filePath(QStringLiteral("audit.sqlite")));
    const AuditEntry entry = sampleEntry(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(store.recordIntent(entry));
}
BENCHMARK(BM_AuditStore_RecordIntent)->Unit(benchmark::kMicrosecond);

// What the event log reads when it opens: the newest 1000 records.
void BM_AuditReader_NewestPage(benchmark::State& state) {
    const QString& path = storeOf(int(state.range(0)));
    AuditQuery query;
    query.newest = true;
    query.limit = 1000;
    for (auto _ : state)
        benchmark::DoNotOptimize(AuditReader::read(path, query).records.size());
}
BENCHMARK(BM_AuditReader_NewestPage)->Arg(10000)->Arg(200000)->Unit(benchmark::kMillisecond);

// What a poll reads when nothing is new: the page after the last id.
void BM_AuditReader_PollNothingNew(benchmark::State& state) {
    const QString& path = storeOf(int(state.range(0)));
    AuditQuery query;
    query.afterId = state.range(0);
    for (auto _ : state)
        benchmark::DoNotOptimize(AuditReader::read(path, query).records.size());
}
BENCHMARK(BM_AuditReader_PollNothingNew)->Arg(200000)->Unit(benchmark::kMillisecond);

// The whole store as JSON Lines (jimini audit export, the console's export).
void BM_AuditJsonLines_Export(benchmark::State& state) {
    const QString& path = storeOf(int(state.range(0)));
    for (auto _ : state) {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        benchmark::DoNotOptimize(AuditJsonLines::write(path, 0, &out).written);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AuditJsonLines_Export)->Arg(200000)->Unit(benchmark::kMillisecond);
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv); // the SQLite driver is a plugin
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
