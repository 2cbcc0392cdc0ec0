// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/config/configfieldspec.h"

#include "json/fielderror.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

class QGroupBox;
class QLabel;
class QVBoxLayout;

namespace jimini {

class ConfigDraftModel;

// The draft as a form: a box per policy, a checkable box per stage (unchecked: the stage is off), a typed
// editor per field with its unit, range and meaning in the tooltip, and the field's errors under it, live
// as the draft changes: the agent's own rules (ConfigDraftModel) and, after a refused push, the service's.
// Typing writes the field into the draft; an empty number field falls back to the default.
class ConfigForm final : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(ConfigDraftModel& draft, QWidget* parent = nullptr);

    // The service's 422 errors, shown at their fields until the draft changes.
    void setServiceErrors(const QList<FieldError>& errors);
    // The editor of the field at a display path ("policies.default.retry.max_attempts"); null if none.
    QWidget* editorAt(const QString& path) const;
    // The error text shown under the field (or the policy/stage) at path; empty when none.
    QString errorAt(const QString& path) const;

private:
    struct Row {
        QStringList keys;
        ConfigFieldSpec spec;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
    };

    void onDraftChanged();
    void rebuild();
    void refreshValues();
    void showErrors();
    QWidget* makeEditor(const ConfigFieldSpec& spec, const QStringList& keys);
    void write(const QStringList& keys, const QJsonValue& value);
    QString structure() const;

    ConfigDraftModel& m_draft;
    QVBoxLayout* m_layout;
    QLabel* m_banner;
    QWidget* m_body = nullptr;
    QList<Row> m_rows;
    QHash<QString, QLabel*> m_groupErrors; // policy / stage paths
    QHash<QString, QGroupBox*> m_stageBoxes;
    QList<FieldError> m_serviceErrors;
    QString m_structure;
};

} // namespace jimini
