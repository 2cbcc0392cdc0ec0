// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chunkcodec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace jimini {

namespace {

enum class Kind : std::uint8_t { Constant, Scaled8, Scaled16, Quantized12, Raw };
constexpr std::array<double, 5> scales{1, 10, 100, 1000, 10000};
constexpr std::uint8_t singleStream = 1; // every point has min == mean == max

// Worst case: mask, layout, three raw streams.
constexpr std::size_t maxPackedSize = 8 + 1 + 3 * (1 + 1 + 8 + ChunkCodec::steps * 4);

class Writer {
public:
    explicit Writer(std::uint8_t* out) noexcept
        : m_out(out) {}
    template <typename T> void put(T v) noexcept {
        std::memcpy(m_out + m_size, &v, sizeof v);
        m_size += sizeof v;
    }
    std::size_t size() const noexcept { return m_size; }

private:
    std::uint8_t* m_out;
    std::size_t m_size = 0;
};

class Reader {
public:
    explicit Reader(const std::uint8_t* in) noexcept
        : m_in(in) {}
    template <typename T> T get() noexcept {
        T v;
        std::memcpy(&v, m_in + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }

private:
    const std::uint8_t* m_in;
    std::size_t m_pos = 0;
};

// Decimal codes decode to the nearest float of the decimal, which is what parsing the JSON gave.
float scaledValue(double base, double q, double scale) noexcept {
    return float((base + q) / scale);
}

constexpr double quantizedTop = 4095; // 12 bits: two codes in three bytes

float quantizedValue(float lo, float hi, double q) noexcept {
    return std::clamp(float(double(lo) + q * (double(hi) - double(lo)) / quantizedTop), lo, hi);
}

// The smallest scale 10^k that gives every value exactly as base + q, q in 0..65535; -1: none does.
int exactScale(const float* v, int n, float lo, double& base, double& maxQ) noexcept {
    for (std::size_t k = 0; k < scales.size(); ++k) {
        base = std::round(double(lo) * scales[k]);
        if (std::abs(base) > 2e9)
            continue;
        maxQ = 0;
        bool exact = true;
        for (int i = 0; i < n && exact; ++i) {
            const double q = std::round(double(v[i]) * scales[k]) - base;
            exact = q >= 0 && q <= 65535 && scaledValue(base, q, scales[k]) == v[i];
            maxQ = std::max(maxQ, q);
        }
        if (exact)
            return int(k);
    }
    return -1;
}

void writeStream(Writer& w, const float* v, int n) noexcept {
    if (std::all_of(v, v + n, [&](float x) { return std::memcmp(&x, v, sizeof x) == 0; })) {
        w.put(Kind::Constant);
        w.put(v[0]);
        return;
    }
    if (!std::all_of(v, v + n, [](float x) { return std::isfinite(x); })) {
        w.put(Kind::Raw);
        for (int i = 0; i < n; ++i)
            w.put(v[i]);
        return;
    }
    // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in a lambda.
    const auto bounds = std::minmax_element(v, v + n);
    const auto lo = bounds.first;
    const auto hi = bounds.second;
    double base = 0;
    double maxQ = 0;
    if (const int k = exactScale(v, n, *lo, base, maxQ); k >= 0) {
        const bool narrow = maxQ <= 255;
        w.put(narrow ? Kind::Scaled8 : Kind::Scaled16);
        w.put(std::uint8_t(k));
        w.put(std::int32_t(base));
        for (int i = 0; i < n; ++i) {
            const double q = std::round(double(v[i]) * scales[std::size_t(k)]) - base;
            if (narrow)
                w.put(std::uint8_t(q));
            else
                w.put(std::uint16_t(q));
        }
        return;
    }
    w.put(Kind::Quantized12);
    w.put(*lo);
    w.put(*hi);
    const double range = double(*hi) - double(*lo);
    const auto code = [&](int i) {
        return i < n ? unsigned(std::lround((double(v[i]) - double(*lo)) / range * quantizedTop)) : 0u;
    };
    for (int i = 0; i < n; i += 2) {
        const unsigned a = code(i);
        const unsigned b = code(i + 1);
        w.put(std::uint8_t(a & 0xff));
        w.put(std::uint8_t(a >> 8 | (b & 0x0f) << 4));
        if (i + 1 < n)
            w.put(std::uint8_t(b >> 4));
    }
}

void readStream(Reader& r, float* v, int n) noexcept {
    const auto kind = r.get<Kind>();
    switch (kind) {
    case Kind::Constant:
        std::fill(v, v + n, r.get<float>());
        return;
    case Kind::Scaled8:
    case Kind::Scaled16: {
        const double scale = scales[r.get<std::uint8_t>()];
        const double base = double(r.get<std::int32_t>());
        for (int i = 0; i < n; ++i) {
            const double q =
                kind == Kind::Scaled8 ? double(r.get<std::uint8_t>()) : double(r.get<std::uint16_t>());
            v[i] = scaledValue(base, q, scale);
        }
        return;
    }
    case Kind::Quantized12: {
        const float lo = r.get<float>();
        const float hi = r.get<float>();
        for (int i = 0; i < n; i += 2) {
            const unsigned b0 = r.get<std::uint8_t>();
            const unsigned b1 = r.get<std::uint8_t>();
            v[i] = quantizedValue(lo, hi, double(b0 | (b1 & 0x0f) << 8));
            if (i + 1 < n)
                v[i + 1] = quantizedValue(lo, hi, double(b1 >> 4 | unsigned(r.get<std::uint8_t>()) << 4));
        }
        return;
    }
    case Kind::Raw:
        for (int i = 0; i < n; ++i)
            v[i] = r.get<float>();
        return;
    }
}

} // namespace

ChunkCodec::Packed ChunkCodec::pack(const SeriesSlot* cells) {
    std::uint64_t mask = 0;
    std::array<float, steps> mean{};
    std::array<float, steps> min{};
    std::array<float, steps> max{};
    int n = 0;
    bool single = true;
    for (int i = 0; i < steps; ++i) {
        const SeriesSlot& s = cells[i];
        if (s.count == 0)
            continue;
        mask |= std::uint64_t(1) << i;
        mean[std::size_t(n)] = s.value;
        min[std::size_t(n)] = s.min;
        max[std::size_t(n)] = s.max;
        single = single && s.min == s.value && s.max == s.value;
        ++n;
    }
    if (n == 0)
        return {};
    std::array<std::uint8_t, maxPackedSize> buffer;
    Writer w(buffer.data());
    w.put(mask);
    w.put(std::uint8_t(single ? singleStream : 0));
    writeStream(w, mean.data(), n);
    if (!single) {
        writeStream(w, min.data(), n);
        writeStream(w, max.data(), n);
    }
    Packed packed;
    packed.size = std::uint16_t(w.size());
    packed.bytes = std::make_unique_for_overwrite<std::uint8_t[]>(w.size());
    std::memcpy(packed.bytes.get(), buffer.data(), w.size());
    return packed;
}

void ChunkCodec::unpack(const std::uint8_t* bytes, std::uint16_t size, SeriesSlot* cells) noexcept {
    std::fill(cells, cells + steps, SeriesSlot{});
    if (size == 0)
        return;
    Reader r(bytes);
    const auto mask = r.get<std::uint64_t>();
    const bool single = (r.get<std::uint8_t>() & singleStream) != 0;
    const int n = std::popcount(mask);
    std::array<float, steps> mean{};
    std::array<float, steps> min{};
    std::array<float, steps> max{};
    readStream(r, mean.data(), n);
    if (single) {
        min = mean;
        max = mean;
    } else {
        readStream(r, min.data(), n);
        readStream(r, max.data(), n);
    }
    int k = 0;
    for (int i = 0; i < steps; ++i) {
        if ((mask >> i & 1) == 0)
            continue;
        const auto j = std::size_t(k++);
        // Each field was quantized on its own: keep min <= mean <= max as they were.
        const float lo = std::min(min[j], max[j]);
        const float hi = std::max(min[j], max[j]);
        cells[i] = SeriesSlot{std::clamp(mean[j], lo, hi), lo, hi, 1};
    }
}

bool ChunkCodec::isFullConstant(const SeriesSlot* cells, float& value) noexcept {
    value = cells[0].value;
    return std::all_of(cells, cells + steps, [&](const SeriesSlot& s) {
        return s.count != 0 && std::memcmp(&s.value, &value, sizeof value) == 0 && s.min == value &&
               s.max == value;
    });
}

void ChunkCodec::unpackConstant(float value, SeriesSlot* cells) noexcept {
    std::fill(cells, cells + steps, SeriesSlot{value, value, value, 1});
}

} // namespace jimini
