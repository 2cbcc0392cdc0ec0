// SPDX-License-Identifier: GPL-3.0-or-later
#include "probereport.h"

#include <QJsonArray>

#include <chrono>

namespace jimini {

namespace {
QJsonValue latencyJson(const LatencyHistogram& h) {
    if (h.count() == 0)
        return QJsonValue::Null; // no sample: no figure
    return QJsonObject{{QStringLiteral("count"), qint64(h.count())},
                       {QStringLiteral("p50_seconds"), h.percentile(0.50)},
                       {QStringLiteral("p90_seconds"), h.percentile(0.90)},
                       {QStringLiteral("p95_seconds"), h.percentile(0.95)},
                       {QStringLiteral("p99_seconds"), h.percentile(0.99)},
                       {QStringLiteral("max_seconds"), toSeconds(h.max())},
                       {QStringLiteral("mean_seconds"), toSeconds(h.sum()) / double(h.count())}};
}

QJsonObject countsJson(const ProbeCounts& c) {
    QJsonObject o;
    for (std::size_t i = 0; i < callCategoryCount; ++i)
        o.insert(categoryName(CallCategory(i)), qint64(c.byCategory[i]));
    return o;
}

QJsonValue orNull(std::optional<double> v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QByteArray number(double v) {
    return QByteArray::number(v, 'g', 6);
}
} // namespace

std::optional<double> ProbeReport::achievedRate() const noexcept {
    const std::uint64_t begun = offered - notSent;
    if (begun < 2 || !(startSpanSeconds > 0))
        return std::nullopt;
    return double(begun - 1) / startSpanSeconds;
}

std::optional<double> ProbeReport::errorRate() const noexcept {
    const std::uint64_t n = calls.total();
    if (n == 0)
        return std::nullopt;
    return 1.0 - double(calls[CallCategory::Success]) / double(n);
}

QJsonObject ProbeReport::toJson() const {
    QJsonObject loadJson{{QStringLiteral("mode"), load.mode == ProbeLoad::Mode::OpenLoop
                                                      ? QStringLiteral("open_loop")
                                                      : QStringLiteral("closed_loop")}};
    if (load.mode == ProbeLoad::Mode::OpenLoop)
        loadJson.insert(QStringLiteral("rate"), load.rate);
    else
        loadJson.insert(QStringLiteral("workers"), load.workers);
    QJsonObject callsJson = countsJson(calls);
    callsJson.insert(QStringLiteral("offered"), qint64(offered));
    callsJson.insert(QStringLiteral("not_sent"), qint64(notSent));
    callsJson.insert(QStringLiteral("unfinished"), qint64(unfinished));
    callsJson.insert(QStringLiteral("finished"), qint64(calls.total()));
    callsJson.insert(QStringLiteral("shed"), qint64(calls.shed()));
    QJsonObject attemptsJson = countsJson(attempts);
    attemptsJson.insert(QStringLiteral("sent"), qint64(attemptsSent));
    QJsonObject o{{QStringLiteral("profile"), profile},
                  {QStringLiteral("url"), url.toString(QUrl::RemoveUserInfo)},
                  {QStringLiteral("method"), QString::fromLatin1(method)},
                  {QStringLiteral("load"), loadJson},
                  {QStringLiteral("elapsed_seconds"), elapsedSeconds},
                  {QStringLiteral("calls"), callsJson},
                  {QStringLiteral("attempts"), attemptsJson},
                  {QStringLiteral("load_multiple"), loadMultiple()},
                  {QStringLiteral("error_rate"), orNull(errorRate())},
                  {QStringLiteral("achieved_rate"), orNull(achievedRate())},
                  {QStringLiteral("call_latency"), latencyJson(callLatency)},
                  {QStringLiteral("attempt_latency"), latencyJson(attemptLatency)}};
    if (load.mode == ProbeLoad::Mode::OpenLoop)
        o.insert(QStringLiteral("start_error"), latencyJson(startError));
    return o;
}

QByteArray ProbeReport::csvHeader() {
    QByteArray h = "profile,url,offered,not_sent,finished";
    for (std::size_t i = 0; i < callCategoryCount; ++i)
        h += ',' + categoryName(CallCategory(i)).toLatin1();
    h += ",attempts_sent,load_multiple,error_rate,achieved_rate,call_p50_s,call_p95_s,call_p99_s,"
         "attempt_p50_s,attempt_p95_s,attempt_p99_s,start_error_p99_s\n";
    return h;
}

QByteArray ProbeReport::csvRow() const {
    auto quoted = [](QString s) {
        return '"' + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")).toUtf8() + '"';
    };
    auto p = [](const LatencyHistogram& h, double q) {
        return h.count() ? number(h.percentile(q)) : QByteArray();
    };
    QByteArray r = quoted(profile) + ',' + quoted(url.toString(QUrl::RemoveUserInfo)) + ',' +
                   QByteArray::number(offered) + ',' + QByteArray::number(notSent) + ',' +
                   QByteArray::number(calls.total());
    for (std::uint64_t c : calls.byCategory)
        r += ',' + QByteArray::number(c);
    const std::optional<double> e = errorRate();
    const std::optional<double> rate = achievedRate();
    r += ',' + QByteArray::number(attemptsSent) + ',' + number(loadMultiple()) + ',' +
         (e ? number(*e) : QByteArray()) + ',' + (rate ? number(*rate) : QByteArray()) + ',' +
         p(callLatency, 0.5) + ',' + p(callLatency, 0.95) + ',' + p(callLatency, 0.99) + ',' +
         p(attemptLatency, 0.5) + ',' + p(attemptLatency, 0.95) + ',' + p(attemptLatency, 0.99) + ',' +
         p(startError, 0.99) + '\n';
    return r;
}

QJsonObject probeComparisonJson(const std::vector<ProbeReport>& reports) {
    QJsonArray runs;
    QJsonArray summary;
    for (const ProbeReport& r : reports) {
        runs.append(r.toJson());
        const std::uint64_t finished = r.calls.total();
        summary.append(QJsonObject{
            {QStringLiteral("profile"), r.profile},
            {QStringLiteral("success_rate"),
             finished ? QJsonValue(double(r.calls[CallCategory::Success]) / double(finished)) : QJsonValue()},
            {QStringLiteral("shed"), qint64(r.calls.shed())},
            {QStringLiteral("call_p95_seconds"),
             r.callLatency.count() ? QJsonValue(r.callLatency.percentile(0.95)) : QJsonValue()},
            {QStringLiteral("load_multiple"), r.loadMultiple()}});
    }
    return QJsonObject{{QStringLiteral("runs"), runs}, {QStringLiteral("summary"), summary}};
}

QByteArray probeCsv(const std::vector<ProbeReport>& reports) {
    QByteArray out = ProbeReport::csvHeader();
    for (const ProbeReport& r : reports)
        out += r.csvRow();
    return out;
}

} // namespace jimini
