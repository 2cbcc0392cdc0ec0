// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/seriesstore.h"

#include "store/seriesring.h"

#include <mutex>

namespace jimini {

struct SeriesStore::Series {
    // Uncontended almost always (one writer, a reader now and then): a plain mutex is as cheap as a spin.
    mutable std::mutex mutex;
    std::vector<SeriesRing> rings;
};

SeriesStore::SeriesStore(std::vector<Tier> tiers)
    : m_tiers(std::move(tiers)) {
    if (m_tiers.empty())
        m_tiers.push_back({std::chrono::seconds(1), 3600});
    for (Tier& tier : m_tiers) {
        tier.step = std::max(tier.step, std::chrono::seconds(1));
        tier.capacity = std::max<std::size_t>(tier.capacity, 1);
    }
}

SeriesStore::~SeriesStore() = default;

std::unique_ptr<SeriesStore::Series> SeriesStore::makeSeries() const {
    auto series = std::make_unique<Series>();
    series->rings.reserve(m_tiers.size());
    for (const Tier& tier : m_tiers)
        series->rings.emplace_back(std::int64_t(tier.step.count()) * 1000, tier.capacity);
    return series;
}

void SeriesStore::append(const SeriesKey& key, std::int64_t timeMs, float value) {
    m_appended.fetch_add(1, std::memory_order_relaxed);
    const bool keepMax = key.metric == Metric::BreakerState;
    const auto addTo = [&](Series& series) {
        std::lock_guard lock(series.mutex);
        // The finest tier decides how the sample is counted; every tier still takes it.
        bool stored = false;
        SeriesRing::Placement first = SeriesRing::Placement::Newer;
        for (std::size_t i = 0; i < series.rings.size(); ++i) {
            const auto placement = series.rings[i].add(timeMs, value, keepMax);
            if (i == 0)
                first = placement;
            stored = stored || placement != SeriesRing::Placement::TooOld;
        }
        if (first == SeriesRing::Placement::Same)
            m_duplicates.fetch_add(1, std::memory_order_relaxed);
        else if (first != SeriesRing::Placement::Newer)
            m_outOfOrder.fetch_add(1, std::memory_order_relaxed);
        if (!stored)
            m_tooOld.fetch_add(1, std::memory_order_relaxed);
    };
    {
        std::shared_lock lock(m_mutex);
        if (const auto it = m_series.find(key); it != m_series.end()) {
            addTo(*it->second);
            return;
        }
    }
    auto fresh = makeSeries(); // allocated outside the exclusive lock: readers are not held up by it
    std::unique_lock lock(m_mutex);
    auto [it, inserted] = m_series.try_emplace(key, std::move(fresh));
    addTo(*it->second);
}

std::int64_t SeriesStore::read(const SeriesKey& key, std::int64_t fromMs, std::int64_t toMs,
                               std::vector<SeriesPoint>& out) const {
    std::shared_lock lock(m_mutex);
    const auto it = m_series.find(key);
    if (it == m_series.end()) {
        out.clear();
        return 0;
    }
    const Series& series = *it->second;
    std::lock_guard seriesLock(series.mutex);
    const SeriesRing* chosen = &series.rings.back();
    for (const SeriesRing& ring : series.rings) {
        if (ring.covers(fromMs)) {
            chosen = &ring;
            break;
        }
    }
    chosen->copy(fromMs, toMs, key.metric == Metric::BreakerState, out);
    return chosen->stepMs();
}

void SeriesStore::remove(const QString& endpointId) {
    std::vector<std::unique_ptr<Series>> doomed; // freed after the lock is released
    {
        std::unique_lock lock(m_mutex);
        for (auto it = m_series.begin(); it != m_series.end();) {
            if (it->first.endpointId == endpointId) {
                doomed.push_back(std::move(it->second));
                it = m_series.erase(it);
            } else {
                ++it;
            }
        }
    }
}

std::vector<SeriesKey> SeriesStore::keys(const QString& endpointId) const {
    std::vector<SeriesKey> result;
    std::shared_lock lock(m_mutex);
    for (const auto& [key, series] : m_series) {
        if (key.endpointId == endpointId)
            result.push_back(key);
    }
    return result;
}

std::int64_t SeriesStore::newestTimeMs(const SeriesKey& key) const {
    std::shared_lock lock(m_mutex);
    const auto it = m_series.find(key);
    if (it == m_series.end())
        return 0;
    std::lock_guard seriesLock(it->second->mutex);
    return it->second->rings.front().newestTimeMs();
}

std::size_t SeriesStore::seriesCount() const {
    std::shared_lock lock(m_mutex);
    return m_series.size();
}

std::size_t SeriesStore::memoryBytes() const {
    std::shared_lock lock(m_mutex);
    std::size_t bytes = 0;
    for (const auto& [key, series] : m_series) {
        std::lock_guard seriesLock(series->mutex);
        bytes += sizeof(Series) + series->rings.capacity() * sizeof(SeriesRing);
        for (const SeriesRing& ring : series->rings)
            bytes += ring.memoryBytes();
    }
    return bytes;
}

std::size_t SeriesStore::worstCaseBytesPerSeries() const noexcept {
    std::size_t bytes = sizeof(Series) + m_tiers.size() * sizeof(SeriesRing);
    for (const Tier& tier : m_tiers)
        bytes += SeriesRing::worstCaseBytes(tier.capacity);
    return bytes;
}

SeriesStore::Stats SeriesStore::stats() const noexcept {
    return Stats{m_appended.load(std::memory_order_relaxed), m_duplicates.load(std::memory_order_relaxed),
                 m_outOfOrder.load(std::memory_order_relaxed), m_tooOld.load(std::memory_order_relaxed)};
}

} // namespace jimini
