// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chunkcodec.h"
#include "store/seriesslot.h"
#include "store/seriesstore.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace jimini {

// One tier of one series, time-indexed: a step's place is implied by its time (no timestamp stored), so a
// late sample finds its point in O(1). Steps are grouped in chunks of ChunkCodec::steps; the newest chunk
// is open (plain accumulators), every older one is packed by ChunkCodec. Nothing is allocated before the
// first sample, and after that only when a chunk is packed (once per 64 steps) or a late sample lands in
// a packed chunk.
class SeriesRing {
public:
    enum class Placement : std::uint8_t { Newer, Same, Older, TooOld };

    SeriesRing(std::int64_t stepMs, std::size_t capacity);

    Placement add(std::int64_t timeMs, float value, bool keepMax);
    // The step holding fromMs is inside the ring, or at most one step older than its oldest
    // (a read of "the last hour" from a ring of one hour at 1 s is served by that ring).
    bool covers(std::int64_t fromMs) const noexcept;
    void copy(std::int64_t fromMs, std::int64_t toMs, bool keepMax, std::vector<SeriesPoint>& out) const;
    bool isEmpty() const noexcept { return m_newest == emptyStep; }
    std::int64_t stepMs() const noexcept { return m_stepMs; }
    std::int64_t newestTimeMs() const noexcept { return m_newest * m_stepMs; }
    // Bytes this ring has allocated (chunk table, open chunk, packed chunks).
    std::size_t memoryBytes() const noexcept;
    // The most it can ever allocate: every chunk packed at its largest.
    static std::size_t worstCaseBytes(std::size_t capacity) noexcept;

private:
    // 16 bytes: a day of 1 s and 60 s chunks is 82 of them a series.
    class Chunk {
    public:
        Chunk() = default;
        Chunk(Chunk&& other) noexcept;
        Chunk& operator=(Chunk&&) = delete;
        ~Chunk() { release(); }

        bool holds(std::int64_t number) const noexcept { return m_held && m_number == number; }
        void hold(std::int64_t number) noexcept; // emptied
        void store(const SeriesSlot* cells);     // packs them
        void unpack(SeriesSlot* cells) const noexcept;
        std::size_t allocatedBytes() const noexcept { return m_constant ? 0 : m_size; }

    private:
        void release() noexcept;
        union {
            std::uint8_t* bytes; // owned, m_size of them
            float constant;      // m_constant
        } m_payload{nullptr};
        std::int32_t m_number = 0;
        std::uint16_t m_size = 0;
        bool m_held = false; // m_number is a chunk this ring has had a sample for
        bool m_constant = false;
    };
    static constexpr std::int64_t emptyStep = INT64_MIN;
    static std::size_t chunkCountFor(std::size_t capacity) noexcept;
    std::int64_t stepOf(std::int64_t timeMs) const noexcept;
    static std::int64_t chunkOf(std::int64_t step) noexcept;
    std::size_t chunkIndex(std::int64_t number) const noexcept;
    Chunk& chunkAt(std::int64_t number) noexcept { return m_chunks[chunkIndex(number)]; }
    const Chunk& chunkAt(std::int64_t number) const noexcept { return m_chunks[chunkIndex(number)]; }
    void open(std::int64_t number);
    void seal(std::int64_t number);
    static void merge(SeriesSlot& slot, float value, bool keepMax) noexcept;

    std::vector<Chunk> m_chunks;          // allocated on the first sample
    std::unique_ptr<SeriesSlot[]> m_open; // the newest chunk's steps
    std::int64_t m_capacity;
    std::int64_t m_stepMs;
    std::int64_t m_newest = emptyStep;
};

} // namespace jimini
