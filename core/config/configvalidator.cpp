// SPDX-License-Identifier: GPL-3.0-or-later
#include "configvalidator.h"

#include "configschema.h"
#include "configtext.h"

#include <algorithm>
#include <array>

namespace jimini {

namespace {
QString key(const QString& path, const char* name) {
    return ConfigText::join(path, QString::fromLatin1(name));
}

// URLs resolve these away (RFC 3986 5.2.4): /breakers/../state would never reach the policy.
bool isDotSegment(const QString& name) {
    return name == QLatin1String(".") || name == QLatin1String("..");
}
} // namespace

QList<ConfigError> ConfigValidator::validate(const ResilienceConfig& config) {
    return validate(config, {});
}

QList<ConfigError> ConfigValidator::validate(const ResilienceConfig& config, const QSet<QString>& reported) {
    ConfigValidator v(reported);
    if (config.environment.isEmpty())
        v.fail(QStringLiteral("environment"), QStringLiteral("must not be empty"));
    else if (config.environment.size() > maxEnvironmentLength)
        v.fail(QStringLiteral("environment"), QStringLiteral("must be at most %1 characters (got %2)")
                                                  .arg(maxEnvironmentLength)
                                                  .arg(config.environment.size()));
    if (config.description.size() > maxDescriptionLength)
        v.fail(QStringLiteral("description"), QStringLiteral("must be at most %1 characters (got %2)")
                                                  .arg(maxDescriptionLength)
                                                  .arg(config.description.size()));
    const QString policies = QStringLiteral("policies");
    if (config.policies.empty())
        v.fail(policies, QStringLiteral("must contain at least one policy"));
    else if (qsizetype(config.policies.size()) > maxPolicies)
        v.fail(policies, QStringLiteral("must contain at most %1 policies (got %2)")
                             .arg(maxPolicies)
                             .arg(config.policies.size()));
    QSet<QString> seen;
    for (const PolicyConfig& policy : config.policies) {
        const QString path = ConfigText::join(policies, policy.name);
        if (isDotSegment(policy.name))
            v.fail(path, QStringLiteral("policy name must not be \".\" or \"..\" (it names a path segment "
                                        "in the breaker URL)"));
        else if (!isValidPolicyName(policy.name))
            v.fail(path, QStringLiteral("policy name must match [A-Za-z0-9_.-]{1,64}"));
        if (seen.contains(policy.name))
            v.fail(path, QStringLiteral("duplicate policy name"));
        seen.insert(policy.name);
        v.checkPolicy(policy.pipeline, path);
    }
    return v.m_errors;
}

bool ConfigValidator::isValidPolicyName(const QString& name) {
    if (name.isEmpty() || name.size() > maxPolicyNameLength || isDotSegment(name))
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
               u == u'_' || u == u'.' || u == u'-';
    });
}

template <class O>
void ConfigValidator::checkFields(std::span<const ConfigField<O>> fields, const O& options,
                                  const QString& path) {
    for (const auto& f : fields) {
        const QString at = ConfigText::join(path, f.name());
        if (m_reported.contains(at))
            continue;
        f.check(options, at, m_errors);
    }
}

void ConfigValidator::checkPolicy(const PipelineOptions& p, const QString& path) {
    if (p.retry)
        checkRetry(*p.retry, key(path, "retry"));
    if (p.circuitBreaker)
        checkBreaker(*p.circuitBreaker, key(path, "circuit_breaker"));
    if (p.timeout)
        checkTimeout(*p.timeout, key(path, "timeout"));
    if (p.bulkhead)
        checkFields(ConfigSchema::bulkhead(), *p.bulkhead, key(path, "bulkhead"));
    if (p.rateLimit)
        checkRateLimit(*p.rateLimit, key(path, "rate_limit"));
    checkOrder(p, key(path, "order"));
}

void ConfigValidator::checkRetry(const RetryOptions& o, const QString& path) {
    checkFields(ConfigSchema::retry(), o, path);
    requireAtLeast(key(path, "max_delay"), ConfigText::seconds(o.maxDelay), QStringLiteral("initial_delay"),
                   ConfigText::seconds(o.initialDelay), key(path, "initial_delay"));
    const QString budget = key(path, "budget");
    const std::array kind{ConfigSchema::budgetKind()};
    checkFields(std::span<const ConfigField<RetryOptions>>(kind), o, budget);
    checkFields(ConfigSchema::budget(o.budget), o, budget);
}

void ConfigValidator::checkBreaker(const CircuitBreakerOptions& o, const QString& path) {
    checkFields(ConfigSchema::circuitBreaker(), o, path);
    requireAtLeast(key(path, "max_recovery_timeout"), ConfigText::seconds(o.maxOpenDuration),
                   QStringLiteral("recovery_timeout"), ConfigText::seconds(o.openDuration),
                   key(path, "recovery_timeout"));
}

void ConfigValidator::checkTimeout(const TimeoutOptions& o, const QString& path) {
    checkFields(ConfigSchema::timeout(), o, path);
    const QString perAttempt = key(path, "per_attempt");
    const QString overall = key(path, "overall");
    if (o.perAttempt == Duration::zero() && o.overall == Duration::zero())
        fail(path,
             QStringLiteral(
                 "must be > 0: per_attempt and overall cannot both be 0 (use null to turn the stage off)"),
             {perAttempt, overall});
    else if (o.perAttempt > Duration::zero() && o.overall > Duration::zero())
        requireAtLeast(overall, ConfigText::seconds(o.overall), QStringLiteral("per_attempt"),
                       ConfigText::seconds(o.perAttempt), perAttempt, QStringLiteral(" when both are set"));
}

void ConfigValidator::checkRateLimit(const RateLimiterOptions& o, const QString& path) {
    checkFields(ConfigSchema::rateLimit(), o, path);
    if (!o.adaptive)
        return;
    const QString adaptive = key(path, "adaptive");
    checkFields(ConfigSchema::adaptive(), o, adaptive);
    const QString low = key(adaptive, "low_error_rate");
    if (!(o.adaptLowErrorRate < o.adaptHighErrorRate))
        fail(low,
             QStringLiteral("must be < high_error_rate (%1) (got %2)")
                 .arg(ConfigText::number(o.adaptHighErrorRate), ConfigText::number(o.adaptLowErrorRate)),
             {key(adaptive, "high_error_rate")});
}

void ConfigValidator::checkOrder(const PipelineOptions& p, const QString& path) {
    std::array<bool, stageCount> seen{};
    for (std::size_t i = 0; i < p.order.size(); ++i) {
        const auto s = static_cast<std::size_t>(p.order[i]);
        const QString at = ConfigText::index(path, static_cast<qsizetype>(i));
        if (s >= stageCount)
            fail(at, QStringLiteral("invalid stage %1").arg(s));
        else if (seen[s])
            fail(at, QStringLiteral("duplicate stage %1")
                         .arg(ConfigText::quoted(ConfigSchema::stageName(p.order[i]))));
        else
            seen[s] = true;
    }
    for (std::size_t s = 0; s < stageCount; ++s)
        if (!seen[s])
            fail(path, QStringLiteral("missing stage %1")
                           .arg(ConfigText::quoted(ConfigSchema::stageName(static_cast<Stage>(s)))));
}

void ConfigValidator::requireAtLeast(const QString& path, double value, const QString& otherKey, double other,
                                     const QString& otherPath, const QString& condition) {
    if (value >= other)
        return;
    fail(path,
         QStringLiteral("must be >= %1 (%2)%3 (got %4)")
             .arg(otherKey, ConfigText::number(other), condition, ConfigText::number(value)),
         {otherPath});
}

void ConfigValidator::fail(const QString& path, const QString& message,
                           std::initializer_list<QString> involved) {
    // A cross-key rule says nothing new when one of its keys is already wrong on its own.
    const auto alreadyWrong = [&](const QString& p) {
        return m_reported.contains(p) ||
               (involved.size() > 0 && std::any_of(m_errors.begin(), m_errors.end(),
                                                   [&](const ConfigError& e) { return e.path == p; }));
    };
    if (alreadyWrong(path) || std::any_of(involved.begin(), involved.end(), alreadyWrong))
        return;
    m_errors.append({path, message});
}

} // namespace jimini
