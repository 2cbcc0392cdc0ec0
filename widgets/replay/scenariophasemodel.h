// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "phasecelltext.h"

#include "sim/scenario.h"

#include "json/fielderror.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace jimini {

// The phases of one dependency of a scenario being edited, one row each: start, duration, error rate,
// status mix, Retry-After, latency, hangs and resets (PhaseCellText says how a cell reads). The model
// holds the scenario as its JSON document, so what is saved is what was loaded plus the edits, and
// every edit is judged by ScenarioCodec on the whole document: its errors land on the row (and cell)
// their JSON path names; errors elsewhere (another dependency, the scenario's own keys) are in
// errors() with their paths. scenario() is the parsed scenario, empty while there is any error.
//
// One validation per edit, and one dataChanged over the rows' error roles when the errors changed.
class ScenarioPhaseModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Start, Duration, ErrorRate, StatusMix, RetryAfter, Latency, HangRate, ResetRate };
    static constexpr int columnCountValue = 9;
    enum Role { ErrorsRole = Qt::UserRole + 1 }; // QStringList: the messages of a cell (its row's too)

    explicit ScenarioPhaseModel(QObject* parent = nullptr);

    void setDocument(const QJsonObject& document);
    const QJsonObject& document() const noexcept { return m_document; }
    QStringList dependencyNames() const;
    void setDependency(int index); // whose phases the rows are
    int dependency() const noexcept { return m_dependency; }

    const std::optional<Scenario>& scenario() const noexcept { return m_scenario; }
    const QList<FieldError>& errors() const noexcept { return m_errors; }
    QString phasesPath() const; // "dependencies[0].phases"

    // A phase after the last (a minute of errors) or at row; removes row.
    void addPhase();
    void removePhase(int row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // After every validation: errors() and scenario() are current.
    void validated();

private:
    QJsonArray phases() const;
    void setPhases(const QJsonArray& phases);
    void validate();
    QStringList messages(int row, int column) const;
    static const char* key(int column);
    static PhaseCellText::Kind kind(int column);

    QJsonObject m_document;
    int m_dependency = 0;
    std::optional<Scenario> m_scenario;
    QList<FieldError> m_errors;
};

} // namespace jimini
