// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/splitmix.h"

namespace jimini {

// Standard normal draws by Marsaglia and Tsang's ziggurat (128 layers): about 99 % of draws take one
// random word, a table lookup and a multiplication; only the rest need a logarithm or an exponential.
// Box-Muller needs a logarithm, a square root and a cosine for every draw, and was most of a replay's
// latency sampling. Deterministic: the same generator state gives the same draw on any machine.
class StandardNormal {
public:
    static double draw(SplitMix64& random) noexcept;
};

} // namespace jimini
