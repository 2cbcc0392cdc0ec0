// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's HTTP request reader (HttpRequestReader), read the way HttpConnection reads it: the head,
// then the body, then the next pipelined request, until a refusal. Bytes arrive cut anywhere, so the
// input says where to cut: its first byte gives the number of cuts (low 3 bits), the next two bytes per
// cut an offset into the stream, which is the rest. Cutting must not change what is read; every request
// read must be within the limits; a refusal names its status and why.
#include "fuzzbudget.h"
#include "fuzzcuts.h"
#include "fuzzrequire.h"

#include "serve/httprequestreader.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {
struct Read {
    QByteArray method;
    QString path;
    QByteArray body;
    int status = 0; // the refusal, 0 for a request read whole
    bool operator==(const Read&) const = default;
};

jimini::HttpLimits smallLimits() {
    jimini::HttpLimits l;
    l.maxRequestLineBytes = 256;
    l.maxHeadBytes = 1024;
    l.maxHeaderCount = 16;
    l.maxBodyBytes = 2048;
    l.maxChunkLineBytes = 64;
    return l;
}

std::vector<Read> readAll(const QByteArray& stream, const std::vector<qsizetype>& cuts,
                          const jimini::HttpLimits& limits) {
    using jimini::HttpRequestReader;
    HttpRequestReader reader(limits);
    std::vector<Read> reads;
    std::vector<qsizetype> ends = cuts;
    ends.push_back(stream.size());
    qsizetype at = 0;
    for (qsizetype end : ends) {
        while (at < end) {
            const qsizetype before = at;
            at += reader.feed(QByteArrayView(stream).sliced(at, end - at));
            jimini::fuzz::require(at <= end, "the reader takes no more than it is given");
            switch (reader.state()) {
            case HttpRequestReader::State::HeadComplete:
                reader.readBody();
                break;
            case HttpRequestReader::State::Complete: {
                const jimini::HttpRequestHead& h = reader.head();
                Read r{h.method, h.path, reader.takeBody(), 0};
                jimini::fuzz::require(r.body.size() <= limits.maxBodyBytes, "no body over the limit");
                jimini::fuzz::require(h.headers.size() <= limits.maxHeaderCount,
                                      "no more header fields than the limit");
                jimini::fuzz::require(!(h.chunked && h.contentLength >= 0), "never both framings");
                jimini::fuzz::require(h.chunked || r.body.size() == std::max<qint64>(h.contentLength, 0),
                                      "a Content-Length body is exactly that long");
                reads.push_back(std::move(r));
                reader.reset();
                break;
            }
            case HttpRequestReader::State::Failed:
                jimini::fuzz::require(reader.error().status >= 400 && reader.error().status < 600,
                                      "a refusal is a 4xx or 5xx");
                jimini::fuzz::require(!reader.error().detail.isEmpty(), "a refusal says why");
                reads.push_back(Read{reader.head().method, {}, {}, reader.error().status});
                return reads;
            case HttpRequestReader::State::Head:
            case HttpRequestReader::State::Body:
                jimini::fuzz::require(at > before || at == end,
                                      "the reader takes what it is given while reading");
                break;
            }
        }
    }
    return reads;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const jimini::fuzz::FuzzBudget budget;
    const std::optional<jimini::fuzz::CutStream> input = jimini::fuzz::cutStream(data, size);
    if (!input)
        return -1;
    const QByteArray& stream = input->stream;
    const std::vector<qsizetype>& cuts = input->cuts;

    const jimini::HttpLimits limits = smallLimits();
    const std::vector<Read> whole = readAll(stream, {}, limits);
    const std::vector<Read> pieces = readAll(stream, cuts, limits);
    jimini::fuzz::require(whole == pieces, "cutting the stream does not change what is read");
    // The product's own limits read the same input too (larger limits: fewer refusals, never a crash).
    readAll(stream, cuts, jimini::HttpLimits());
    return 0;
}
