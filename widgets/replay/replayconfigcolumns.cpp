// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayconfigcolumns.h"

#include "config/configcodec.h"
#include "config/profiles.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>

namespace jimini {

namespace {
const QString draftKey = QStringLiteral("draft");
const QString fileKey = QStringLiteral("file");
} // namespace

ReplayConfigColumns::ReplayConfigColumns(QWidget* parent)
    : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    const QStringList defaults{QStringLiteral("production"), QStringLiteral("staging"), QString()};
    for (int c = 0; c < maxColumns; ++c) {
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("replayConfig%1").arg(c));
        box->setAccessibleName(tr("Config of column %1").arg(c + 1));
        if (c > 0)
            box->addItem(tr("(none)"), QString());
        for (const QString& name : Profiles::names())
            box->addItem(name, name);
        box->addItem(tr("Config editor's draft"), draftKey);
        box->addItem(tr("Config file..."), fileKey);
        box->setCurrentIndex(std::max(0, box->findData(defaults[c])));
        m_boxes[std::size_t(c)] = box;
        m_problems[std::size_t(c)] = new QLabel(this);
        m_problems[std::size_t(c)]->setWordWrap(true);
        grid->addWidget(new QLabel(tr("Column %1:").arg(c + 1), this), 0, c * 2);
        grid->addWidget(box, 0, c * 2 + 1);
        grid->addWidget(m_problems[std::size_t(c)], 1, c * 2, 1, 2);
        connect(box, &QComboBox::activated, this, [this, c] { onActivated(c); });
    }
    draftChanged();
}

void ReplayConfigColumns::setDraftProvider(DraftProvider provider) {
    m_draft = std::move(provider);
    draftChanged();
}

void ReplayConfigColumns::draftChanged() {
    const bool has = m_draft && m_draft().has_value();
    for (QComboBox* box : m_boxes) {
        const int i = box->findData(draftKey);
        box->setItemData(i, has ? QVariant() : QVariant(0), Qt::UserRole - 1); // disabled without a draft
        box->setItemData(i, has ? QString() : tr("The config editor has no draft open"), Qt::ToolTipRole);
    }
}

void ReplayConfigColumns::onActivated(int column) {
    QComboBox* box = m_boxes[std::size_t(column)];
    if (box->currentData().toString() == fileKey) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a config"), QString(),
                                                          tr("Config files (*.json);;All files (*)"));
        if (!path.isEmpty())
            m_files[std::size_t(column)] = path;
    }
    QString error;
    read(column, &error);
    m_problems[std::size_t(column)]->setText(error);
    emit changed();
}

void ReplayConfigColumns::setColumn(int column, const QString& what) {
    QComboBox* box = m_boxes[std::size_t(column)];
    int i = box->findData(what);
    if (i < 0 && !what.isEmpty()) {
        m_files[std::size_t(column)] = what;
        i = box->findData(fileKey);
    }
    box->setCurrentIndex(std::max(0, i));
    QString error;
    read(column, &error);
    m_problems[std::size_t(column)]->setText(error);
    emit changed();
}

std::optional<ReplayConfigColumns::Choice> ReplayConfigColumns::read(int column, QString* error) {
    const QString what = m_boxes[std::size_t(column)]->currentData().toString();
    error->clear();
    if (what.isEmpty())
        return std::nullopt;
    QString label = what;
    QByteArray json;
    if (what == draftKey) {
        const std::optional<EditorDraft> draft = m_draft ? m_draft() : std::nullopt;
        if (!draft) {
            *error = tr("The config editor has no draft open.");
            return std::nullopt;
        }
        label = draft->label.isEmpty() ? tr("editor's draft") : draft->label;
        json = draft->json;
    } else if (what == fileKey) {
        const QString path = m_files[std::size_t(column)];
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            *error = path.isEmpty() ? tr("No file chosen.") : tr("%1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        if (file.size() > ConfigCodec::maxDocumentSize) {
            *error = tr("%1: larger than %2 bytes").arg(path).arg(ConfigCodec::maxDocumentSize);
            return std::nullopt;
        }
        json = file.read(ConfigCodec::maxDocumentSize + 1);
        label = QFileInfo(path).completeBaseName();
    } else {
        const std::optional<ResilienceConfig> profile = Profiles::load(what);
        if (!profile) {
            *error = tr("%1: not a bundled profile").arg(what);
            return std::nullopt;
        }
        return Choice{label, ConfigCodec::serialize(*profile), *profile};
    }
    const ConfigParseResult parsed = ConfigCodec::parse(json);
    if (!parsed.config) {
        QStringList lines;
        for (const ConfigError& e : parsed.errors)
            lines << label + QStringLiteral(": ") + e.toString();
        *error = lines.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    return Choice{label, json, *parsed.config};
}

std::vector<ReplayConfigColumns::Choice> ReplayConfigColumns::choices() {
    std::vector<Choice> out;
    bool failed = false;
    for (int c = 0; c < maxColumns; ++c) {
        QString error;
        std::optional<Choice> choice = read(c, &error);
        m_problems[std::size_t(c)]->setText(error);
        failed = failed || !error.isEmpty();
        if (choice)
            out.push_back(std::move(*choice));
    }
    return failed ? std::vector<Choice>{} : out;
}

QStringList ReplayConfigColumns::errors() const {
    QStringList out;
    for (QLabel* label : m_problems)
        if (!label->text().isEmpty())
            out << label->text();
    return out;
}

} // namespace jimini
