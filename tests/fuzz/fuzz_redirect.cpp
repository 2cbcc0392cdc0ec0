// SPDX-License-Identifier: GPL-3.0-or-later
// Where a request may go: a URL as typed (BaseUrl::parse: the CLI, the workspace, a pasted list) and
// a redirect's Location from the service (RedirectPolicy::next). Input: one byte of flags (bit 0
// credentials attached, bit 1 a POST, bits 2-4 the status, bit 5 the control client's policy, bits 6-7
// redirects already followed, doubled), then the URL, a \n, and the Location. The checks are the
// credential rules: never to another origin, never https to http, at most 5 hops; and where the document
// and the other endpoints are read (ServiceEndpoint::healthUrl, apiBase).
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "net/baseurl.h"
#include "net/redirectpolicy.h"
#include "net/serviceendpoint.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace {
bool isWeb(const QUrl& url) {
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size < 1 || size > 16 * 1024)
        return -1;
    const std::uint8_t flags = data[0];
    const QByteArray text(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    const qsizetype newline = text.indexOf('\n');
    const QByteArray typed = newline < 0 ? text : text.left(newline);
    const QByteArray location = newline < 0 ? QByteArray() : text.mid(newline + 1);

    const BaseUrl base = BaseUrl::parse(QString::fromUtf8(typed));
    fuzz::require(base.ok() || base.url.isEmpty(), "a refused URL gives no URL");
    if (!base.ok())
        return 0;
    fuzz::require(isWeb(base.url) && !base.url.host().isEmpty(), "a base URL is http(s) with a host");
    fuzz::require(!base.url.hasQuery() && !base.url.hasFragment() && base.url.userInfo().isEmpty(),
                  "a base URL has no query, fragment or credentials");
    const BaseUrl again = BaseUrl::parse(base.url.toString(QUrl::FullyEncoded)); // as a workspace saves it
    fuzz::require(again.ok() && again.url == base.url, "a base URL, written out, reads back the same");
    fuzz::require(!again.schemeAssumed && (!base.schemeAssumed || base.url.scheme() == QLatin1String("http")),
                  "a URL typed without a scheme is http, and written out it has one");
    ServiceEndpoint endpoint;
    endpoint.baseUrl = base.url;
    const QUrl health = endpoint.healthUrl();
    fuzz::require(RedirectPolicy::sameOrigin(base.url, health) && !health.hasQuery() &&
                      (base.isDocument() ? health == base.url : health.path() == "/resilience/v1/health"),
                  "the document is read at the URL, or at /resilience/v1/health under a base");
    if (const auto api = endpoint.apiBase())
        fuzz::require(
            RedirectPolicy::sameOrigin(base.url, *api) &&
                (base.isDocument() ? base.url.path().endsWith("/resilience/v1/health") : *api == base.url),
            "the other endpoints are under the base, or under a document URL's protocol prefix");

    static constexpr std::array<int, 8> statuses{301, 302, 303, 307, 308, 300, 304, 200};
    const bool credentials = flags & 1;
    const QByteArray method = flags & 2 ? "POST" : "GET";
    const int status = statuses[(flags >> 2) & 7];
    const auto crossOrigin = flags & 32 ? RedirectPolicy::CrossOrigin::Refuse
                                        : RedirectPolicy::CrossOrigin::FollowWithoutCredentials;
    const int redirects = ((flags >> 6) & 3) * 2;
    const RedirectPolicy policy(crossOrigin);
    const RedirectPolicy::Step step =
        policy.next(base.url, base.url, credentials, method, status, location, redirects);
    if (!step.follow())
        return 0;
    fuzz::require(step.url.isValid() && isWeb(step.url) && !step.url.host().isEmpty(),
                  "a redirect is followed only to an http(s) URL with a host");
    fuzz::require(redirects < RedirectPolicy::maxRedirects, "at most 5 redirects are followed");
    fuzz::require(base.url.scheme() != QLatin1String("https") || step.url.scheme() == QLatin1String("https"),
                  "https is never followed to http");
    fuzz::require(method == "GET" || status == 307 || status == 308, "only 307 and 308 keep another method");
    fuzz::require(!step.keepCredentials || (credentials && RedirectPolicy::sameOrigin(base.url, step.url)),
                  "credentials stay with their origin");
    fuzz::require(crossOrigin != RedirectPolicy::CrossOrigin::Refuse ||
                      RedirectPolicy::sameOrigin(base.url, step.url),
                  "the control client follows only within the origin");
    return 0;
}
