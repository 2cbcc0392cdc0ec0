// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configform.h"

#include "control/configdraftmodel.h"

#include "config/configtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace jimini {

namespace {

QString display(const QStringList& keys) {
    QString path;
    for (const QString& key : keys)
        path = ConfigText::join(path, key);
    return path;
}

QString rangeText(const ConfigFieldSpec& spec) {
    const ConfigRange& r = spec.range;
    const bool lo = std::isfinite(r.lo);
    const bool hi = std::isfinite(r.hi);
    if (!lo && !hi)
        return {};
    QString text =
        lo ? (r.loOpen ? QStringLiteral("> %1") : QStringLiteral(">= %1")).arg(ConfigText::number(r.lo))
           : QString();
    if (hi)
        text += (lo ? QStringLiteral(", ") : QString()) +
                (r.hiOpen ? QStringLiteral("< %1") : QStringLiteral("<= %1")).arg(ConfigText::number(r.hi));
    return text;
}

QString valueText(const QJsonValue& value) {
    if (value.isDouble())
        return ConfigText::number(value.toDouble());
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& v : value.toArray())
            parts.append(v.isString() ? v.toString() : valueText(v));
        return parts.join(QStringLiteral(", "));
    }
    return {};
}

// The index-free path of an error, so retry_on[2] lands on retry_on.
QString fieldPathOf(const QString& path) {
    const qsizetype bracket = path.indexOf(QLatin1Char('['));
    return bracket < 0 ? path : path.left(bracket);
}

} // namespace

ConfigForm::ConfigForm(ConfigDraftModel& draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_layout(new QVBoxLayout(this))
    , m_banner(new QLabel(this)) {
    m_banner->setWordWrap(true);
    m_banner->setObjectName(QStringLiteral("configFormBanner"));
    m_layout->addWidget(m_banner);
    connect(&m_draft, &ConfigDraftModel::changed, this, &ConfigForm::onDraftChanged);
    onDraftChanged();
}

void ConfigForm::setServiceErrors(const QList<FieldError>& errors) {
    m_serviceErrors = errors;
    showErrors();
}

QWidget* ConfigForm::editorAt(const QString& path) const {
    for (const Row& row : m_rows)
        if (display(row.keys) == path)
            return row.editor;
    return nullptr;
}

QString ConfigForm::errorAt(const QString& path) const {
    for (const Row& row : m_rows)
        if (display(row.keys) == path)
            return row.error->isHidden() ? QString() : row.error->text();
    const QLabel* label = m_groupErrors.value(path);
    return label && !label->isHidden() ? label->text() : QString();
}

void ConfigForm::onDraftChanged() {
    m_serviceErrors.clear();
    if (m_draft.syntaxError()) {
        m_banner->setText(tr("The JSON has a syntax error (%1); fix it in the JSON view.")
                              .arg(m_draft.syntaxError()->toString()));
        m_banner->show();
        if (m_body)
            m_body->setEnabled(false);
        return;
    }
    if (!m_draft.isObject()) {
        m_banner->setText(tr("The draft is not a JSON object."));
        m_banner->show();
        if (m_body)
            m_body->setEnabled(false);
        return;
    }
    m_banner->hide();
    if (structure() != m_structure || !m_body)
        rebuild();
    m_body->setEnabled(true);
    refreshValues();
    showErrors();
}

QString ConfigForm::structure() const {
    QStringList parts;
    const QJsonObject policies = m_draft.writtenValue({QStringLiteral("policies")}).toObject();
    for (auto it = policies.begin(); it != policies.end(); ++it) {
        QString part = it.key() + QLatin1Char(':');
        for (const QString& stage : ConfigFieldSpec::stages()) {
            const QJsonValue v = it.value().toObject().value(stage);
            part += v.isUndefined() || v.isNull() ? QLatin1Char('-') : QLatin1Char('+');
        }
        parts.append(part);
    }
    return parts.join(QLatin1Char('|'));
}

void ConfigForm::rebuild() {
    m_structure = structure();
    m_rows.clear();
    m_groupErrors.clear();
    m_stageBoxes.clear();
    if (m_body) {
        // Possibly inside a signal of one of its widgets (a stage box's toggle): deleted later.
        m_layout->removeWidget(m_body);
        m_body->hide();
        m_body->deleteLater();
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    const QList<ConfigFieldSpec> specs = ConfigFieldSpec::all();
    const QJsonObject policies = m_draft.writtenValue({QStringLiteral("policies")}).toObject();
    for (auto it = policies.begin(); it != policies.end(); ++it) {
        const QString policy = it.key();
        auto* box = new QGroupBox(tr("Policy %1").arg(policy), content);
        auto* boxLayout = new QVBoxLayout(box);
        auto* policyError = new QLabel(box);
        policyError->setStyleSheet(QStringLiteral("color: #c0392b"));
        policyError->hide();
        boxLayout->addWidget(policyError);
        m_groupErrors.insert(display({QStringLiteral("policies"), policy}), policyError);
        for (const QString& stage : ConfigFieldSpec::stages()) {
            const QStringList stageKeys{QStringLiteral("policies"), policy, stage};
            auto* stageBox = new QGroupBox(stage, box);
            stageBox->setCheckable(true);
            const QJsonValue v = it.value().toObject().value(stage);
            const bool on = !(v.isUndefined() || v.isNull());
            stageBox->setChecked(on);
            stageBox->setToolTip(tr("Unchecked: the stage is off (null)."));
            connect(stageBox, &QGroupBox::toggled, this, [this, stageKeys](bool checked) {
                write(stageKeys, checked ? QJsonValue(QJsonObject()) : QJsonValue(QJsonValue::Null));
            });
            m_stageBoxes.insert(display(stageKeys), stageBox);
            auto* form = new QFormLayout(stageBox);
            auto* stageError = new QLabel(stageBox);
            stageError->setStyleSheet(QStringLiteral("color: #c0392b"));
            stageError->hide();
            form->addRow(stageError);
            m_groupErrors.insert(display(stageKeys), stageError);
            if (on) {
                for (const ConfigFieldSpec& spec : specs) {
                    if (spec.stage != stage)
                        continue;
                    Row row;
                    row.keys = stageKeys + QStringList{spec.key};
                    row.spec = spec;
                    row.editor = makeEditor(spec, row.keys);
                    row.error = new QLabel(stageBox);
                    row.error->setStyleSheet(QStringLiteral("color: #c0392b"));
                    row.error->setWordWrap(true);
                    row.error->hide();
                    auto* line = new QWidget(stageBox);
                    auto* h = new QHBoxLayout(line);
                    h->setContentsMargins(0, 0, 0, 0);
                    h->addWidget(row.editor, 1);
                    if (!spec.unit.isEmpty())
                        h->addWidget(new QLabel(spec.unit, line));
                    auto* cell = new QWidget(stageBox);
                    auto* v2 = new QVBoxLayout(cell);
                    v2->setContentsMargins(0, 0, 0, 0);
                    v2->addWidget(line);
                    v2->addWidget(row.error);
                    QString tip = spec.help;
                    if (const QString range = rangeText(spec); !range.isEmpty())
                        tip +=
                            (tip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Range: %1").arg(range);
                    if (!spec.profiles.isEmpty())
                        tip += QStringLiteral("\n") + tr("Guide profiles: %1").arg(spec.profiles);
                    row.editor->setToolTip(tip);
                    auto* label = new QLabel(spec.key, stageBox);
                    label->setToolTip(tip);
                    form->addRow(label, cell);
                    m_rows.append(row);
                }
            }
            boxLayout->addWidget(stageBox);
        }
        layout->addWidget(box);
    }
    layout->addStretch(1);
    scroll->setWidget(content);
    m_body = scroll;
    m_layout->addWidget(m_body, 1);
}

QWidget* ConfigForm::makeEditor(const ConfigFieldSpec& spec, const QStringList& keys) {
    switch (spec.kind) {
    case FieldKind::Bool: {
        auto* box = new QCheckBox;
        connect(box, &QCheckBox::toggled, this, [this, keys](bool on) { write(keys, on); });
        return box;
    }
    case FieldKind::Enum: {
        auto* combo = new QComboBox;
        combo->addItems(spec.names);
        connect(combo, &QComboBox::currentTextChanged, this,
                [this, keys](const QString& text) { write(keys, text); });
        return combo;
    }
    case FieldKind::Categories: {
        auto* edit = new QLineEdit;
        connect(edit, &QLineEdit::textEdited, this, [this, keys](const QString& text) {
            QJsonArray list;
            for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                list.append(part.trimmed());
            write(keys, list);
        });
        return edit;
    }
    default: {
        auto* edit = new QLineEdit;
        connect(edit, &QLineEdit::textEdited, this, [this, keys](const QString& text) {
            const QString trimmed = text.trimmed();
            if (trimmed.isEmpty()) {
                write(keys, QJsonValue(QJsonValue::Undefined)); // back to the default
                return;
            }
            bool ok = false;
            const double number = QLocale::c().toDouble(trimmed, &ok);
            // Not a number: written as the text, so the rules say what is wrong with it.
            write(keys, ok && std::isfinite(number) ? QJsonValue(number) : QJsonValue(trimmed));
        });
        return edit;
    }
    }
}

void ConfigForm::write(const QStringList& keys, const QJsonValue& value) {
    m_draft.setField(keys, value);
}

void ConfigForm::refreshValues() {
    for (const Row& row : std::as_const(m_rows)) {
        const QJsonValue value = m_draft.effectiveValue(row.keys);
        const QSignalBlocker block(row.editor);
        if (auto* box = qobject_cast<QCheckBox*>(row.editor)) {
            box->setChecked(value.toBool());
        } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
            combo->setCurrentIndex(combo->findText(value.toString()));
        } else if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
            // The field being typed in keeps what was typed (1. is not rewritten to 1).
            if (!edit->hasFocus() && edit->text() != valueText(value))
                edit->setText(valueText(value));
        }
    }
}

void ConfigForm::showErrors() {
    QHash<QString, QStringList> byPath;
    for (const FieldError& e : m_draft.errors())
        byPath[fieldPathOf(e.path)].append(e.message);
    for (const FieldError& e : std::as_const(m_serviceErrors))
        byPath[fieldPathOf(e.path)].append(tr("service: %1").arg(e.message));
    for (Row& row : m_rows) {
        const QStringList messages = byPath.take(display(row.keys));
        row.error->setText(messages.join(QLatin1Char('\n')));
        row.error->setVisible(!messages.isEmpty());
        row.editor->setProperty("invalid", !messages.isEmpty());
    }
    // An error with no field of its own (order, budget, adaptive, a policy name) shows on the innermost
    // policy or stage box that holds it, with the rest of its path.
    QHash<QString, QStringList> groupMessages;
    QStringList rest;
    for (auto it = byPath.begin(); it != byPath.end(); ++it) {
        QString best;
        for (auto g = m_groupErrors.begin(); g != m_groupErrors.end(); ++g)
            if ((it.key() == g.key() || it.key().startsWith(g.key() + QLatin1Char('.'))) &&
                g.key().size() > best.size())
                best = g.key();
        for (const QString& m : it.value()) {
            if (!best.isEmpty())
                groupMessages[best].append(
                    it.key() == best ? m : it.key().mid(best.size() + 1) + QStringLiteral(": ") + m);
            else
                rest.append(it.key().isEmpty() ? m : it.key() + QStringLiteral(": ") + m);
        }
    }
    for (auto g = m_groupErrors.begin(); g != m_groupErrors.end(); ++g) {
        const QStringList messages = groupMessages.value(g.key());
        g.value()->setText(messages.join(QLatin1Char('\n')));
        g.value()->setVisible(!messages.isEmpty());
    }
    if (!rest.isEmpty() && !m_draft.syntaxError()) {
        m_banner->setText(rest.join(QLatin1Char('\n')));
        m_banner->show();
    }
}

} // namespace jimini
