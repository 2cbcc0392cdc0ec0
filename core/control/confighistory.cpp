// SPDX-License-Identifier: GPL-3.0-or-later
#include "confighistory.h"

#include "control/controllog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace jimini {

ConfigHistory::ConfigHistory(QString dir)
    : m_dir(std::move(dir)) {}

QString ConfigHistory::defaultDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/config-history");
}

QString ConfigHistory::fileOf(const QString& instance) const {
    // A URL is no file name; its hash is, and the file says whose it is inside.
    const QByteArray hash = QCryptographicHash::hash(instance.toUtf8(), QCryptographicHash::Sha256).toHex();
    return m_dir + QLatin1Char('/') + QString::fromLatin1(hash.left(24)) + QStringLiteral(".json");
}

QList<ConfigVersion> ConfigHistory::versions(const QString& instance) const {
    QFile file(fileOf(instance));
    if (!file.exists())
        return {};
    if (file.size() > maxFileSize || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcControl) << "config history" << file.fileName() << "unreadable or too large; ignored";
        return {};
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QStringLiteral("instance")).toString() != instance)
        return {};
    QList<ConfigVersion> out;
    for (const QJsonValue& v : root.value(QStringLiteral("versions")).toArray()) {
        const QJsonObject o = v.toObject();
        ConfigVersion version;
        version.etag = o.value(QStringLiteral("etag")).toString().toLatin1();
        version.document = o.value(QStringLiteral("document")).toString().toUtf8();
        version.recordedAt =
            QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if (!version.etag.isEmpty() && !version.document.isEmpty())
            out.append(version);
    }
    return out;
}

bool ConfigHistory::record(const QString& instance, const ConfigVersion& version) {
    QList<ConfigVersion> list = versions(instance);
    if (!list.isEmpty() && list.back().etag == version.etag)
        list.removeLast();
    list.append(version);
    while (list.size() > maxVersions)
        list.removeFirst();
    QJsonArray array;
    for (const ConfigVersion& v : std::as_const(list))
        array.append(QJsonObject{{QStringLiteral("etag"), QString::fromLatin1(v.etag)},
                                 {QStringLiteral("time"), v.recordedAt.toUTC().toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("document"), QString::fromUtf8(v.document)}});
    const QJsonObject root{{QStringLiteral("instance"), instance}, {QStringLiteral("versions"), array}};
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    QSaveFile file(fileOf(instance));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        m_error = QStringLiteral("%1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    m_error.clear();
    return true;
}

ConfigVersion ConfigHistory::previous(const QString& instance) const {
    const QList<ConfigVersion> list = versions(instance);
    return list.size() >= 2 ? list[list.size() - 2] : ConfigVersion{};
}

} // namespace jimini
