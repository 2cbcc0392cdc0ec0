// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace jimini::bench {

// Heap allocations made by this process so far (global operator new is replaced in alloccounter.cpp).
std::uint64_t allocationCount() noexcept;

} // namespace jimini::bench
