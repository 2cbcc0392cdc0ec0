// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "configfield.h"
#include "resilienceconfig.h"

#include <QList>
#include <QSet>

#include <initializer_list>

namespace jimini {

// The semantic rules: ranges, cross-key rules, names, the stage order. Works on a typed config, so a
// config built in code is held to the same rules as a file; paths are the JSON keys.
class ConfigValidator {
public:
    static QList<ConfigError> validate(const ResilienceConfig& config);
    // Skips every rule that involves one of these paths: they were already reported by the reader, and
    // the values there are defaults, not the document's.
    static QList<ConfigError> validate(const ResilienceConfig& config, const QSet<QString>& reported);

    static constexpr qsizetype maxPolicyNameLength = 64;
    // Bounds that make every valid config round-trip: written out in full (every key, the longest
    // values) it stays under ConfigCodec::maxDocumentSize, so its GET can be PUT back, and its health
    // document far under the console's 4 MiB. docs/config.md ("Limits") derives them.
    static constexpr qsizetype maxPolicies = 256;
    static constexpr qsizetype maxEnvironmentLength = 64; // UTF-16 code units, as QString counts
    static constexpr qsizetype maxDescriptionLength = 1024;

    // [A-Za-z0-9_.-]{1,64}, but not "." or "..".
    static bool isValidPolicyName(const QString& name);

private:
    explicit ConfigValidator(const QSet<QString>& reported)
        : m_reported(reported) {}

    template <class O>
    void checkFields(std::span<const ConfigField<O>> fields, const O& options, const QString& path);
    void checkPolicy(const PipelineOptions& pipeline, const QString& path);
    void checkRetry(const RetryOptions& o, const QString& path);
    void checkBreaker(const CircuitBreakerOptions& o, const QString& path);
    void checkTimeout(const TimeoutOptions& o, const QString& path);
    void checkRateLimit(const RateLimiterOptions& o, const QString& path);
    void checkOrder(const PipelineOptions& pipeline, const QString& path);
    // "path must be >= otherKey" style rules, stated in seconds or plain numbers.
    void requireAtLeast(const QString& path, double value, const QString& otherKey, double other,
                        const QString& otherPath, const QString& condition = {});
    void fail(const QString& path, const QString& message, std::initializer_list<QString> involved = {});

    const QSet<QString>& m_reported;
    QList<ConfigError> m_errors;
};

} // namespace jimini
