// SPDX-License-Identifier: GPL-3.0-or-later
// The event-stream decoder of the health sources (SseDecoder, with the product's limit, the health
// document's size). Bytes arrive cut anywhere, so the input says where to cut: its first byte gives the
// number of cuts (low 3 bits), the next two bytes per cut an offset into the stream, which is the rest.
// Cutting must not change what is decoded; a decoder with a small limit must decode a prefix of the same
// events, none over its limit, and stop.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "health/healthcodec.h"
#include "net/ssedecoder.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {
constexpr qsizetype kSmallLimit = 64;

bool same(const jimini::SseMessage& a, const jimini::SseMessage& b) {
    return a.id == b.id && a.type == b.type && a.data == b.data;
}

std::vector<jimini::SseMessage> feedInPieces(jimini::SseDecoder& decoder, const QByteArray& stream,
                                             const std::vector<qsizetype>& cuts) {
    std::vector<jimini::SseMessage> events;
    qsizetype from = 0;
    for (qsizetype to : cuts) {
        for (jimini::SseMessage& m : decoder.feed(stream.sliced(from, to - from)))
            events.push_back(std::move(m));
        from = to;
    }
    for (jimini::SseMessage& m : decoder.feed(stream.sliced(from)))
        events.push_back(std::move(m));
    return events;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size < 1)
        return -1;
    const std::size_t cutCount = data[0] & 7u;
    const std::size_t header = 1 + 2 * cutCount;
    if (size < header)
        return -1;
    const QByteArray stream(reinterpret_cast<const char*>(data + header), qsizetype(size - header));
    std::vector<qsizetype> cuts;
    for (std::size_t i = 0; i < cutCount; ++i) {
        const std::size_t offset = std::size_t(data[1 + 2 * i]) | std::size_t(data[2 + 2 * i]) << 8;
        cuts.push_back(qsizetype(offset % (std::size_t(stream.size()) + 1)));
    }
    std::sort(cuts.begin(), cuts.end());

    SseDecoder whole(HealthCodec::maxDocumentSize);
    const std::vector<SseMessage> expected = whole.feed(stream);

    SseDecoder cut(HealthCodec::maxDocumentSize);
    const std::vector<SseMessage> events = feedInPieces(cut, stream, cuts);
    fuzz::require(events.size() == expected.size() &&
                      std::equal(events.begin(), events.end(), expected.begin(), same),
                  "cutting the stream does not change its events");
    fuzz::require(cut.lastEventId() == whole.lastEventId() && cut.retryMs() == whole.retryMs() &&
                      cut.overflowed() == whole.overflowed(),
                  "cutting the stream does not change the last id, the retry or the overflow");

    SseDecoder small(kSmallLimit);
    const std::vector<SseMessage> bounded = feedInPieces(small, stream, cuts);
    fuzz::require(bounded.size() <= expected.size() &&
                      std::equal(bounded.begin(), bounded.end(), expected.begin(), same),
                  "a smaller limit decodes a prefix of the same events");
    fuzz::require(small.overflowed() || bounded.size() == expected.size(),
                  "a smaller limit loses events only by refusing the stream");
    for (const SseMessage& m : bounded)
        fuzz::require(m.data.size() <= kSmallLimit, "no event's data is over the limit");
    if (small.overflowed())
        fuzz::require(small.feed(stream).empty(), "a refused stream decodes nothing more");
    return 0;
}
