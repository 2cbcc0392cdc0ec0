// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariocodec.h"

#include "sim/faultcodec.h"

#include "json/strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
Duration roundedDuration(double s) {
    return std::chrono::round<Duration>(std::chrono::duration<double>(s));
}

// Collects errors under one path prefix; the first error at a path wins, so a bad key says one thing.
class Reader {
public:
    explicit Reader(QList<FieldError>& errors)
        : m_errors(errors) {}

    void fail(const QString& path, const QString& message) { m_errors.append({path, message}); }

    void onlyKeys(const QJsonObject& o, const QString& at, std::initializer_list<const char*> keys) {
        QSet<QString> allowed;
        for (const char* k : keys)
            allowed.insert(QLatin1String(k));
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allowed.contains(it.key()))
                fail(join(at, it.key()), QStringLiteral("unknown key"));
    }
    std::optional<double> number(const QJsonObject& o, const QString& at, const char* key, double min,
                                 double max, bool required, bool minExclusive = false) {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString path = join(at, QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(path, QStringLiteral("required"));
            return std::nullopt;
        }
        const double x = v.toDouble();
        if (!v.isDouble() || !std::isfinite(x) || x > max || (minExclusive ? x <= min : x < min)) {
            fail(path, QStringLiteral("must be a number in %1%2, %3]")
                           .arg(minExclusive ? QStringLiteral("(") : QStringLiteral("["))
                           .arg(min)
                           .arg(max));
            return std::nullopt;
        }
        return x;
    }
    QString text(const QJsonObject& o, const QString& at, const char* key, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString path = join(at, QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(path, QStringLiteral("required"));
            return {};
        }
        if (!v.isString() || v.toString().trimmed().isEmpty() || v.toString().size() > 200) {
            fail(path, QStringLiteral("must be a non-empty string of at most 200 characters"));
            return {};
        }
        return v.toString();
    }
    static QString join(const QString& at, const QString& key) {
        return at.isEmpty() ? key : at + QLatin1Char('.') + key;
    }
    // Errors of a fault-shaped object, moved under at.
    void adopt(const QList<ConfigError>& errors, const QString& at) {
        for (const ConfigError& e : errors)
            fail(e.path.isEmpty() ? at : join(at, e.path), e.message);
    }

private:
    QList<FieldError>& m_errors;
};

std::optional<TrafficShape> readTraffic(Reader& r, const QJsonValue& value, const QString& at,
                                        Duration duration) {
    if (!value.isObject()) {
        r.fail(at, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    const QString shape = o.value(QLatin1String("shape")).toString();
    TrafficShape t;
    t.duration = duration;
    const double maxRate = ScenarioCodec::maxRate;
    const double maxSeconds = ScenarioCodec::maxSeconds;
    if (shape == QLatin1String("constant")) {
        r.onlyKeys(o, at, {"shape", "rate"});
        t.rate = r.number(o, at, "rate", 0, maxRate, true).value_or(0);
    } else if (shape == QLatin1String("ramp")) {
        r.onlyKeys(o, at, {"shape", "from", "to"});
        t.kind = TrafficShape::Kind::Ramp;
        t.rate = r.number(o, at, "from", 0, maxRate, true).value_or(0);
        t.rateTo = r.number(o, at, "to", 0, maxRate, true).value_or(0);
    } else if (shape == QLatin1String("bursts")) {
        r.onlyKeys(o, at, {"shape", "rate", "burst_rate", "every_seconds", "burst_seconds"});
        t.kind = TrafficShape::Kind::Bursts;
        t.rate = r.number(o, at, "rate", 0, maxRate, true).value_or(0);
        t.rateTo = r.number(o, at, "burst_rate", 0, maxRate, true).value_or(0);
        const auto every = r.number(o, at, "every_seconds", 0, maxSeconds, true, true);
        const auto burst = r.number(o, at, "burst_seconds", 0, maxSeconds, true, true);
        if (every && burst && *burst > *every)
            r.fail(Reader::join(at, QStringLiteral("burst_seconds")),
                   QStringLiteral("must be at most every_seconds"));
        t.period = roundedDuration(every.value_or(1));
        t.length = roundedDuration(burst.value_or(0));
    } else if (shape == QLatin1String("diurnal")) {
        r.onlyKeys(o, at, {"shape", "trough", "peak", "period_seconds", "peak_at_seconds"});
        t.kind = TrafficShape::Kind::Diurnal;
        t.rate = r.number(o, at, "trough", 0, maxRate, true).value_or(0);
        t.rateTo = r.number(o, at, "peak", 0, maxRate, true).value_or(0);
        t.period =
            roundedDuration(r.number(o, at, "period_seconds", 0, maxSeconds, false, true).value_or(86400));
        t.peakAt = roundedDuration(r.number(o, at, "peak_at_seconds", 0, maxSeconds, false).value_or(0));
    } else {
        r.fail(Reader::join(at, QStringLiteral("shape")),
               QStringLiteral("must be one of constant, ramp, bursts, diurnal"));
        return std::nullopt;
    }
    return t;
}

void applyBaseline(Reader& r, const QJsonValue& value, const QString& at, DownstreamOptions& baseline) {
    if (!value.isObject()) {
        r.fail(at, QStringLiteral("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    r.onlyKeys(o, at, {"error_rate", "status_mix", "retry_after_seconds", "latency"});
    const FaultParseResult parsed = FaultCodec::parseObject(o, FaultCodec::DurationRule::Absent);
    r.adopt(parsed.errors, at);
    if (!parsed.fault)
        return;
    if (parsed.fault->errorRate)
        baseline.errorRate = *parsed.fault->errorRate;
    if (!parsed.fault->statusMix.empty())
        baseline.statusMix = parsed.fault->statusMix;
    if (parsed.fault->latency)
        baseline.latency = *parsed.fault->latency;
    baseline.retryAfter = parsed.fault->retryAfter;
}

std::optional<ScenarioPhase> readPhase(Reader& r, const QJsonValue& value, const QString& at) {
    if (!value.isObject()) {
        r.fail(at, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    QJsonObject o = value.toObject();
    if (o.contains(QLatin1String("policy")))
        r.fail(Reader::join(at, QStringLiteral("policy")),
               QStringLiteral("unknown key (a phase belongs to its dependency)"));
    ScenarioPhase phase;
    phase.name = r.text(o, at, "name", false);
    const auto start = r.number(o, at, "start_seconds", 0, ScenarioCodec::maxSeconds, true);
    o.remove(QLatin1String("name"));
    o.remove(QLatin1String("start_seconds"));
    o.remove(QLatin1String("policy"));
    const FaultParseResult parsed = FaultCodec::parseObject(o);
    r.adopt(parsed.errors, at);
    if (!start || !parsed.fault)
        return std::nullopt;
    phase.start = roundedDuration(*start);
    phase.fault = *parsed.fault;
    return phase;
}
} // namespace

ScenarioParseResult ScenarioCodec::parse(const QByteArray& json) {
    ScenarioParseResult result;
    Reader r(result.errors);
    if (json.size() > maxBytes) {
        r.fail(QString(), QStringLiteral("the file is %1 bytes; a scenario may have at most %2")
                              .arg(json.size())
                              .arg(maxBytes));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        r.fail(QString(), parseError.error != QJsonParseError::NoError
                              ? QStringLiteral("malformed JSON at offset %1: %2")
                                    .arg(parseError.offset)
                                    .arg(parseError.errorString())
                              : QStringLiteral("the document must be an object"));
        return result;
    }
    if (const std::optional<StrictJsonIssue> issue = StrictJson::check(json)) {
        r.fail(issue->path, issue->message);
        return result;
    }
    const QJsonObject o = doc.object();
    r.onlyKeys(o, QString(), {"name", "description", "seed", "duration_seconds", "traffic", "dependencies"});
    Scenario s;
    s.name = r.text(o, QString(), "name", true);
    if (o.contains(QLatin1String("description"))) {
        const QJsonValue d = o.value(QLatin1String("description"));
        if (!d.isString() || d.toString().size() > 4000)
            r.fail(QStringLiteral("description"),
                   QStringLiteral("must be a string of at most 4000 characters"));
        else
            s.description = d.toString();
    }
    if (const auto seed = r.number(o, QString(), "seed", 0, 9007199254740991.0, false)) {
        if (*seed != std::floor(*seed))
            r.fail(QStringLiteral("seed"), QStringLiteral("must be a whole number"));
        s.seed = std::uint64_t(*seed);
    }
    const auto duration = r.number(o, QString(), "duration_seconds", 0, maxSeconds, true, true);
    s.duration = roundedDuration(duration.value_or(0));
    if (o.contains(QLatin1String("traffic")))
        s.traffic = readTraffic(r, o.value(QLatin1String("traffic")), QStringLiteral("traffic"), s.duration)
                        .value_or(TrafficShape{});
    else
        r.fail(QStringLiteral("traffic"), QStringLiteral("required"));

    const QJsonValue deps = o.value(QLatin1String("dependencies"));
    if (!deps.isArray() || deps.toArray().isEmpty() || deps.toArray().size() > maxDependencies) {
        r.fail(QStringLiteral("dependencies"),
               QStringLiteral("must be a list of 1 to %1 dependencies").arg(maxDependencies));
        return result;
    }
    const QJsonArray list = deps.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("dependencies[%1]").arg(i);
        if (!list[i].isObject()) {
            r.fail(at, QStringLiteral("must be an object"));
            continue;
        }
        const QJsonObject d = list[i].toObject();
        r.onlyKeys(d, at, {"name", "policy", "baseline", "phases", "traffic"});
        ScenarioDependency dep;
        dep.name = r.text(d, at, "name", true);
        dep.policy =
            d.contains(QLatin1String("policy")) ? r.text(d, at, "policy", true) : QStringLiteral("default");
        for (const ScenarioDependency& other : s.dependencies)
            if (!dep.name.isEmpty() && other.name == dep.name)
                r.fail(Reader::join(at, QStringLiteral("name")),
                       QStringLiteral("\"%1\" is named twice").arg(dep.name));
        if (d.contains(QLatin1String("baseline")))
            applyBaseline(r, d.value(QLatin1String("baseline")), Reader::join(at, QStringLiteral("baseline")),
                          dep.baseline);
        if (d.contains(QLatin1String("traffic")))
            dep.traffic = readTraffic(r, d.value(QLatin1String("traffic")),
                                      Reader::join(at, QStringLiteral("traffic")), s.duration);
        const QJsonValue phases = d.value(QLatin1String("phases"));
        if (!phases.isUndefined() && (!phases.isArray() || phases.toArray().size() > maxPhases)) {
            r.fail(Reader::join(at, QStringLiteral("phases")),
                   QStringLiteral("must be a list of at most %1 phases").arg(maxPhases));
        } else {
            const QJsonArray p = phases.toArray();
            for (qsizetype k = 0; k < p.size(); ++k) {
                const QString pat = Reader::join(at, QStringLiteral("phases[%1]").arg(k));
                std::optional<ScenarioPhase> phase = readPhase(r, p[k], pat);
                if (!phase)
                    continue;
                if (duration && phase->end() > s.duration)
                    r.fail(pat, QStringLiteral("ends at %1 s, after the scenario's %2 s")
                                    .arg(std::chrono::duration<double>(phase->end()).count())
                                    .arg(*duration));
                else if (!dep.phases.empty() && phase->start < dep.phases.back().end())
                    r.fail(Reader::join(pat, QStringLiteral("start_seconds")),
                           QStringLiteral("must not be before the previous phase ends (phases are in time "
                                          "order and never overlap)"));
                dep.phases.push_back(std::move(*phase));
            }
        }
        s.dependencies.push_back(std::move(dep));
    }
    if (result.errors.isEmpty())
        result.scenario = std::move(s);
    return result;
}

} // namespace jimini
