// SPDX-License-Identifier: GPL-3.0-or-later
#include "configreader.h"

#include "configschema.h"
#include "configtext.h"

#include <QJsonArray>

#include <algorithm>

namespace jimini {

namespace {
const QString unknownKey = QStringLiteral("unknown key");
const QString randomizeKey = QStringLiteral("randomize");
const QString jitterKey = QStringLiteral("jitter");
const QString kindKey = QStringLiteral("kind");

template <class O> const ConfigField<O>* find(std::span<const ConfigField<O>> fields, const QString& key) {
    for (const auto& f : fields)
        if (key == QLatin1String(f.key))
            return &f;
    return nullptr;
}
} // namespace

template <class O, class Special>
void ConfigReader::readFields(const QJsonObject& object, std::span<const ConfigField<O>> fields, O& options,
                              const QString& path, Special&& special) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString at = ConfigText::join(path, it.key());
        const ConfigField<O>* f = find(fields, it.key());
        if (!f)
            fail(at, unknownKey);
        else if (f->kind == FieldKind::Special)
            special(it.key(), it.value(), at);
        else
            f->read(it.value(), options, at, m_errors);
    }
}

template <class O>
void ConfigReader::readFields(const QJsonObject& object, std::span<const ConfigField<O>> fields, O& options,
                              const QString& path) {
    readFields(object, fields, options, path, [](const QString&, const QJsonValue&, const QString&) {});
}

ResilienceConfig ConfigReader::read(const QJsonObject& root, QList<ConfigError>& errors) {
    ConfigReader reader(errors);
    ResilienceConfig config;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString& key = it.key();
        const bool isEnvironment = key == QLatin1String("environment");
        if (isEnvironment || key == QLatin1String("description")) {
            if (!it.value().isString())
                reader.fail(key, ConfigText::typeError(QStringLiteral("a string"), it.value()));
            else if (isEnvironment)
                config.environment = it.value().toString();
            else
                config.description = it.value().toString();
        } else if (key == QLatin1String("policies")) {
            if (!it.value().isObject()) {
                reader.fail(key, ConfigText::typeError(QStringLiteral("an object"), it.value()));
                continue;
            }
            const QJsonObject policies = it.value().toObject();
            for (auto p = policies.begin(); p != policies.end(); ++p) {
                const QString at = ConfigText::join(key, p.key());
                // Kept even when unreadable, so that its name is still checked and "at least one
                // policy" does not fire on top of the type error.
                if (!p.value().isObject())
                    reader.fail(at, ConfigText::typeError(QStringLiteral("an object"), p.value()));
                config.policies.push_back({p.key(), reader.readPolicy(p.value().toObject(), at)});
            }
        } else {
            reader.fail(key, unknownKey);
        }
    }
    for (const char* required : {"environment", "policies"})
        if (!root.contains(QLatin1String(required)))
            reader.fail(QString::fromLatin1(required), QStringLiteral("missing required key"));
    config.sortPolicies();
    return config;
}

PipelineOptions ConfigReader::readPolicy(const QJsonObject& object, const QString& path) {
    // An absent stage is off: the file lists exactly the stages that run.
    PipelineOptions p{std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, guideOrder};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString at = ConfigText::join(path, it.key());
        const auto stage = ConfigSchema::stageFromName(it.key());
        if (!stage) {
            if (it.key() == QLatin1String("order"))
                readOrder(it.value(), p, at);
            else
                fail(at, unknownKey);
            continue;
        }
        switch (*stage) {
        case Stage::RateLimit:
            p.rateLimit = readRateLimit(it.value(), at);
            break;
        case Stage::Bulkhead:
            p.bulkhead = readBulkhead(it.value(), at);
            break;
        case Stage::CircuitBreaker:
            p.circuitBreaker = readBreaker(it.value(), at);
            break;
        case Stage::Retry:
            p.retry = readRetry(it.value(), at);
            break;
        case Stage::Timeout:
            p.timeout = readTimeout(it.value(), at);
            break;
        }
    }
    return p;
}

std::optional<QJsonObject> ConfigReader::stageObject(const QJsonValue& value, const QString& path) {
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        fail(path, ConfigText::typeError(QStringLiteral("an object or null"), value));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<RetryOptions> ConfigReader::readRetry(const QJsonValue& value, const QString& path) {
    const auto object = stageObject(value, path);
    if (!object)
        return std::nullopt;
    RetryOptions o;
    std::optional<bool> randomize;
    readFields(*object, ConfigSchema::retry(), o, path,
               [&](const QString& key, const QJsonValue& v, const QString& at) {
                   if (key == randomizeKey) {
                       if (v.isBool())
                           randomize = v.toBool();
                       else
                           fail(at, ConfigText::typeError(QStringLiteral("a boolean"), v));
                   } else {
                       readBudget(v, o, at);
                   }
               });
    // The guide's randomize is the coarse switch, jitter the precise kind; they must not disagree.
    const QString jitterPath = ConfigText::join(path, jitterKey);
    if (randomize && !object->contains(jitterKey)) {
        o.jitter = *randomize ? JitterKind::Full : JitterKind::None;
    } else if (randomize && !hasError(jitterPath)) {
        const QString got = ConfigText::quoted(object->value(jitterKey).toString());
        if (!*randomize && o.jitter != JitterKind::None)
            fail(jitterPath, QStringLiteral("must be \"none\" when randomize is false (got %1)").arg(got));
        else if (*randomize && o.jitter == JitterKind::None)
            fail(jitterPath, QStringLiteral("must not be \"none\" when randomize is true"));
    }
    return o;
}

void ConfigReader::readBudget(const QJsonValue& value, RetryOptions& o, const QString& path) {
    if (value.isNull()) {
        o.budget = RetryBudgetKind::None;
        return;
    }
    if (!value.isObject()) {
        fail(path, ConfigText::typeError(QStringLiteral("an object or null"), value));
        return;
    }
    const QJsonObject object = value.toObject();
    const auto& kindField = ConfigSchema::budgetKind();
    // Without a valid kind there is no telling which keys belong, so only unknown keys are reported.
    const bool kindKnown =
        !object.contains(kindKey) ||
        kindField.read(object.value(kindKey), o, ConfigText::join(path, kindKey), m_errors);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == kindKey)
            continue;
        const QString at = ConfigText::join(path, it.key());
        const auto* f = find(ConfigSchema::budget(RetryBudgetKind::Ratio), it.key());
        if (!f)
            f = find(ConfigSchema::budget(RetryBudgetKind::Tokens), it.key());
        if (!f)
            fail(at, unknownKey);
        else if (kindKnown && !find(ConfigSchema::budget(o.budget), it.key()))
            fail(at, QStringLiteral("not used by budget kind %1")
                         .arg(ConfigText::quoted(kindField.write(o).toString())));
        else
            f->read(it.value(), o, at, m_errors);
    }
}

std::optional<CircuitBreakerOptions> ConfigReader::readBreaker(const QJsonValue& value, const QString& path) {
    const auto object = stageObject(value, path);
    if (!object)
        return std::nullopt;
    CircuitBreakerOptions o;
    readFields(*object, ConfigSchema::circuitBreaker(), o, path);
    // A file with only the guide's keys must not trip over the extended cap it never mentions.
    if (!object->contains(QLatin1String("max_recovery_timeout")))
        o.maxOpenDuration = std::max(o.maxOpenDuration, o.openDuration);
    return o;
}

std::optional<TimeoutOptions> ConfigReader::readTimeout(const QJsonValue& value, const QString& path) {
    TimeoutOptions o;
    if (value.isDouble()) {
        // The guide's form, "timeout": 30, is the per-attempt limit. Checked here because the validator
        // only knows the object form's paths.
        constexpr auto rule = ConfigRange::aboveUpTo(0, ConfigSchema::maxSeconds);
        if (!rule.contains(value.toDouble()))
            fail(path, rule.violation(QStringLiteral("a duration in seconds"), value.toDouble()));
        else
            ConfigSchema::timeout().front().read(value, o, path, m_errors);
        o.overall = Duration::zero();
        return o;
    }
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        fail(path, ConfigText::typeError(QStringLiteral("a number of seconds, an object or null"), value));
        return std::nullopt;
    }
    readFields(value.toObject(), ConfigSchema::timeout(), o, path);
    return o;
}

std::optional<BulkheadOptions> ConfigReader::readBulkhead(const QJsonValue& value, const QString& path) {
    const auto object = stageObject(value, path);
    if (!object)
        return std::nullopt;
    BulkheadOptions o;
    readFields(*object, ConfigSchema::bulkhead(), o, path);
    return o;
}

std::optional<RateLimiterOptions> ConfigReader::readRateLimit(const QJsonValue& value, const QString& path) {
    const auto object = stageObject(value, path);
    if (!object)
        return std::nullopt;
    RateLimiterOptions o;
    readFields(*object, ConfigSchema::rateLimit(), o, path,
               [&](const QString&, const QJsonValue& v, const QString& at) {
                   if (v.isBool() || v.isNull()) {
                       o.adaptive = v.toBool();
                   } else if (v.isObject()) {
                       o.adaptive = true;
                       readFields(v.toObject(), ConfigSchema::adaptive(), o, at);
                   } else {
                       fail(at, ConfigText::typeError(QStringLiteral("a boolean or an object"), v));
                   }
               });
    return o;
}

void ConfigReader::readOrder(const QJsonValue& value, PipelineOptions& pipeline, const QString& path) {
    if (!value.isArray()) {
        fail(path, ConfigText::typeError(QStringLiteral("an array of stage names"), value));
        return;
    }
    const QJsonArray list = value.toArray();
    std::vector<Stage> stages;
    bool named = true;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = ConfigText::index(path, i);
        if (!list[i].isString()) {
            fail(at, ConfigText::typeError(QStringLiteral("a string"), list[i]));
            named = false;
        } else if (const auto stage = ConfigSchema::stageFromName(list[i].toString())) {
            stages.push_back(stage.value_or(Stage::RateLimit));
        } else {
            fail(at, ConfigField<PipelineOptions>::oneOf(ConfigSchema::stageNames(), list[i].toString()));
            named = false;
        }
    }
    if (named && stages.size() == stageCount) {
        // Duplicates are left for the validator, which checks built configs the same way.
        std::copy(stages.begin(), stages.end(), pipeline.order.begin());
        return;
    }
    if (list.size() != static_cast<qsizetype>(stageCount))
        fail(path, QStringLiteral("must list each of the %1 stages exactly once (got %2 entries)")
                       .arg(stageCount)
                       .arg(list.size()));
}

bool ConfigReader::hasError(const QString& path) const {
    return std::any_of(m_errors.begin(), m_errors.end(),
                       [&](const ConfigError& e) { return e.path == path; });
}

} // namespace jimini
