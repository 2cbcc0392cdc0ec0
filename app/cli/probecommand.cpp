// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecommand.h"

#include "probeprogress.h"

#include "auth/tokenfile.h"
#include "config/configcodec.h"
#include "probe/probeheader.h"
#include "probe/probeprofile.h"
#include "probe/proberun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <memory>

namespace jimini {

namespace {
constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
std::atomic<bool> g_probeInterrupted{false};

void onProbeInterrupt(int) {
    g_probeInterrupted.store(true);
}

struct Usage {
    QString error;
};

// A profile name, or a config file (a path with '/' or ending in .json).
ProbeProfileResult resolveProfile(const QString& text) {
    if (!text.contains(QLatin1Char('/')) && !text.endsWith(QLatin1String(".json")))
        return ProbeProfile::builtIn(text);
    QFile file(text);
    if (!file.open(QIODevice::ReadOnly))
        return {std::nullopt, QStringLiteral("cannot read %1: %2").arg(text, file.errorString())};
    return ProbeProfile::fromDocument(file.read(ConfigCodec::maxDocumentSize + 1), text);
}

std::optional<double> parseRate(const QString& text) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

QString formatSeconds(double s) {
    return s < 1 ? QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 1)
                 : QStringLiteral("%1 s").arg(s, 0, 'f', 3);
}

void printSummary(QTextStream& out, const ProbeReport& r) {
    out << r.profile << ": " << r.url.toString(QUrl::RemoveUserInfo) << "\n";
    out << "  calls   offered " << r.offered << ", finished " << r.calls.total();
    if (r.notSent)
        out << ", not sent " << r.notSent;
    if (r.unfinished)
        out << ", unfinished " << r.unfinished;
    out << "\n ";
    for (std::size_t i = 0; i < callCategoryCount; ++i)
        out << "  " << categoryName(CallCategory(i)) << " " << r.calls.byCategory[i];
    out << "\n  sent    " << r.attemptsSent << " requests (load x"
        << QString::number(r.loadMultiple(), 'f', 2) << ")";
    if (const auto rate = r.achievedRate())
        out << ", " << QString::number(*rate, 'f', 2) << " calls/s";
    out << "\n";
    auto latency = [&](const char* what, const LatencyHistogram& h) {
        if (h.count() == 0)
            return;
        out << "  " << what << " p50 " << formatSeconds(h.percentile(0.5)) << ", p95 "
            << formatSeconds(h.percentile(0.95)) << ", p99 " << formatSeconds(h.percentile(0.99)) << ", max "
            << formatSeconds(std::chrono::duration<double>(h.max()).count()) << "\n";
    };
    latency("calls   ", r.callLatency);
    latency("attempts", r.attemptLatency);
    latency("start error", r.startError);
    if (const auto e = r.errorRate())
        out << "  error rate " << QString::number(*e * 100, 'f', 2) << " %\n";
}
} // namespace

std::optional<Duration> parseProbeDuration(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^(\\d+(?:\\.\\d+)?)(ms|s|m|h)?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const double seconds = unit == QLatin1String("ms")  ? v / 1000
                           : unit == QLatin1String("m") ? v * 60
                           : unit == QLatin1String("h") ? v * 3600
                                                        : v;
    if (!(seconds > 0) || seconds > 86400)
        return std::nullopt;
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

int runProbeCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Drives URL through the policy core, as a service with that profile would call it, and reports what "
        "each policy decided."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("the endpoint (http or https)"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("production, staging, development, or a config file "
                                                    "(its policy \"default\", or its only one)"),
                                     QStringLiteral("P"), QStringLiteral("production"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("calls per second, open loop (default 20)"),
                                  QStringLiteral("R"));
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     QStringLiteral("closed loop: N callers, each calling again when done"),
                                     QStringLiteral("N"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("how long calls start (30s, 2m; default 30s "
                                                     "unless --requests)"),
                                      QStringLiteral("D"));
    const QCommandLineOption requests(QStringLiteral("requests"), QStringLiteral("calls in all"),
                                      QStringLiteral("N"));
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("HTTP method (default GET)"),
                                    QStringLiteral("M"), QStringLiteral("GET"));
    const QCommandLineOption header(QStringLiteral("header"), QStringLiteral("\"Name: value\", repeatable"),
                                    QStringLiteral("H"));
    const QCommandLineOption bodyFile(QStringLiteral("body-file"),
                                      QStringLiteral("request body (at most 1 MiB)"), QStringLiteral("F"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("bearer token sent as Authorization (never to another "
                                                      "origin: redirects are not followed)"),
                                       QStringLiteral("F"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("one or two more profiles run at the same time against "
                                                    "the same URL (staging,development)"),
                                     QStringLiteral("P,P"));
    const QCommandLineOption maxErrorRate(QStringLiteral("max-error-rate"),
                                          QStringLiteral("exit 1 when more than this share of calls (0..1) "
                                                         "did not succeed"),
                                          QStringLiteral("R"));
    const QCommandLineOption maxP95(QStringLiteral("max-p95"),
                                    QStringLiteral("exit 1 when the calls' p95 is above D (250ms, 1.5s)"),
                                    QStringLiteral("D"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("one JSON document on stdout"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("also write the report as CSV to F"),
                                 QStringLiteral("F"));
    parser.addOptions({profile, rate, workers, duration, requests, method, header, bodyFile, tokenFile,
                       compare, maxErrorRate, maxP95, json, csv});
    auto usage = [&](const QString& message) {
        err << "jimini probe: " << message << "\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("want exactly one URL"));

    // Everything is checked before anything is sent.
    ProbeOptions base;
    base.url = QUrl(parser.positionalArguments().first(), QUrl::StrictMode);
    if (const auto e = checkProbeUrl(base.url))
        return usage(*e);
    base.request.method = parser.value(method).toLatin1();
    for (const QString& h : parser.values(header)) {
        const ProbeHeaderResult parsed = parseProbeHeader(h);
        if (!parsed.header)
            return usage(QStringLiteral("--") + parsed.error);
        base.request.headers.append(*parsed.header);
    }
    if (parser.isSet(tokenFile)) {
        const TokenFile token = TokenFile::read(parser.value(tokenFile));
        if (!token.ok())
            return usage(token.error());
        base.request.headers.append({"Authorization", "Bearer " + token.token()});
    }
    if (parser.isSet(bodyFile)) {
        QFile file(parser.value(bodyFile));
        if (!file.open(QIODevice::ReadOnly))
            return usage(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        base.request.body = file.read(kMaxBodyBytes + 1);
        if (base.request.body.size() > kMaxBodyBytes)
            return usage(QStringLiteral("%1: more than 1 MiB").arg(file.fileName()));
    }
    if (parser.isSet(workers) && parser.isSet(rate))
        return usage(QStringLiteral("--rate (open loop) and --workers (closed loop) exclude each other"));
    if (parser.isSet(workers)) {
        bool ok = false;
        base.load.mode = ProbeLoad::Mode::ClosedLoop;
        base.load.workers = parser.value(workers).toInt(&ok);
        if (!ok)
            return usage(QStringLiteral("--workers \"%1\" is not a number").arg(parser.value(workers)));
    } else if (parser.isSet(rate)) {
        const auto r = parseRate(parser.value(rate));
        if (!r)
            return usage(QStringLiteral("--rate \"%1\" is not a number").arg(parser.value(rate)));
        base.load.rate = *r;
    }
    if (parser.isSet(duration)) {
        base.load.duration = parseProbeDuration(parser.value(duration));
        if (!base.load.duration)
            return usage(QStringLiteral("--duration \"%1\": want 30s, 500ms, 2m (at most 24h)")
                             .arg(parser.value(duration)));
    }
    if (parser.isSet(requests)) {
        bool ok = false;
        const qulonglong n = parser.value(requests).toULongLong(&ok);
        if (!ok)
            return usage(QStringLiteral("--requests \"%1\" is not a number").arg(parser.value(requests)));
        base.load.requests = n;
    }
    if (!base.load.duration && !base.load.requests)
        base.load.duration = std::chrono::seconds(30);
    std::optional<double> errorLimit;
    if (parser.isSet(maxErrorRate)) {
        errorLimit = parseRate(parser.value(maxErrorRate));
        if (!errorLimit || *errorLimit < 0 || *errorLimit > 1)
            return usage(QStringLiteral("--max-error-rate \"%1\": want a share in [0, 1]")
                             .arg(parser.value(maxErrorRate)));
    }
    std::optional<Duration> p95Limit;
    if (parser.isSet(maxP95)) {
        p95Limit = parseProbeDuration(parser.value(maxP95));
        if (!p95Limit)
            return usage(QStringLiteral("--max-p95 \"%1\": want 250ms, 1.5s").arg(parser.value(maxP95)));
    }
    QStringList profiles{parser.value(profile)};
    if (parser.isSet(compare))
        profiles += parser.value(compare).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (profiles.size() > 3)
        return usage(QStringLiteral("--compare takes at most two more profiles"));
    std::vector<ProbeOptions> runs;
    for (const QString& name : profiles) {
        const ProbeProfileResult resolved = resolveProfile(name.trimmed());
        if (!resolved.policy)
            return usage(QStringLiteral("--profile: %1").arg(resolved.error));
        ProbeOptions o = base;
        o.profile = name.trimmed();
        o.policy = *resolved.policy;
        if (const QStringList errors = o.validate(); !errors.isEmpty())
            return usage(errors.join(QStringLiteral("; ")));
        runs.push_back(std::move(o));
    }

    std::vector<std::unique_ptr<ProbeRun>> probes;
    for (ProbeOptions& o : runs)
        probes.push_back(std::make_unique<ProbeRun>(std::move(o)));
    ProbeProgress progress(base.load);
    QEventLoop loop;
    int open = int(probes.size());
    for (auto& p : probes) {
        QObject::connect(p.get(), &ProbeRun::finished, &loop, [&] {
            if (--open == 0)
                loop.quit();
        });
    }
    QObject::connect(probes.front().get(), &ProbeRun::progressed, &loop, [&](const ProbeSnapshot&) {
        std::vector<ProbeSnapshot> all;
        for (auto& p : probes)
            all.push_back(p->snapshot());
        progress.show(profiles, all);
    });
    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, &loop, [&] {
        if (g_probeInterrupted.exchange(false)) {
            err << "\njimini probe: interrupted, waiting for the calls in flight\n";
            for (auto& p : probes)
                p->stop();
        }
    });
    std::signal(SIGINT, onProbeInterrupt);
    interrupt.start(100);
    for (auto& p : probes)
        p->start();
    if (open > 0)
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    progress.finish();

    std::vector<ProbeReport> reports;
    for (auto& p : probes)
        reports.push_back(p->report());
    const ProbeReport& primary = reports.front();
    QStringList broken;
    if (errorLimit) {
        const auto e = primary.errorRate();
        if (!e)
            broken << QStringLiteral("error rate: no call finished");
        else if (*e > *errorLimit)
            broken << QStringLiteral("error rate %1 > %2").arg(*e, 0, 'g', 4).arg(*errorLimit);
    }
    if (p95Limit) {
        if (primary.callLatency.count() == 0)
            broken << QStringLiteral("p95: no call finished");
        else if (primary.callLatency.percentile(0.95) > std::chrono::duration<double>(*p95Limit).count())
            broken << QStringLiteral("p95 %1 s > %2 s")
                          .arg(primary.callLatency.percentile(0.95), 0, 'g', 4)
                          .arg(std::chrono::duration<double>(*p95Limit).count());
    }
    const int code = broken.isEmpty() ? 0 : 1;
    if (parser.isSet(csv)) {
        QFile file(parser.value(csv));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(probeCsv(reports)) < 0)
            err << "jimini probe: cannot write " << file.fileName() << ": " << file.errorString() << "\n";
    }
    if (parser.isSet(json)) {
        QJsonObject doc = probeComparisonJson(reports);
        QJsonObject thresholds;
        if (errorLimit)
            thresholds.insert(QStringLiteral("max_error_rate"), *errorLimit);
        if (p95Limit)
            thresholds.insert(QStringLiteral("max_p95_seconds"),
                              std::chrono::duration<double>(*p95Limit).count());
        doc.insert(QStringLiteral("thresholds"), thresholds);
        doc.insert(QStringLiteral("broken"), QJsonArray::fromStringList(broken));
        doc.insert(QStringLiteral("exit_code"), code);
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        for (const ProbeReport& r : reports)
            printSummary(out, r);
        for (const QString& b : broken)
            out << "threshold broken (" << primary.profile << "): " << b << "\n";
    }
    out.flush();
    return code;
}

} // namespace jimini
