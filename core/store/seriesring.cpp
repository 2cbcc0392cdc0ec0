// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/seriesring.h"
#include "policy/floordiv.h"

#include <algorithm>
#include <array>

namespace jimini {

namespace {
constexpr std::int64_t chunkSteps = ChunkCodec::steps;

} // namespace

SeriesRing::Chunk::Chunk(Chunk&& other) noexcept
    : m_payload(other.m_payload)
    , m_number(other.m_number)
    , m_size(other.m_size)
    , m_held(other.m_held)
    , m_constant(other.m_constant) {
    other.m_size = 0;
    other.m_constant = false;
}

void SeriesRing::Chunk::release() noexcept {
    if (!m_constant && m_size != 0)
        delete[] m_payload.bytes;
    m_payload.bytes = nullptr;
    m_size = 0;
    m_constant = false;
}

void SeriesRing::Chunk::hold(std::int64_t number) noexcept {
    release();
    m_number = std::int32_t(number);
    m_held = true;
}

void SeriesRing::Chunk::store(const SeriesSlot* cells) {
    release();
    float value = 0;
    if (ChunkCodec::isFullConstant(cells, value)) {
        m_constant = true;
        m_payload.constant = value;
        return;
    }
    ChunkCodec::Packed packed = ChunkCodec::pack(cells);
    m_size = packed.size;
    m_payload.bytes = packed.bytes.release();
}

void SeriesRing::Chunk::unpack(SeriesSlot* cells) const noexcept {
    if (m_constant)
        ChunkCodec::unpackConstant(m_payload.constant, cells);
    else
        ChunkCodec::unpack(m_payload.bytes, m_size, cells);
}

SeriesRing::SeriesRing(std::int64_t stepMs, std::size_t capacity)
    : m_capacity(std::int64_t(capacity))
    , m_stepMs(stepMs) {
    static_assert(sizeof(Chunk) == 16, "82 chunks a series at 2,000 instances: every byte counts");
}

std::size_t SeriesRing::chunkCountFor(std::size_t capacity) noexcept {
    // One more than the capacity needs: the newest chunk is only partly filled.
    return (capacity + chunkSteps - 1) / chunkSteps + 1;
}

std::size_t SeriesRing::worstCaseBytes(std::size_t capacity) noexcept {
    const std::size_t chunks = chunkCountFor(capacity);
    return chunks * sizeof(Chunk) + chunkSteps * sizeof(SeriesSlot) +
           (chunks - 1) * (8 + 1 + 3 * (1 + 1 + 8 + chunkSteps * sizeof(float)));
}

std::int64_t SeriesRing::stepOf(std::int64_t timeMs) const noexcept {
    return floorDiv(timeMs, m_stepMs); // a negative time still lands in the step that starts before it
}

std::int64_t SeriesRing::chunkOf(std::int64_t step) noexcept {
    return floorDiv(step, chunkSteps);
}

std::size_t SeriesRing::chunkIndex(std::int64_t number) const noexcept {
    return std::size_t(floorMod(number, std::int64_t(m_chunks.size())));
}

void SeriesRing::open(std::int64_t number) {
    chunkAt(number).hold(number);
    std::fill(m_open.get(), m_open.get() + chunkSteps, SeriesSlot{});
}

void SeriesRing::seal(std::int64_t number) {
    chunkAt(number).store(m_open.get());
}

void SeriesRing::merge(SeriesSlot& slot, float value, bool keepMax) noexcept {
    if (slot.count == 0) {
        slot = SeriesSlot{value, value, value, 1};
        return;
    }
    ++slot.count;
    slot.min = std::min(slot.min, value);
    slot.max = std::max(slot.max, value);
    slot.value = keepMax ? slot.max : slot.value + (value - slot.value) / float(slot.count);
}

SeriesRing::Placement SeriesRing::add(std::int64_t timeMs, float value, bool keepMax) {
    const std::int64_t step = stepOf(timeMs);
    Placement placement = Placement::Newer;
    if (m_newest == emptyStep) {
        m_chunks.resize(chunkCountFor(std::size_t(m_capacity)));
        m_open = std::make_unique<SeriesSlot[]>(chunkSteps);
        open(chunkOf(step));
        m_newest = step;
    } else if (step > m_newest) {
        const std::int64_t newestChunk = chunkOf(m_newest);
        if (chunkOf(step) != newestChunk) {
            seal(newestChunk);
            open(chunkOf(step));
        }
        m_newest = step;
    } else if (step == m_newest) {
        placement = Placement::Same;
    } else if (step > m_newest - m_capacity) {
        placement = Placement::Older;
    } else {
        return Placement::TooOld;
    }
    const auto offset = std::size_t(floorMod(step, chunkSteps));
    const std::int64_t number = chunkOf(step);
    if (number == chunkOf(m_newest)) {
        merge(m_open[offset], value, keepMax);
        return placement;
    }
    // A late sample for a packed chunk (or for one skipped in a gap): unpack, merge, pack again.
    Chunk& chunk = chunkAt(number);
    std::array<SeriesSlot, chunkSteps> cells;
    if (chunk.holds(number)) {
        chunk.unpack(cells.data());
    } else {
        cells.fill(SeriesSlot{});
        chunk.hold(number);
    }
    merge(cells[offset], value, keepMax);
    chunk.store(cells.data());
    return placement;
}

bool SeriesRing::covers(std::int64_t fromMs) const noexcept {
    return !isEmpty() && stepOf(fromMs) >= m_newest - m_capacity;
}

void SeriesRing::copy(std::int64_t fromMs, std::int64_t toMs, bool keepMax,
                      std::vector<SeriesPoint>& out) const {
    out.clear();
    if (isEmpty() || toMs < fromMs)
        return;
    const std::int64_t first = std::max(stepOf(fromMs), m_newest - m_capacity + 1);
    const std::int64_t last = std::min(stepOf(toMs), m_newest);
    if (first > last)
        return;
    const std::int64_t newestChunk = chunkOf(m_newest);
    std::array<SeriesSlot, chunkSteps> unpacked;
    for (std::int64_t number = chunkOf(first); number <= chunkOf(last); ++number) {
        const SeriesSlot* cells = m_open.get();
        if (number != newestChunk) {
            const Chunk& chunk = chunkAt(number);
            if (!chunk.holds(number))
                continue;
            chunk.unpack(unpacked.data());
            cells = unpacked.data();
        }
        const std::int64_t base = number * chunkSteps;
        for (std::int64_t s = std::max(first, base); s <= std::min(last, base + chunkSteps - 1); ++s) {
            const SeriesSlot& slot = cells[s - base];
            if (slot.count != 0)
                out.push_back(SeriesPoint{s * m_stepMs, keepMax ? slot.max : slot.value, slot.min, slot.max});
        }
    }
}

std::size_t SeriesRing::memoryBytes() const noexcept {
    std::size_t bytes = m_chunks.capacity() * sizeof(Chunk) + (m_open ? chunkSteps * sizeof(SeriesSlot) : 0);
    for (const Chunk& chunk : m_chunks)
        bytes += chunk.allocatedBytes();
    return bytes;
}

} // namespace jimini
