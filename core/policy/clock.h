// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

namespace jimini {

using Duration = std::chrono::nanoseconds;
using TimePoint = std::chrono::time_point<std::chrono::steady_clock, Duration>;

constexpr double toSeconds(Duration d) noexcept {
    return std::chrono::duration<double>(d).count();
}

// Every policy reads time through a Clock so that the same code runs in real and in virtual time.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const noexcept = 0;
};

class SteadyClock final : public Clock {
public:
    TimePoint now() const noexcept override { return std::chrono::steady_clock::now(); }
    static SteadyClock& instance() noexcept;
};

} // namespace jimini
