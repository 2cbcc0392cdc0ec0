// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <limits>

namespace jimini {

// The allowed interval of one numeric key, in the document's units (seconds for durations), with the
// wording used by every error about it, so reader and validator report the same rule the same way.
struct ConfigRange {
    double lo = -std::numeric_limits<double>::infinity();
    bool loOpen = false;
    double hi = std::numeric_limits<double>::infinity();
    bool hiOpen = false;

    static constexpr ConfigRange atLeast(double lo) { return {lo, false}; }
    static constexpr ConfigRange above(double lo) { return {lo, true}; }
    static constexpr ConfigRange closed(double lo, double hi) { return {lo, false, hi, false}; }
    static constexpr ConfigRange aboveUpTo(double lo, double hi) { return {lo, true, hi, false}; }

    bool contains(double value) const; // false for NaN and infinities
    // "must be an integer between 1 and 100 (got 0)"; noun is "an integer", "a number", ...
    QString violation(const QString& noun, double got) const;
};

} // namespace jimini
