// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>

namespace jimini::fuzz {

// A property every input must keep (a round trip, chunking not changing the result). A broken one aborts,
// so libFuzzer keeps the input as a crash, like a sanitizer report.
inline void require(bool holds, const char* property) {
    if (holds)
        return;
    std::fprintf(stderr, "jimini-fuzz: property broken: %s\n", property);
    std::abort();
}

} // namespace jimini::fuzz
