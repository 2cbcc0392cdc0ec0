// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultcodec.h"

#include "health/healthtime.h"
#include "json/strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace jimini {

namespace {
const QSet<QString>& knownKeys() {
    static const QSet<QString> keys{QStringLiteral("policy"),     QStringLiteral("error_rate"),
                                    QStringLiteral("status_mix"), QStringLiteral("retry_after_seconds"),
                                    QStringLiteral("latency"),    QStringLiteral("hang_rate"),
                                    QStringLiteral("reset_rate"), QStringLiteral("duration_seconds"),
                                    QStringLiteral("ttl_seconds")};
    return keys;
}

const QString kTtl = QStringLiteral("ttl_seconds");

// Rounded up: truncated, 1e-126 s would be no time at all, and a fault answered 201 would never apply.
Duration ceilDuration(double s) {
    return std::chrono::ceil<Duration>(std::chrono::duration<double>(s));
}

// The body as an object, or the one error that stops reading it.
std::optional<QJsonObject> readObject(const QByteArray& json, QList<ConfigError>* errors) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        errors->append({QString(), parseError.error != QJsonParseError::NoError
                                       ? QStringLiteral("malformed JSON at offset %1: %2")
                                             .arg(parseError.offset)
                                             .arg(parseError.errorString())
                                       : QStringLiteral("the document must be an object")});
        return std::nullopt;
    }
    if (const std::optional<StrictJsonIssue> issue = StrictJson::check(json)) {
        errors->append({issue->path, issue->message});
        return std::nullopt;
    }
    return doc.object();
}

// ttl_seconds when present and valid; an error otherwise (required: also when absent).
std::optional<FaultLease> readTtl(const QJsonObject& o, bool required, QList<ConfigError>* errors) {
    const QJsonValue v = o.value(kTtl);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            errors->append({kTtl, QStringLiteral("required")});
        return std::nullopt;
    }
    if (!v.isDouble() || !(v.toDouble() > 0 && v.toDouble() <= FaultCodec::maxTtlSeconds)) {
        errors->append(
            {kTtl, QStringLiteral("must be a number of seconds in (0, %1]").arg(FaultCodec::maxTtlSeconds)});
        return std::nullopt;
    }
    return FaultLease{ceilDuration(v.toDouble()), v.toDouble()};
}
} // namespace

FaultParseResult FaultCodec::parse(const QByteArray& json) {
    FaultParseResult result;
    const std::optional<QJsonObject> o = readObject(json, &result.errors);
    return o ? parseObject(*o, DurationRule::Required, LeaseRule::Allowed) : result;
}

FaultLeaseParseResult FaultCodec::parseLease(const QByteArray& json) {
    FaultLeaseParseResult result;
    const std::optional<QJsonObject> o = readObject(json, &result.errors);
    if (!o)
        return result;
    for (auto it = o->begin(); it != o->end(); ++it)
        if (it.key() != kTtl)
            result.errors.append(
                {it.key(),
                 QStringLiteral("unknown key (a renewal only sets ttl_seconds; a fault's other keys "
                                "cannot change)")});
    std::optional<FaultLease> lease = readTtl(*o, true, &result.errors);
    if (result.errors.isEmpty())
        result.lease = lease;
    return result;
}

FaultParseResult FaultCodec::parseObject(const QJsonObject& o, DurationRule duration, LeaseRule lease) {
    FaultParseResult result;
    auto fail = [&](const QString& path, const QString& message) { result.errors.append({path, message}); };
    Fault f;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!knownKeys().contains(it.key()) || (it.key() == kTtl && lease == LeaseRule::Absent))
            fail(it.key(), QStringLiteral("unknown key"));
    if (lease == LeaseRule::Allowed)
        if (const std::optional<FaultLease> ttl = readTtl(o, false, &result.errors))
            f.ttl = ttl->ttl;

    auto rate = [&](const char* key, double* out) -> bool {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isDouble() || !(v.toDouble() >= 0 && v.toDouble() <= 1)) {
            fail(QLatin1String(key), QStringLiteral("must be a number in [0, 1]"));
            return false;
        }
        *out = v.toDouble();
        return true;
    };

    if (const QJsonValue v = o.value(QLatin1String("policy")); !v.isUndefined() && !v.isNull()) {
        if (!v.isString() || v.toString().isEmpty())
            fail(QStringLiteral("policy"), QStringLiteral("must be a policy name"));
        else
            f.policy = v.toString();
    }
    if (double r = 0; rate("error_rate", &r))
        f.errorRate = r;
    rate("hang_rate", &f.hangRate);
    rate("reset_rate", &f.resetRate);

    if (const QJsonValue v = o.value(QLatin1String("status_mix")); !v.isUndefined() && !v.isNull()) {
        const QJsonObject mix = v.toObject();
        if (!v.isObject() || mix.isEmpty())
            fail(QStringLiteral("status_mix"),
                 QStringLiteral("must be an object of status codes to weights"));
        else if (mix.size() > qsizetype(Fault::maxStatuses))
            fail(QStringLiteral("status_mix"),
                 QStringLiteral("at most %1 status codes").arg(Fault::maxStatuses));
        double total = 0;
        for (auto it = mix.begin(); it != mix.end() && mix.size() <= qsizetype(Fault::maxStatuses); ++it) {
            bool ok = false;
            const int status = it.key().toInt(&ok);
            const QString path = QStringLiteral("status_mix.%1").arg(it.key());
            if (!ok || status < 400 || status > 599)
                fail(path, QStringLiteral("must be an error status code (400-599)"));
            else if (!it.value().isDouble() || !(it.value().toDouble() >= 0) ||
                     !std::isfinite(it.value().toDouble()))
                fail(path, QStringLiteral("must be a weight >= 0"));
            else {
                f.statusMix.push_back({status, it.value().toDouble()});
                total += it.value().toDouble();
            }
        }
        if (v.isObject() && !mix.isEmpty() && f.statusMix.size() == std::size_t(mix.size()) && !(total > 0))
            fail(QStringLiteral("status_mix"), QStringLiteral("the weights must not all be 0"));
    }
    if (const QJsonValue v = o.value(QLatin1String("retry_after_seconds")); !v.isUndefined() && !v.isNull()) {
        if (!v.isDouble() || !(v.toDouble() >= 0 && v.toDouble() <= 86400))
            fail(QStringLiteral("retry_after_seconds"),
                 QStringLiteral("must be a number of seconds in [0, 86400]"));
        else
            f.retryAfter = ceilDuration(v.toDouble());
    }
    if (const QJsonValue v = o.value(QLatin1String("latency")); !v.isUndefined() && !v.isNull()) {
        QString error;
        if (!v.isObject())
            fail(QStringLiteral("latency"), QStringLiteral("must be an object"));
        else if (auto latency = LatencyDistribution::fromJson(v.toObject(), &error))
            f.latency = *latency;
        else
            fail(error.section(QLatin1Char(':'), 0, 0), error.section(QLatin1String(": "), 1));
    }
    const QJsonValue lasting = o.value(QLatin1String("duration_seconds"));
    if (duration == DurationRule::Absent) {
        if (!lasting.isUndefined())
            fail(QStringLiteral("duration_seconds"), QStringLiteral("not allowed here"));
    } else if (lasting.isUndefined() || lasting.isNull())
        fail(QStringLiteral("duration_seconds"), QStringLiteral("required"));
    else if (!lasting.isDouble() || !(lasting.toDouble() > 0 && lasting.toDouble() <= 86400))
        fail(QStringLiteral("duration_seconds"), QStringLiteral("must be a number of seconds in (0, 86400]"));
    else
        f.duration = ceilDuration(lasting.toDouble());

    if (f.hangRate + f.resetRate + f.errorRate.value_or(0) > 1 + 1e-12)
        fail(QString(), QStringLiteral("hang_rate + reset_rate + error_rate must be at most 1"));
    f.stored = o;
    if (result.errors.isEmpty())
        result.fault = std::move(f);
    return result;
}

QJsonObject FaultCodec::toJson(const Fault& f) {
    QJsonObject o = f.stored;
    o.insert(QStringLiteral("id"), f.id);
    o.insert(QStringLiteral("expires_at"), toRfc3339(f.expiresAtWall));
    return o;
}

} // namespace jimini
