// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysummary.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <vector>

namespace jimini {

// The comparison table of a replay: one column per config, one row per figure and dependency (the
// figures `jimini replay` prints: success seen by callers, calls shed, time to detect and to recover,
// load on the dependency, ...). A column is empty until its replay finishes, and stays empty if it
// was stopped: a part of a run is not its summary. A figure the replay cannot give is a dash.
//
// The winner, once every column has finished: the highest success seen by callers over all the
// dependencies together; a tie goes to the least total load on the dependencies. It is marked in its
// column's header and in bold.
class ReplaySummaryModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ValueRole = Qt::UserRole + 1 }; // the figure as a number (invalid: a dash)
    enum Figure {
        Offered,
        Success,
        Shed,
        TimeToDetect,
        TimeToRecover,
        Opens,
        Retries,
        LoadTotal,
        LoadPeak,
        LoadMultiple,
        InFlight,
        Skipped
    };
    static constexpr int figureCount = 12;

    explicit ReplaySummaryModel(QObject* parent = nullptr);

    // A new comparison: its configs and the scenario's dependencies; every column empty.
    void reset(const QStringList& configs, const QStringList& dependencies);
    // A column's replay ended (cancelled: stopped before the end, shown as such).
    void setResult(int column, const std::vector<DependencySummary>& summaries,
                   const std::vector<std::uint64_t>& inFlightAtEnd, bool cancelled);

    std::optional<int> winner() const noexcept { return m_winner; }
    // Why the winner won, with the figure it won on: for the label under the table.
    QString winnerReason() const;
    const std::vector<DependencySummary>& summaries(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void winnerChanged();

private:
    struct Column {
        QString label;
        bool done = false;
        bool cancelled = false;
        std::vector<DependencySummary> summaries;
        std::vector<std::uint64_t> inFlight;
    };
    std::optional<double> value(const Column& column, int dependency, Figure figure) const;
    QString text(const Column& column, int dependency, Figure figure) const;
    std::optional<double> overallSuccess(const Column& column) const;
    void chooseWinner();

    std::vector<Column> m_columns;
    QStringList m_dependencies;
    std::optional<int> m_winner;
};

} // namespace jimini
