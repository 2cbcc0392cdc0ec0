// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-agent: a reference service of the Jimini Health API v1 (option parsing and wiring only).
#include "serve/agent.h"

#include "auth/tokenfile.h"

#include "config/configcodec.h"
#include "config/profiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace jimini;

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    // Only async-signal-safe work here: the event loop reads the pipe and quits. Should the loop be too
    // busy to get there, SIGALRM's default action ends the process 2 s later all the same.
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
    ::alarm(2);
}

int fail(int code, const QString& message) {
    std::fprintf(stderr, "jimini-agent: %s\n", qPrintable(message));
    return code;
}

bool splitHostPort(const QString& text, QString* host, quint16* port) {
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString h = text.left(colon);
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || h.isEmpty())
        return false;
    *host = h;
    *port = quint16(p);
    return true;
}
} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jimini-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reference service of the Jimini Health API v1: runs named resilience policies over generated "
        "traffic "
        "against a simulated (or real) downstream and serves health, stream, control, config, faults, events "
        "and /metrics over HTTP."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address to listen on. Port 0 picks a free port; the first stdout "
                       "line is then \"listening on http://HOST:PORT\". A non-loopback "
                       "address needs --token-file."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Resilience config file (docs/config.md). Invalid: errors on stderr, "
                       "exit code 2."),
        QStringLiteral("FILE"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QStringLiteral("Built-in profile when no --config: production, staging or "
                       "development."),
        QStringLiteral("NAME"), QStringLiteral("production"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("File holding the bearer token that mutations (POST, PUT, DELETE) "
                       "must present."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate (chain) to serve https; needs --tls-key."), QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("FILE"));
    const QCommandLineOption upstream(
        QStringLiteral("upstream"),
        QStringLiteral("Send the generated traffic as GETs to this URL instead of the "
                       "simulated downstream."),
        QStringLiteral("URL"));
    const QCommandLineOption service(QStringLiteral("service"),
                                     QStringLiteral("Service name in the health document."),
                                     QStringLiteral("NAME"), QStringLiteral("jimini-agent"));
    const QCommandLineOption instance(QStringLiteral("instance"),
                                      QStringLiteral("Instance name (default: SERVICE-PORT)."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption environment(QStringLiteral("environment"),
                                         QStringLiteral("Environment name (default: the config's)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Generated calls per second through each policy (0: none)."),
                                  QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("Default seconds between health events on the stream."),
                                      QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption seed(
        QStringLiteral("seed"), QStringLiteral("Random seed of the downstream model and jitter (0: random)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("Client connections at once; past it a client gets 503 (lowered to stay 64 below the "
                       "descriptor limit)."),
        QStringLiteral("N"), QString::number(HttpLimits().maxConnections));
    const QCommandLineOption maxStreams(QStringLiteral("max-streams"),
                                        QStringLiteral("Event stream subscribers at once; past it 503."),
                                        QStringLiteral("N"), QString::number(HttpLimits().maxStreams));
    parser.addOptions({listen, config, profile, tokenFile, tlsCert, tlsKey, upstream, service, instance,
                       environment, rate, interval, seed, maxConnections, maxStreams});
    parser.process(app);

    AgentOptions options;
    if (!splitHostPort(parser.value(listen), &options.host, &options.port))
        return fail(2, QStringLiteral("--listen wants HOST:PORT, got %1").arg(parser.value(listen)));

    std::optional<ResilienceConfig> resilience;
    if (parser.isSet(config)) {
        QFile file(parser.value(config));
        if (!file.open(QIODevice::ReadOnly))
            return fail(2, QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        // One byte over the limit is enough to refuse it: a huge file (or a pipe) is never read whole.
        const QByteArray text = file.read(ConfigCodec::maxDocumentSize + 1);
        if (text.size() > ConfigCodec::maxDocumentSize)
            return fail(2, QStringLiteral("%1: more than the limit of %2 bytes (1 MiB)")
                               .arg(file.fileName())
                               .arg(ConfigCodec::maxDocumentSize));
        ConfigParseResult parsed = ConfigCodec::parse(text);
        for (const ConfigError& e : std::as_const(parsed.errors))
            std::fprintf(stderr, "%s: %s\n", qPrintable(file.fileName()), qPrintable(e.toString()));
        if (!parsed.ok())
            return 2;
        resilience = std::move(parsed.config);
    } else {
        resilience = Profiles::load(parser.value(profile));
        if (!resilience)
            return fail(2, QStringLiteral("unknown profile %1 (production, staging, development)")
                               .arg(parser.value(profile)));
    }
    if (parser.isSet(tokenFile)) {
        // A token no client could send (two lines, a control character) must not start an agent that no
        // token matches.
        const TokenFile token = TokenFile::read(parser.value(tokenFile));
        if (!token.ok())
            return fail(2, token.error());
        options.token = token.token();
    }
    options.tlsCertFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);
    if (parser.isSet(upstream)) {
        options.upstream = QUrl(parser.value(upstream), QUrl::StrictMode);
        if (!options.upstream.isValid() || options.upstream.scheme().isEmpty())
            return fail(2, QStringLiteral("--upstream wants a URL, got %1").arg(parser.value(upstream)));
    }
    options.service = parser.value(service);
    options.instance = parser.value(instance);
    options.environment = parser.value(environment);
    bool ok = false;
    options.callsPerSecond = parser.value(rate).toDouble(&ok);
    if (!ok || options.callsPerSecond < 0 || options.callsPerSecond > 100000)
        return fail(2, QStringLiteral("--rate wants a number in [0, 100000]"));
    const double seconds = parser.value(interval).toDouble(&ok);
    const double minInterval = std::chrono::duration<double>(options.http.minStreamInterval).count();
    if (!ok || seconds < minInterval || seconds > 3600)
        return fail(2, QStringLiteral("--interval wants seconds in [%1, 3600]").arg(minInterval));
    options.streamInterval = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(2, QStringLiteral("--seed wants a non-negative integer"));
    options.http.maxConnections = parser.value(maxConnections).toInt(&ok);
    if (!ok || options.http.maxConnections < 1 || options.http.maxConnections > 100000)
        return fail(2, QStringLiteral("--max-connections wants an integer in [1, 100000]"));
    options.http.maxStreams = parser.value(maxStreams).toInt(&ok);
    if (!ok || options.http.maxStreams < 0 || options.http.maxStreams > 10000)
        return fail(2, QStringLiteral("--max-streams wants an integer in [0, 10000]"));

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return fail(1, QStringLiteral("cannot create the signal pipe"));
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    Agent agent(options, std::move(*resilience));
    QString error;
    if (!agent.start(&error))
        return fail(1, error);
    std::printf("listening on %s\n", qPrintable(agent.baseUrl().toString()));
    std::fflush(stdout);

    const int code = QCoreApplication::exec();
    agent.stop();
    return code;
}
