// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace.h"

#include "net/baseurl.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <cmath>

namespace jimini {

namespace {
const QStringList kKeys = {"url",     "environment", "group", "token_file",
                           "ca_file", "interval_ms", "mode",  "kind"};

// Empty when url is a usable URL; otherwise what is wrong with it, naming it as typed. fileVersion 1: a
// path is a prefix, not the document's address.
QString checkUrl(const QString& text, QUrl* out, int fileVersion = Workspace::version) {
    BaseUrl parsed = BaseUrl::parse(text);
    if (parsed.ok()) {
        *out = parsed.url;
        if (fileVersion == 1 && parsed.isDocument())
            out->setPath(out->path(QUrl::FullyEncoded) + QStringLiteral("/resilience/v1/health"),
                         QUrl::StrictMode);
    }
    return parsed.error;
}

// services[index].key, services[index], or key (index -1: the document itself).
FieldError entryError(int index, const QString& key, const QString& message) {
    QString path = index >= 0 ? QStringLiteral("services[%1]").arg(index) : QString();
    if (!key.isEmpty())
        path += (path.isEmpty() ? QString() : QStringLiteral(".")) + key;
    return {path, message};
}
} // namespace

Workspace::Workspace(QList<ServiceEndpoint> endpoints) {
    merge(endpoints);
}

bool Workspace::add(const ServiceEndpoint& endpoint) {
    for (const ServiceEndpoint& e : m_endpoints)
        if (e.id() == endpoint.id())
            return false;
    m_endpoints.append(endpoint);
    return true;
}

bool Workspace::remove(const QString& endpointId) {
    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints[i].id() == endpointId) {
            m_endpoints.removeAt(i);
            return true;
        }
    }
    return false;
}

int Workspace::merge(const QList<ServiceEndpoint>& endpoints) {
    int added = 0;
    for (const ServiceEndpoint& e : endpoints)
        added += add(e) ? 1 : 0;
    return added;
}

QByteArray Workspace::toJson() const {
    const ServiceEndpoint defaults;
    QJsonArray services;
    for (const ServiceEndpoint& e : m_endpoints) {
        // Encoded: the pretty form would write "%20" as a space, which opening refuses.
        QJsonObject o{
            {QStringLiteral("url"), e.baseUrl.toString(QUrl::StripTrailingSlash | QUrl::FullyEncoded)}};
        auto put = [&](const char* key, const QString& value) {
            if (!value.isEmpty())
                o.insert(QLatin1String(key), value);
        };
        put("environment", e.environment);
        put("group", e.group);
        put("token_file", e.tokenFile);
        put("ca_file", e.caFile);
        if (e.interval != defaults.interval)
            o.insert(QStringLiteral("interval_ms"), qint64(e.interval.count()));
        if (e.mode != defaults.mode)
            o.insert(QStringLiteral("mode"), e.mode == ServiceEndpoint::Mode::Stream ? "stream" : "poll");
        if (e.kind != defaults.kind)
            o.insert(QStringLiteral("kind"), toString(e.kind));
        services.append(o);
    }
    const QJsonObject root{{QStringLiteral("version"), version}, {QStringLiteral("services"), services}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

WorkspaceParseResult Workspace::fromJson(const QByteArray& json) {
    WorkspaceParseResult result;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
                                ? QStringLiteral("not JSON: %1 at offset %2")
                                      .arg(parseError.errorString())
                                      .arg(parseError.offset)
                                : QStringLiteral("must be a JSON object");
        result.errors.append(entryError(-1, {}, why));
        return result;
    }
    const QJsonObject root = doc.object();
    const QJsonValue v = root.value(QStringLiteral("version"));
    const int fileVersion = v.isDouble() && v.toDouble() == 1 ? 1 : version;
    if (!v.isDouble() || (v.toDouble() != 1 && v.toDouble() != version))
        result.errors.append(entryError(-1, QStringLiteral("version"), QStringLiteral("must be 1 or 2")));
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("services"))
            result.errors.append(entryError(-1, it.key(), QStringLiteral("unknown key")));
    const QJsonValue servicesValue = root.value(QStringLiteral("services"));
    if (!servicesValue.isArray()) {
        result.errors.append(entryError(-1, QStringLiteral("services"), QStringLiteral("must be a list")));
        return result;
    }
    QList<ServiceEndpoint> endpoints;
    QSet<QString> seen;
    const QJsonArray services = servicesValue.toArray();
    for (int i = 0; i < services.size(); ++i) {
        const int before = int(result.errors.size());
        auto fail = [&](const QString& key, const QString& message) {
            result.errors.append(entryError(i, key, message));
        };
        if (!services[i].isObject()) {
            fail({}, QStringLiteral("must be an object"));
            continue;
        }
        const QJsonObject o = services[i].toObject();
        ServiceEndpoint e;
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!kKeys.contains(it.key()))
                fail(it.key(), QStringLiteral("unknown key"));
        if (!o.value(QStringLiteral("url")).isString()) {
            fail(QStringLiteral("url"), QStringLiteral("required, a string"));
        } else if (const QString why =
                       checkUrl(o.value(QStringLiteral("url")).toString(), &e.baseUrl, fileVersion);
                   !why.isEmpty()) {
            fail(QStringLiteral("url"), why);
        } else if (seen.contains(e.id())) {
            fail(QStringLiteral("url"), QStringLiteral("listed twice (%1)").arg(e.id()));
        }
        for (const char* key : {"environment", "group", "token_file", "ca_file"}) {
            const QJsonValue value = o.value(QLatin1String(key));
            if (!value.isUndefined() && !value.isNull() && !value.isString())
                fail(QLatin1String(key), QStringLiteral("must be a string"));
        }
        e.environment = o.value(QStringLiteral("environment")).toString();
        e.group = o.value(QStringLiteral("group")).toString();
        e.tokenFile = o.value(QStringLiteral("token_file")).toString();
        e.caFile = o.value(QStringLiteral("ca_file")).toString();
        const QJsonValue interval = o.value(QStringLiteral("interval_ms"));
        if (!interval.isUndefined()) {
            const double ms = interval.toDouble(-1);
            if (!interval.isDouble() || ms != std::floor(ms) || ms < minIntervalMs || ms > maxIntervalMs)
                fail(QStringLiteral("interval_ms"), QStringLiteral("must be an integer between %1 and %2")
                                                        .arg(minIntervalMs)
                                                        .arg(maxIntervalMs));
            else
                e.interval = std::chrono::milliseconds(qint64(ms));
        }
        const QJsonValue mode = o.value(QStringLiteral("mode"));
        if (!mode.isUndefined()) {
            if (mode == QJsonValue(QStringLiteral("poll")))
                e.mode = ServiceEndpoint::Mode::Poll;
            else if (mode == QJsonValue(QStringLiteral("stream")))
                e.mode = ServiceEndpoint::Mode::Stream;
            else
                fail(QStringLiteral("mode"), QStringLiteral("must be \"poll\" or \"stream\""));
        }
        // Absent in files written before there were kinds: Jimini v1, which reads those files' services
        // (a guide-shaped document included) as it always did.
        const QJsonValue kind = o.value(QStringLiteral("kind"));
        if (!kind.isUndefined()) {
            const auto known = kind.isString() ? endpointKindFromName(kind.toString()) : std::nullopt;
            if (known)
                e.kind = *known;
            else
                fail(QStringLiteral("kind"), QStringLiteral("must be one of \"%1\"")
                                                 .arg(endpointKindNames().join(QStringLiteral("\", \""))));
        }
        if (result.errors.size() == before) {
            seen.insert(e.id());
            endpoints.append(e);
        }
    }
    if (result.errors.isEmpty())
        result.endpoints = endpoints;
    return result;
}

WorkspaceParseResult Workspace::importText(const QString& text, const ServiceEndpoint& defaults) {
    WorkspaceParseResult result;
    QList<ServiceEndpoint> endpoints;
    QSet<QString> seen;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int n = 0; n < lines.size(); ++n) {
        QString line = lines[n];
        const qsizetype hash = line.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            line.truncate(hash);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        ServiceEndpoint e = defaults;
        if (const QString why = checkUrl(line, &e.baseUrl); !why.isEmpty()) {
            result.errors.append({QStringLiteral("line %1").arg(n + 1), why});
            continue;
        }
        if (seen.contains(e.id()))
            continue; // the same URL twice in a list is harmless
        seen.insert(e.id());
        endpoints.append(e);
    }
    if (result.errors.isEmpty())
        result.endpoints = endpoints;
    return result;
}

bool Workspace::save(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

WorkspaceParseResult Workspace::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        WorkspaceParseResult r;
        r.errors.append({{}, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())});
        return r;
    }
    const QByteArray bytes = file.read(maxFileSize + 1); // bounded: the path may name a device or a pipe
    if (bytes.size() > maxFileSize) {
        WorkspaceParseResult r;
        r.errors.append(
            {{}, QStringLiteral("%1 is larger than %2 bytes (not read)").arg(path).arg(maxFileSize)});
        return r;
    }
    return fromJson(bytes);
}

} // namespace jimini
