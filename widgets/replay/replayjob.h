// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replayengine.h"
#include "sim/replaysummary.h"
#include "sim/scenario.h"

#include "config/resilienceconfig.h"
#include "store/seriesstore.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace jimini {

class ReplaySeriesSink;

// One replay of a scenario against one to three configs, each column on a thread of its own (a day of
// a busy scenario is millions of calls: never on the UI thread). Each column streams its seconds into
// the job's SeriesStore (bounded: tiers sized to the scenario, see tiersFor) as it computes, and sums
// itself up with ReplaySummary, the engine's own: the summary is the one `jimini replay` prints.
//
// The UI thread reads frontier() (whole seconds computed) when it draws, and gets columnFinished once
// per column, queued. Cancel: cancel() or destroying the job; the engine notices within one simulated
// second, and the destructor waits for that, so nothing outlives the job.
class ReplayJob final : public QObject {
    Q_OBJECT
public:
    struct Column {
        QString label;
        ResilienceConfig config;
    };
    struct Result {
        std::vector<DependencySummary> summaries;
        ReplayRun run;
    };

    // The timeline's origin: the wall time that stands for the scenario's start.
    ReplayJob(Scenario scenario, std::vector<Column> columns, std::int64_t originMs,
              QObject* parent = nullptr);
    ~ReplayJob() override;

    // 1 s steps for up to four hours of the run (the last four, for a longer one), and 60 s steps for
    // the whole of it: memory bounded by the scenario's length, never by its calls.
    static std::vector<SeriesStore::Tier> tiersFor(const Scenario& scenario);

    void start();
    void cancel();

    const Scenario& scenario() const noexcept { return m_scenario; }
    const SeriesStore& store() const noexcept { return *m_store; }
    std::int64_t originMs() const noexcept { return m_originMs; }
    int columnCount() const noexcept { return int(m_columns.size()); }
    const Column& column(int c) const { return m_columns[std::size_t(c)]; }
    std::int64_t frontier(int column) const; // whole seconds in the store; any thread
    const std::optional<Result>& result(int column) const { return m_results[std::size_t(column)]; }
    bool finished() const;

signals:
    void columnFinished(int column);

private:
    Scenario m_scenario;
    std::vector<Column> m_columns;
    std::int64_t m_originMs;
    std::unique_ptr<SeriesStore> m_store;
    std::vector<std::unique_ptr<ReplaySeriesSink>> m_sinks;
    std::vector<std::optional<Result>> m_results;
    std::vector<QThread*> m_threads;
    std::atomic<bool> m_cancel{false};
};

} // namespace jimini
