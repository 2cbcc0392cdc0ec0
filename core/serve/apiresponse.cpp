// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiresponse.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jimini {

void ApiResponse::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    headers.append({name, value});
}

QByteArray ApiResponse::header(const QByteArray& name) const {
    for (const auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

ApiResponse ApiResponse::json(int status, const QJsonObject& object) {
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::json(int status, const QByteArray& compactJson) {
    return text(status, "application/json", compactJson);
}

ApiResponse ApiResponse::text(int status, const QByteArray& contentType, const QByteArray& body) {
    ApiResponse r;
    r.status = status;
    r.headers.append({"Content-Type", contentType});
    r.body = body;
    return r;
}

ApiResponse ApiResponse::empty(int status) {
    ApiResponse r;
    r.status = status;
    return r;
}

ApiResponse ApiResponse::problem(int status, const QString& slug, const QString& title, const QString& detail,
                                 const QString& instance) {
    const QJsonObject o{{QStringLiteral("type"), QStringLiteral("https://jimini.dev/problems/") + slug},
                        {QStringLiteral("title"), title},
                        {QStringLiteral("status"), status},
                        {QStringLiteral("detail"), detail},
                        {QStringLiteral("instance"), instance}};
    return text(status, "application/problem+json", QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::invalid(const QString& slug, const QString& title, const QList<ConfigError>& errors,
                                 const QString& instance) {
    QJsonArray list;
    QStringList lines;
    for (const ConfigError& e : errors) {
        list.append(QJsonObject{{QStringLiteral("path"), e.path}, {QStringLiteral("message"), e.message}});
        lines.append(e.toString());
    }
    QString detail =
        errors.size() == 1 ? QStringLiteral("1 error") : QStringLiteral("%1 errors").arg(errors.size());
    if (slug == QLatin1String("invalid-config"))
        detail += QStringLiteral("; the config in force is unchanged");
    ApiResponse r =
        problem(422, slug, title, detail + QStringLiteral(": ") + lines.join(QStringLiteral("; ")), instance);
    QJsonObject o = QJsonDocument::fromJson(r.body).object();
    o.insert(QStringLiteral("errors"), list);
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

} // namespace jimini
