// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayjson.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

namespace jimini {

namespace {
QString name(std::string_view text) {
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}
void put(QJsonObject& o, const char* key, const std::optional<double>& v) {
    if (v)
        o.insert(QLatin1String(key), *v);
}
QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

QJsonObject ReplayJson::second(const ReplaySecond& s) {
    QJsonObject o{{QStringLiteral("dependency"), int(s.dependency)},
                  {QStringLiteral("second"), double(s.second)},
                  {QStringLiteral("offered"), double(s.offered)},
                  {QStringLiteral("attempts"), double(s.attempts)},
                  {QStringLiteral("retries"), double(s.retries)},
                  {QStringLiteral("transitions"), int(s.transitions)}};
    if (s.skipped)
        o.insert(QStringLiteral("skipped"), double(s.skipped));
    QJsonObject outcomes;
    for (std::size_t c = 0; c < callCategoryCount; ++c)
        if (s.finished[c])
            outcomes.insert(name(toString(CallCategory(c))), double(s.finished[c]));
    o.insert(QStringLiteral("outcomes"), outcomes);
    if (s.breaker)
        o.insert(QStringLiteral("breaker"), name(toString(*s.breaker)));
    put(o, "tokens", s.tokens);
    if (s.bulkheadActive)
        o.insert(QStringLiteral("bulkhead_active"), int(*s.bulkheadActive));
    if (s.bulkheadQueued)
        o.insert(QStringLiteral("bulkhead_queued"), int(*s.bulkheadQueued));
    put(o, "p50_ms", s.p50Ms);
    put(o, "p95_ms", s.p95Ms);
    put(o, "p99_ms", s.p99Ms);
    return o;
}

QJsonObject ReplayJson::summary(const DependencySummary& s, std::uint64_t inFlightAtEnd) {
    QJsonObject o{{QStringLiteral("dependency"), s.name},
                  {QStringLiteral("offered"), double(s.offered)},
                  {QStringLiteral("ended"), double(s.ended)},
                  {QStringLiteral("succeeded"), double(s.succeeded)},
                  {QStringLiteral("shed"), double(s.shed)},
                  {QStringLiteral("attempts"), double(s.attempts)},
                  {QStringLiteral("retries"), double(s.retries)},
                  {QStringLiteral("peak_attempts_per_second"), double(s.peakAttempts)},
                  {QStringLiteral("breaker_opens"), int(s.opens)},
                  {QStringLiteral("in_flight_at_end"), double(inFlightAtEnd)}};
    if (s.skipped)
        o.insert(QStringLiteral("skipped"), double(s.skipped));
    put(o, "success_rate", s.successRate());
    put(o, "load_multiple", s.loadMultiple());
    put(o, "time_to_detect_seconds", s.timeToDetect);
    put(o, "time_to_recover_seconds", s.timeToRecover);
    return o;
}

QJsonObject ReplayJson::transition(std::uint32_t dependency, Duration at, const BreakerTransition& t) {
    return {{QStringLiteral("dependency"), int(dependency)},
            {QStringLiteral("at_seconds"), std::chrono::duration<double>(at).count()},
            {QStringLiteral("from"), name(toString(t.from))},
            {QStringLiteral("to"), name(toString(t.to))},
            {QStringLiteral("reason"), name(toString(t.reason))}};
}

ReplayJsonStream::ReplayJsonStream(QIODevice& out, const QString& config)
    : m_out(out) {
    m_out.write(
        "{\"config\":" + QJsonDocument(QJsonArray{config}).toJson(QJsonDocument::Compact).mid(1).chopped(1) +
        ",\"seconds\":[");
}

void ReplayJsonStream::onSecond(const ReplaySecond& second) {
    if (!m_first)
        m_out.write(",");
    m_first = false;
    m_out.write(compact(ReplayJson::second(second)));
}

void ReplayJsonStream::onTransition(std::uint32_t dependency, Duration at,
                                    const BreakerTransition& transition) {
    m_transitions.push_back(ReplayJson::transition(dependency, at, transition));
}

void ReplayJsonStream::finish(const std::vector<DependencySummary>& summaries,
                              const std::vector<std::uint64_t>& inFlightAtEnd) {
    QJsonArray transitions;
    for (const QJsonObject& t : m_transitions)
        transitions.append(t);
    QJsonArray list;
    for (std::size_t i = 0; i < summaries.size(); ++i)
        list.append(ReplayJson::summary(summaries[i], i < inFlightAtEnd.size() ? inFlightAtEnd[i] : 0));
    m_out.write("],\"transitions\":" + QJsonDocument(transitions).toJson(QJsonDocument::Compact) +
                ",\"summary\":" + QJsonDocument(list).toJson(QJsonDocument::Compact) + "}");
}

} // namespace jimini
