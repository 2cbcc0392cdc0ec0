// SPDX-License-Identifier: GPL-3.0-or-later
#include "redirectpolicy.h"

namespace jimini {

bool RedirectPolicy::isRedirect(int httpStatus) {
    return httpStatus == 301 || httpStatus == 302 || httpStatus == 303 || httpStatus == 307 ||
           httpStatus == 308;
}

bool RedirectPolicy::sameOrigin(const QUrl& a, const QUrl& b) {
    auto defaultPort = [](const QUrl& u) { return u.scheme() == QLatin1String("https") ? 443 : 80; };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
}

RedirectPolicy::Step RedirectPolicy::next(const QUrl& origin, const QUrl& from, bool credentials,
                                          const QByteArray& method, int httpStatus,
                                          const QByteArray& location, int redirects) const {
    Step s;
    const QString status = QStringLiteral("HTTP %1").arg(httpStatus);
    if (location.isEmpty()) {
        s.refusal = QStringLiteral("%1 redirect without a Location").arg(status);
        return s;
    }
    const QUrl relative(QString::fromLatin1(location), QUrl::StrictMode);
    s.url = from.resolved(relative);
    const QString target = s.url.toString();
    if (!relative.isValid() || !s.url.isValid() || s.url.host().isEmpty() ||
        (s.url.scheme() != QLatin1String("http") && s.url.scheme() != QLatin1String("https"))) {
        s.refusal = QStringLiteral("%1 redirect to an unusable URL \"%2\"")
                        .arg(status, QString::fromLatin1(location.left(200)));
        return s;
    }
    if (redirects >= maxRedirects) {
        s.refusal = QStringLiteral("more than %1 redirects (the last to %2)")
                        .arg(QString::number(maxRedirects), target);
        return s;
    }
    if (from.scheme() == QLatin1String("https") && s.url.scheme() == QLatin1String("http")) {
        s.refusal = QStringLiteral("%1 redirect from https to http (%2) refused").arg(status, target);
        return s;
    }
    if (method != "GET" && httpStatus != 307 && httpStatus != 308) {
        s.refusal = QStringLiteral("%1 redirect of a %2 to %3 refused (only 307 and 308 keep the method)")
                        .arg(status, QString::fromLatin1(method), target);
        return s;
    }
    const bool same = sameOrigin(origin, s.url);
    if (!same && m_crossOrigin == CrossOrigin::Refuse) {
        s.refusal = QStringLiteral("%1 redirect to another origin (%2) refused").arg(status, target);
        return s;
    }
    s.keepCredentials = credentials && same;
    return s;
}

} // namespace jimini
