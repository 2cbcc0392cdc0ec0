// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "configfield.h"
#include "resilienceconfig.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace jimini {

// JSON -> config. Reports what stops a value from being read: wrong types, unknown or missing keys,
// unknown names, numbers no field can hold, keys that contradict each other. Ranges and cross-key rules
// are ConfigValidator's, so that a config built in code gets exactly the same checks.
class ConfigReader {
public:
    static ResilienceConfig read(const QJsonObject& root, QList<ConfigError>& errors);

private:
    explicit ConfigReader(QList<ConfigError>& errors)
        : m_errors(errors) {}

    template <class O, class Special>
    void readFields(const QJsonObject& object, std::span<const ConfigField<O>> fields, O& options,
                    const QString& path, Special&& special);
    template <class O>
    void readFields(const QJsonObject& object, std::span<const ConfigField<O>> fields, O& options,
                    const QString& path);

    PipelineOptions readPolicy(const QJsonObject& object, const QString& path);
    std::optional<RetryOptions> readRetry(const QJsonValue& value, const QString& path);
    void readBudget(const QJsonValue& value, RetryOptions& options, const QString& path);
    std::optional<CircuitBreakerOptions> readBreaker(const QJsonValue& value, const QString& path);
    std::optional<TimeoutOptions> readTimeout(const QJsonValue& value, const QString& path);
    std::optional<BulkheadOptions> readBulkhead(const QJsonValue& value, const QString& path);
    std::optional<RateLimiterOptions> readRateLimit(const QJsonValue& value, const QString& path);
    void readOrder(const QJsonValue& value, PipelineOptions& pipeline, const QString& path);

    // A stage that is absent or null is off; anything but an object is a type error.
    std::optional<QJsonObject> stageObject(const QJsonValue& value, const QString& path);
    bool hasError(const QString& path) const;
    void fail(const QString& path, const QString& message) { m_errors.append({path, message}); }

    QList<ConfigError>& m_errors;
};

} // namespace jimini
