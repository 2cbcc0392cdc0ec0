// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace jimini {

// Where a 3xx answer may take a request, decided here rather than by QNetworkAccessManager: Qt 6.4
// copies every header of the original request into the redirected one (createRedirectRequest), so its
// own following would hand the bearer token to whichever host a service names in Location.
//
// Credentials belong to the origin (scheme, host, port) they were configured for. Once a redirect leaves
// it they are dropped for the rest of the chain (FollowWithoutCredentials: the health sources' GETs), or
// the redirect is refused (Refuse: the control client, whose requests change state). https to http is
// never followed, nor more than maxRedirects hops. A method other than GET only follows 307 and 308,
// which keep method and body; 301/302/303 would turn it into a GET.
class RedirectPolicy {
public:
    enum class CrossOrigin : quint8 { FollowWithoutCredentials, Refuse };
    static constexpr int maxRedirects = 5;

    struct Step {
        QUrl url; // the next request's URL (when followed)
        bool keepCredentials = false;
        QString refusal; // empty: follow; otherwise why not, naming the target
        bool follow() const noexcept { return refusal.isEmpty(); }
    };

    explicit RedirectPolicy(CrossOrigin crossOrigin)
        : m_crossOrigin(crossOrigin) {}

    static bool isRedirect(int httpStatus);
    static bool sameOrigin(const QUrl& a, const QUrl& b);

    // The answer to a request for `from` (the original request was for `origin`, with credentials
    // still attached when `credentials`) was `httpStatus` with `location`; `redirects` were followed
    // before this one.
    Step next(const QUrl& origin, const QUrl& from, bool credentials, const QByteArray& method,
              int httpStatus, const QByteArray& location, int redirects) const;

private:
    CrossOrigin m_crossOrigin;
};

} // namespace jimini
