// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeoptions.h"

#include <algorithm>
#include <cmath>

namespace jimini {

std::optional<QString> checkProbeUrl(const QUrl& url) {
    if (!url.isValid() || url.isEmpty())
        return QStringLiteral("\"%1\" is not a URL").arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("\"%1\": the scheme must be http or https").arg(url.toString());
    if (url.host().isEmpty())
        return QStringLiteral("\"%1\" has no host").arg(url.toString());
    if (!url.userInfo().isEmpty())
        return QStringLiteral("\"%1\": credentials in a URL are refused (use --header or --token-file)")
            .arg(url.toString(QUrl::RemoveUserInfo));
    return std::nullopt;
}

QStringList ProbeOptions::validate() const {
    QStringList errors;
    if (const auto e = checkProbeUrl(url))
        errors << QStringLiteral("url: %1").arg(*e);
    const QByteArray m = request.method;
    if (m.isEmpty() || !std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        errors << QStringLiteral("method: \"%1\" is not an HTTP method (upper-case letters)")
                      .arg(QString::fromLatin1(m));
    if (load.mode == ProbeLoad::Mode::OpenLoop && !(load.rate > 0 && load.rate <= maxRate))
        errors << QStringLiteral("rate: %1 is not in (0, %2] calls per second").arg(load.rate).arg(maxRate);
    if (load.mode == ProbeLoad::Mode::ClosedLoop && (load.workers < 1 || load.workers > maxWorkers))
        errors << QStringLiteral("workers: %1 is not in [1, %2]").arg(load.workers).arg(maxWorkers);
    if (!load.duration && !load.requests)
        errors << QStringLiteral("duration: a run needs a duration or a request count");
    if (load.duration && *load.duration <= Duration::zero())
        errors << QStringLiteral("duration: must be more than 0");
    if (load.requests && *load.requests == 0)
        errors << QStringLiteral("requests: must be at least 1");
    return errors;
}

int ProbeOptions::managerCount() const {
    double concurrency = load.workers;
    if (load.mode == ProbeLoad::Mode::OpenLoop) {
        const Duration timeout =
            policy.pipeline.timeout ? policy.pipeline.timeout->perAttempt : std::chrono::seconds(30);
        concurrency = load.rate * std::chrono::duration<double>(timeout).count();
    }
    // Past 64 managers (384 connections) more sockets buy nothing on loopback and cost descriptors.
    return std::clamp(int(std::ceil(concurrency / 6.0)), 1, 64);
}

} // namespace jimini
