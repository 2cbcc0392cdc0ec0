// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Blocking-looking HTTP for tests: each request spins the event loop (QSignalSpy::wait) until its
// reply finishes, so the agent under test keeps serving in the same thread.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

#include <utility>
#include <vector>

struct HttpReply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QByteArray header(const QByteArray& name) const {
        for (const auto& h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

using HttpHeaders = std::vector<std::pair<QByteArray, QByteArray>>;

inline QNetworkReply* sendHttp(QNetworkAccessManager& nam, const QByteArray& method, const QUrl& url,
                               const QByteArray& body = {}, const HttpHeaders& headers = {}) {
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    return nam.sendCustomRequest(request, method, body);
}

inline HttpReply collectHttp(QNetworkReply* reply, int timeoutMs = 15000) {
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(timeoutMs);
    }
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    r.error = reply->error();
    reply->deleteLater();
    return r;
}

inline HttpReply http(QNetworkAccessManager& nam, const QByteArray& method, const QUrl& url,
                      const QByteArray& body = {}, const HttpHeaders& headers = {}) {
    return collectHttp(sendHttp(nam, method, url, body, headers));
}

// A test config: two policies, no rate limit (the generated traffic must reach the downstream), a
// sensitive breaker, a short timeout.
inline QByteArray testConfigJson(int failureThreshold = 3, const char* environment = "test") {
    return QByteArray(R"({"environment": ")") + environment + R"(", "policies": {
  "default": {"retry": {"max_attempts": 2, "initial_delay": 0.05, "max_delay": 0.1},
              "circuit_breaker": {"failure_threshold": )" +
           QByteArray::number(failureThreshold) + R"(, "recovery_timeout": 60},
              "timeout": 1, "bulkhead": {"limit": 50, "queue": 10}, "rate_limit": null},
  "payments": {"retry": null, "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 30},
               "timeout": 2, "bulkhead": {"limit": 20, "queue": 0}, "rate_limit": {"requests_per_second": 100, "burst_limit": 100}}
}})";
}
