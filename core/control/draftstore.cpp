// SPDX-License-Identifier: GPL-3.0-or-later
#include "draftstore.h"

#include "control/controllog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace jimini {

namespace {

const QString kSuffix = QStringLiteral(".draft.json");

bool validId(const QString& id) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

QJsonObject toJson(const ConfigDraft& d) {
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("instance"), d.instance},
            {QStringLiteral("origin"), d.origin},
            {QStringLiteral("base_etag"), QString::fromLatin1(d.baseEtag)},
            {QStringLiteral("base"), QString::fromUtf8(d.base)},
            {QStringLiteral("text"), QString::fromUtf8(d.text)},
            {QStringLiteral("saved_at"), d.savedAt.toUTC().toString(Qt::ISODateWithMs)}};
}

std::optional<ConfigDraft> fromJson(const QJsonObject& o) {
    if (!o.value(QStringLiteral("text")).isString() || !validId(o.value(QStringLiteral("id")).toString()))
        return std::nullopt;
    ConfigDraft d;
    d.id = o.value(QStringLiteral("id")).toString();
    d.instance = o.value(QStringLiteral("instance")).toString();
    d.origin = o.value(QStringLiteral("origin")).toString();
    d.baseEtag = o.value(QStringLiteral("base_etag")).toString().toLatin1();
    d.base = o.value(QStringLiteral("base")).toString().toUtf8();
    d.text = o.value(QStringLiteral("text")).toString().toUtf8();
    d.savedAt = QDateTime::fromString(o.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
    return d;
}

} // namespace

DraftStore::DraftStore(QString dir)
    : m_dir(std::move(dir)) {}

QString DraftStore::defaultDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

QString DraftStore::fileOf(const QString& id) const {
    return m_dir + QLatin1Char('/') + id + kSuffix;
}

bool DraftStore::save(ConfigDraft& draft) {
    if (draft.id.isEmpty())
        draft.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!validId(draft.id)) {
        m_error = QStringLiteral("not a draft id: %1").arg(draft.id);
        return false;
    }
    draft.savedAt = QDateTime::currentDateTimeUtc();
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    QSaveFile file(fileOf(draft.id));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(toJson(draft)).toJson()) < 0 ||
        !file.commit()) {
        m_error = QStringLiteral("%1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    m_error.clear();
    return true;
}

std::optional<ConfigDraft> DraftStore::load(const QString& id) const {
    if (!validId(id))
        return std::nullopt;
    QFile file(fileOf(id));
    if (!file.exists())
        return std::nullopt;
    if (file.size() > maxDraftFileSize || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcControl) << "draft" << file.fileName() << "unreadable or too large; skipped";
        return std::nullopt;
    }
    std::optional<ConfigDraft> draft = fromJson(QJsonDocument::fromJson(file.readAll()).object());
    if (!draft || draft->id != id) {
        qCWarning(lcControl) << "draft" << file.fileName() << "is not a draft; skipped";
        return std::nullopt;
    }
    return draft;
}

QList<ConfigDraft> DraftStore::list() const {
    QList<ConfigDraft> out;
    const QStringList names = QDir(m_dir).entryList({QStringLiteral("*") + kSuffix}, QDir::Files);
    for (const QString& name : names)
        if (std::optional<ConfigDraft> draft = load(name.chopped(kSuffix.size())))
            out.append(std::move(*draft));
    std::stable_sort(out.begin(), out.end(),
                     [](const ConfigDraft& a, const ConfigDraft& b) { return a.savedAt > b.savedAt; });
    return out;
}

bool DraftStore::remove(const QString& id) {
    return validId(id) && QFile::remove(fileOf(id));
}

} // namespace jimini
