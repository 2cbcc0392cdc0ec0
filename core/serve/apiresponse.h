// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace jimini {

// One HTTP answer, free of the server library.
struct ApiResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Type included
    QByteArray body;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const;

    static ApiResponse json(int status, const QJsonObject& object);
    static ApiResponse json(int status, const QByteArray& compactJson);
    static ApiResponse text(int status, const QByteArray& contentType, const QByteArray& body);
    static ApiResponse empty(int status);
    // application/problem+json (RFC 9457); type is https://jimini.dev/problems/<slug>.
    static ApiResponse problem(int status, const QString& slug, const QString& title, const QString& detail,
                               const QString& instance);
    // 422 with {path, message} for every error.
    static ApiResponse invalid(const QString& slug, const QString& title, const QList<ConfigError>& errors,
                               const QString& instance);
};

} // namespace jimini
