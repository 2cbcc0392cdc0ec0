// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace jimini::fuzz {

// A byte stream and where to cut it, both taken from a fuzz input, for parsers that are fed bytes as
// they arrive: the first byte gives the number of cuts (low 3 bits), the next two bytes per cut an offset
// into the stream, which is the rest. The cuts come sorted.
struct CutStream {
    QByteArray stream;
    std::vector<qsizetype> cuts;
};

inline std::optional<CutStream> cutStream(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return std::nullopt;
    const std::size_t cutCount = data[0] & 7u;
    const std::size_t header = 1 + 2 * cutCount;
    if (size < header)
        return std::nullopt;
    CutStream c{QByteArray(reinterpret_cast<const char*>(data + header), qsizetype(size - header)), {}};
    for (std::size_t i = 0; i < cutCount; ++i) {
        const std::size_t offset = std::size_t(data[1 + 2 * i]) | std::size_t(data[2 + 2 * i]) << 8;
        c.cuts.push_back(qsizetype(offset % (std::size_t(c.stream.size()) + 1)));
    }
    std::sort(c.cuts.begin(), c.cuts.end());
    return c;
}

} // namespace jimini::fuzz
