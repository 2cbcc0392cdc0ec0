// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayjob.h"

#include "replayseriessink.h"

#include <QThread>

#include <algorithm>
#include <chrono>

namespace jimini {

ReplayJob::ReplayJob(Scenario scenario, std::vector<Column> columns, std::int64_t originMs, QObject* parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_columns(std::move(columns))
    , m_originMs(originMs)
    , m_store(std::make_unique<SeriesStore>(tiersFor(m_scenario)))
    , m_results(m_columns.size()) {
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        m_sinks.push_back(std::make_unique<ReplaySeriesSink>(*m_store, int(c), m_scenario, m_originMs));
}

ReplayJob::~ReplayJob() {
    m_cancel.store(true);
    for (QThread* thread : m_threads) {
        thread->wait(); // the engine polls the flag once per simulated second
        delete thread;
    }
}

std::vector<SeriesStore::Tier> ReplayJob::tiersFor(const Scenario& scenario) {
    const auto seconds = std::size_t(
        std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(scenario.duration).count()));
    return {{std::chrono::seconds(1), std::min<std::size_t>(seconds, 4 * 3600)},
            {std::chrono::seconds(60), seconds / 60 + 2}};
}

void ReplayJob::start() {
    if (!m_threads.empty())
        return;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        QThread* thread = QThread::create([this, c] {
            ReplaySummary summary(m_scenario, m_sinks[c].get());
            Result result;
            result.run = ReplayEngine::run(m_scenario, m_columns[c].config, summary, &m_cancel);
            result.summaries = summary.dependencies();
            // Queued to the job's thread; dropped with the job if it is gone by then.
            QMetaObject::invokeMethod(
                this,
                [this, c, r = std::move(result)]() mutable {
                    m_results[c] = std::move(r);
                    emit columnFinished(int(c));
                },
                Qt::QueuedConnection);
        });
        thread->setObjectName(QStringLiteral("jimini-replay-%1").arg(c));
        m_threads.push_back(thread);
    }
    for (QThread* thread : m_threads)
        thread->start(QThread::LowPriority);
}

void ReplayJob::cancel() {
    m_cancel.store(true);
}

std::int64_t ReplayJob::frontier(int column) const {
    return m_sinks[std::size_t(column)]->frontier();
}

bool ReplayJob::finished() const {
    return std::all_of(m_results.begin(), m_results.end(), [](const auto& r) { return r.has_value(); });
}

} // namespace jimini
