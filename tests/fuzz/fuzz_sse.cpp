// SPDX-License-Identifier: GPL-3.0-or-later
// The event-stream decoder of the health sources (SseDecoder, with the product's limit, the health
// document's size). Bytes arrive cut anywhere, so the input says where to cut: its first byte gives the
// number of cuts (low 3 bits), the next two bytes per cut an offset into the stream, which is the rest.
// Cutting must not change what is decoded; a decoder with a small limit must decode a prefix of the same
// events, none over its limit, and stop.
#include "fuzzbudget.h"
#include "fuzzcuts.h"
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
    const std::optional<fuzz::CutStream> input = fuzz::cutStream(data, size);
    if (!input)
        return -1;
    const QByteArray& stream = input->stream;
    const std::vector<qsizetype>& cuts = input->cuts;

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
