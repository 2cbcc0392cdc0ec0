// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fallbackresult.h"

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace jimini {

// Stands in for a failed call: a chain of alternates tried in the order they were added (alternate
// operation, last-good cache, default value). Sits around the whole pipeline, as in the guide.
template <class T> class Fallback {
public:
    using Alternate = std::function<std::optional<T>(const Outcome&)>;

    Fallback& withAlternate(Alternate alternate) {
        m_chain.push_back(Link{Kind::Alternate, std::move(alternate)});
        return *this;
    }
    // Remembers every primary success; stands in with it while it is younger than ttl.
    Fallback& withCache(Duration ttl) {
        m_cacheTtl = ttl;
        m_chain.push_back(Link{Kind::Cache, {}});
        return *this;
    }
    Fallback& withDefault(T value) {
        m_default = std::move(value);
        m_chain.push_back(Link{Kind::Default, {}});
        return *this;
    }
    // Which failures the fallback covers. Business errors are an answer, not an outage: left alone.
    Fallback& handling(std::uint32_t categories) {
        m_categories = categories;
        return *this;
    }

    // primary holds the operation's value when outcome is a success.
    FallbackResult<T> resolve(const Outcome& outcome, std::optional<T> primary, TimePoint now) {
        if (outcome.ok()) {
            if (m_cacheTtl && primary) {
                std::lock_guard lock(m_cacheMutex);
                m_cached = primary;
                m_cachedAt = now;
            }
            return {std::move(primary), outcome, ResultSource::Primary};
        }
        if (!(m_categories & categoryBit(outcome.category)))
            return {std::nullopt, outcome, ResultSource::None};
        for (const Link& link : m_chain) {
            if (auto result = tryLink(link, outcome, now); result.value)
                return result;
        }
        return {std::nullopt, outcome, ResultSource::None};
    }

    std::size_t chainLength() const noexcept { return m_chain.size(); }

private:
    enum class Kind : std::uint8_t { Alternate, Cache, Default };
    struct Link {
        Kind kind;
        Alternate alternate;
    };

    FallbackResult<T> tryLink(const Link& link, const Outcome& outcome, TimePoint now) {
        switch (link.kind) {
        case Kind::Alternate:
            return {link.alternate(outcome), outcome, ResultSource::Fallback};
        case Kind::Cache: {
            std::lock_guard lock(m_cacheMutex);
            if (m_cached && now - m_cachedAt <= *m_cacheTtl)
                return {m_cached, outcome, ResultSource::Cache};
            return {std::nullopt, outcome, ResultSource::None};
        }
        case Kind::Default:
            return {m_default, outcome, ResultSource::Default};
        }
        return {std::nullopt, outcome, ResultSource::None};
    }

    std::vector<Link> m_chain;
    std::uint32_t m_categories =
        ~categoryBit(ErrorCategory::BusinessLogic) & ~categoryBit(ErrorCategory::None);
    std::optional<Duration> m_cacheTtl;
    std::optional<T> m_default;
    std::mutex m_cacheMutex;
    std::optional<T> m_cached;
    TimePoint m_cachedAt{};
};

} // namespace jimini
