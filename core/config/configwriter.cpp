// SPDX-License-Identifier: GPL-3.0-or-later
#include "configwriter.h"

#include "configschema.h"

#include <QJsonArray>

#include <algorithm>

namespace jimini {

namespace {

template <class O, class Special>
ConfigTree writeFields(std::span<const ConfigField<O>> fields, const O& options, Special&& special) {
    ConfigTree tree = ConfigTree::object();
    for (const auto& f : fields)
        tree.insert(f.name(),
                    f.kind == FieldKind::Special ? special(f.name()) : ConfigTree(f.write(options)));
    return tree;
}

template <class O> ConfigTree writeFields(std::span<const ConfigField<O>> fields, const O& options) {
    return writeFields(fields, options, [](const QString&) { return ConfigTree(); });
}

ConfigTree writeRetry(const RetryOptions& o) {
    return writeFields(ConfigSchema::retry(), o, [&](const QString& key) {
        if (key == QLatin1String("randomize"))
            return ConfigTree(o.jitter != JitterKind::None);
        ConfigTree budget = writeFields(ConfigSchema::budget(o.budget), o);
        ConfigTree tree = ConfigTree::object();
        tree.insert(ConfigSchema::budgetKind().name(), ConfigSchema::budgetKind().write(o));
        for (const auto& [k, v] : budget.members())
            tree.insert(k, v);
        return tree;
    });
}

ConfigTree writeRateLimit(const RateLimiterOptions& o) {
    return writeFields(ConfigSchema::rateLimit(), o, [&](const QString&) {
        return o.adaptive ? writeFields(ConfigSchema::adaptive(), o) : ConfigTree(false);
    });
}

template <class O, class Writer> ConfigTree stage(const std::optional<O>& options, Writer&& writer) {
    return options ? writer(*options) : ConfigTree(QJsonValue(QJsonValue::Null));
}

} // namespace

ConfigTree ConfigWriter::write(const PipelineOptions& p) {
    ConfigTree tree = ConfigTree::object();
    tree.insert(QStringLiteral("retry"), stage(p.retry, writeRetry));
    tree.insert(QStringLiteral("circuit_breaker"),
                stage(p.circuitBreaker, [](const CircuitBreakerOptions& o) {
                    return writeFields(ConfigSchema::circuitBreaker(), o);
                }));
    tree.insert(QStringLiteral("timeout"), stage(p.timeout, [](const TimeoutOptions& o) {
                    return writeFields(ConfigSchema::timeout(), o);
                }));
    tree.insert(QStringLiteral("bulkhead"), stage(p.bulkhead, [](const BulkheadOptions& o) {
                    return writeFields(ConfigSchema::bulkhead(), o);
                }));
    tree.insert(QStringLiteral("rate_limit"), stage(p.rateLimit, writeRateLimit));
    QJsonArray order;
    for (const Stage s : p.order)
        order.append(ConfigSchema::stageName(s));
    tree.insert(QStringLiteral("order"), ConfigTree(order));
    return tree;
}

ConfigTree ConfigWriter::write(const ResilienceConfig& config) {
    // Sorted here too, so that a config built in code in any order still saves the same way.
    std::vector<const PolicyConfig*> sorted;
    for (const PolicyConfig& policy : config.policies)
        sorted.push_back(&policy);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
    ConfigTree policies = ConfigTree::object();
    for (const PolicyConfig* policy : sorted)
        policies.insert(policy->name, write(policy->pipeline));
    ConfigTree tree = ConfigTree::object();
    tree.insert(QStringLiteral("environment"), ConfigTree(config.environment));
    tree.insert(QStringLiteral("description"), ConfigTree(config.description));
    tree.insert(QStringLiteral("policies"), std::move(policies));
    return tree;
}

} // namespace jimini
