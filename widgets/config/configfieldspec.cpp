// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configfieldspec.h"

#include "config/configschema.h"
#include "config/configtext.h"
#include "config/profiles.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace jimini {

namespace {

struct Help {
    const char* unit;
    const char* text;
};

// Units and meanings from docs/config.md (the guide's keys and the policy core's options).
const QHash<QString, Help>& helpTable() {
    static const QHash<QString, Help> table{
        {"retry.max_attempts", {"attempts", "Attempts in all, the first included (1..100)."}},
        {"retry.initial_delay", {"s", "Delay before the first retry."}},
        {"retry.max_delay", {"s", "Cap of the delay after jitter; at least initial_delay."}},
        {"retry.randomize", {"", "The guide's switch: true means jitter full, false means none."}},
        {"retry.backoff", {"", "How the delay grows: constant, linear or exponential."}},
        {"retry.multiplier", {"", "Exponential: delay = initial_delay x multiplier^(n-1); at least 1."}},
        {"retry.jitter", {"", "none when randomize is false; not none when it is true."}},
        {"retry.retry_on", {"", "Error categories that are retried, comma separated; empty: never retry."}},
        {"retry.honour_retry_after", {"", "A server's Retry-After replaces a shorter computed delay."}},
        {"retry.max_retry_after", {"s", "Retry-After is capped here."}},
        {"retry.reject_retry_after_above_cap", {"", "A Retry-After above the cap means: do not retry now."}},
        {"circuit_breaker.failure_threshold",
         {"failures", "Failures in a row that open the breaker (consecutive mode)."}},
        {"circuit_breaker.recovery_timeout", {"s", "Time open before a half-open trial; > 0."}},
        {"circuit_breaker.mode", {"", "consecutive, count_window or time_window."}},
        {"circuit_breaker.failure_rate_threshold",
         {"", "Window modes: open when failures / calls >= this; (0, 1]."}},
        {"circuit_breaker.window_size", {"calls", "count_window: calls in the window (1..100000)."}},
        {"circuit_breaker.window_duration", {"s", "time_window: the window's length."}},
        {"circuit_breaker.window_buckets", {"", "time_window: buckets (1..1000)."}},
        {"circuit_breaker.minimum_throughput", {"calls", "Window modes judge only from this many calls on."}},
        {"circuit_breaker.slow_call_duration", {"s", "A slower call counts as slow."}},
        {"circuit_breaker.slow_call_rate_threshold",
         {"", "Open when slow calls / calls >= this; above 1: off."}},
        {"circuit_breaker.backoff_multiplier", {"", "The open time grows by this on each failed trial."}},
        {"circuit_breaker.max_recovery_timeout", {"s", "Cap of the grown open time; >= recovery_timeout."}},
        {"circuit_breaker.half_open_trials", {"calls", "Trial calls, all must succeed to close (1..1000)."}},
        {"circuit_breaker.half_open_max_wait", {"s", "Trials not all back by then re-open; 0: no limit."}},
        {"circuit_breaker.failure_on", {"", "Error categories that count as failures, comma separated."}},
        {"timeout.per_attempt", {"s", "Limit of each attempt; 0: none."}},
        {"timeout.overall", {"s", "Deadline of the whole call, retries included; 0: none."}},
        {"bulkhead.limit", {"calls", "Concurrent calls (>= 1)."}},
        {"bulkhead.queue", {"calls", "Calls waiting for a slot."}},
        {"bulkhead.queue_timeout", {"s", "A queued call gives up after this; 0: waits forever."}},
        {"rate_limit.requests_per_second", {"requests/s", "The rate; > 0."}},
        {"rate_limit.burst_limit", {"requests", "token_bucket: the bucket's size (>= 1)."}},
        {"rate_limit.kind", {"", "token_bucket, fixed_window or sliding_window."}},
        {"rate_limit.window", {"s", "Window kinds: limit = requests_per_second x window."}},
    };
    return table;
}

// The bundled profile files as written: only the keys the guide gives a number for.
const QList<std::pair<QString, QJsonObject>>& guidePolicies() {
    static const QList<std::pair<QString, QJsonObject>> policies = [] {
        QList<std::pair<QString, QJsonObject>> out;
        for (const QString& name : Profiles::names()) {
            QFile file(Profiles::resourcePath(name));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            out.append({name, root.value(QStringLiteral("policies"))
                                  .toObject()
                                  .value(QStringLiteral("default"))
                                  .toObject()});
        }
        return out;
    }();
    return policies;
}

QString guideNumbers(const QString& stage, const QString& key) {
    QStringList parts;
    for (const auto& [name, policy] : guidePolicies()) {
        const QJsonValue block = policy.value(stage);
        // The guide writes the timeout as a number: the per-attempt limit.
        const QJsonValue v =
            block.isDouble() && stage == QLatin1String("timeout") && key == QLatin1String("per_attempt")
                ? block
                : block.toObject().value(key);
        if (v.isDouble())
            parts.append(name + QLatin1Char(' ') + ConfigText::number(v.toDouble()));
        else if (v.isBool())
            parts.append(name + QLatin1Char(' ') +
                         (v.toBool() ? QStringLiteral("true") : QStringLiteral("false")));
    }
    return parts.join(QStringLiteral(", "));
}

template <class O>
void collect(const QString& stage, std::span<const ConfigField<O>> fields, QList<ConfigFieldSpec>& out) {
    for (const ConfigField<O>& f : fields) {
        ConfigFieldSpec spec;
        spec.stage = stage;
        spec.key = f.name();
        spec.kind = f.kind;
        spec.range = f.range;
        for (const char* name : f.names)
            spec.names.append(QString::fromLatin1(name));
        if (spec.kind == FieldKind::Special) {
            if (stage != QLatin1String("retry") || spec.key != QLatin1String("randomize"))
                continue; // budget, adaptive: objects, edited in the JSON view
            spec.kind = FieldKind::Bool;
        }
        const auto help = helpTable().constFind(stage + QLatin1Char('.') + spec.key);
        if (help != helpTable().cend()) {
            spec.unit = QString::fromUtf8(help->unit);
            spec.help = QString::fromUtf8(help->text);
        } else if (spec.kind == FieldKind::Duration) {
            spec.unit = QStringLiteral("s");
        }
        spec.profiles = guideNumbers(stage, spec.key);
        out.append(spec);
    }
}

} // namespace

QStringList ConfigFieldSpec::stages() {
    return {QStringLiteral("retry"), QStringLiteral("circuit_breaker"), QStringLiteral("timeout"),
            QStringLiteral("bulkhead"), QStringLiteral("rate_limit")};
}

QList<ConfigFieldSpec> ConfigFieldSpec::all() {
    QList<ConfigFieldSpec> out;
    collect(QStringLiteral("retry"), ConfigSchema::retry(), out);
    collect(QStringLiteral("circuit_breaker"), ConfigSchema::circuitBreaker(), out);
    collect(QStringLiteral("timeout"), ConfigSchema::timeout(), out);
    collect(QStringLiteral("bulkhead"), ConfigSchema::bulkhead(), out);
    collect(QStringLiteral("rate_limit"), ConfigSchema::rateLimit(), out);
    return out;
}

} // namespace jimini
