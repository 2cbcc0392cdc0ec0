// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthcommand.h"

#include "healthsummary.h"

#include "auth/tokenfile.h"
#include "health/healthcodec.h"
#include "net/baseurl.h"
#include "net/connection.h"
#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cmath>

namespace jimini {

int runHealthCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reads a service's health document once and prints it as the console understands it "
                       "(normalized to the v1 model, whichever format the service spoke)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("URL"),
        QStringLiteral("the service's base URL (http://127.0.0.1:8080 reads /resilience/v1/health under it), "
                       "or the health document's own URL when it has a path (http://127.0.0.1:8000/health); "
                       "host:port without a scheme is read as http://host:port"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("bearer token file: one line of printable ASCII (one trailing newline allowed). The "
                       "token goes only to the URL's origin (scheme, host, port): a redirect elsewhere is "
                       "followed without it; https to http and more than 5 redirects are refused."),
        QStringLiteral("FILE"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QStringLiteral("extra CA certificate (PEM) to trust"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("print the normalized v1 document as JSON"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("seconds for the whole exchange, redirects included "
                                                    "(default 10); answers over 4 MiB are refused"),
                                     QStringLiteral("S"), QStringLiteral("10"));
    parser.addOptions({tokenFile, caFile, json, timeout});
    if (!parser.parse(arguments)) {
        err << "jimini health: " << parser.errorText() << "\n";
        return 1;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] URL"),
                                         QStringLiteral("health [options] URL"));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "jimini health: expected one URL (see jimini health --help)\n";
        return 1;
    }
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600) {
        err << "jimini health: --timeout must be a number of seconds in (0, 3600]\n";
        return 1;
    }
    const BaseUrl url = BaseUrl::parse(positional.front());
    if (!url.ok()) {
        err << "jimini health: " << url.error << "\n";
        return 1;
    }
    if (url.schemeAssumed)
        err << "jimini health: " << url.note() << "\n";
    ServiceEndpoint endpoint;
    endpoint.baseUrl = url.url;
    if (parser.isSet(tokenFile)) {
        // Checked before anything is sent (Connection reads it again, through the same TokenFile).
        const TokenFile token = TokenFile::read(parser.value(tokenFile));
        if (!token.ok()) {
            err << "jimini health: " << token.error() << "\n";
            return 2;
        }
    }
    endpoint.tokenFile = parser.value(tokenFile);
    endpoint.caFile = parser.value(caFile);
    endpoint.mode = ServiceEndpoint::Mode::Poll;

    Connection::Options options;
    options.singleShot = true;
    options.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    const auto clock = ConsoleClock::live();
    // Left to the process's exit on purpose (main() ends it with std::_Exit): QNetworkAccessManager's
    // destructor waits up to 5 s for its HTTP thread, which Qt 6.4 keeps busy reading a flood of header
    // bytes one at a time; the stalled connection is cut at the deadline (HttpExchange), but the exit
    // must not depend on when that lands.
    auto* nam = new QNetworkAccessManager;
    Connection source(protocolFor(endpoint.kind), endpoint, *clock, nam, options);
    std::optional<SourceSample> result;
    QEventLoop loop;
    QObject::connect(&source, &Connection::sampleReady, &loop, [&](const SourceSample& sample) {
        result = sample;
        loop.quit();
    });
    source.start();
    loop.exec();

    if (!result || result->status != SourceStatus::Ok || !result->document) {
        const QString reason = result ? result->reason : QStringLiteral("no answer");
        // The URL asked, not the one typed: "http://h:1: HTTP 404" did not say /resilience/v1/health was
        // appended.
        err << "jimini health: " << endpoint.healthUrl().toString() << ": " << reason << "\n";
        return 2;
    }
    if (parser.isSet(json))
        out << QString::fromUtf8(HealthCodec::encode(*result->document)) << "\n";
    else
        out << healthSummary(*result->document);
    return 0;
}

} // namespace jimini
