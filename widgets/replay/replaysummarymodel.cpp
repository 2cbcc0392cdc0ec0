// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaysummarymodel.h"

#include <QFont>
#include <QLocale>

namespace jimini {

namespace {
const char* const figureNames[] = {
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "calls offered"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "success seen by callers"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "calls shed"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "time to detect"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "time to recover"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "breaker opens"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "retries"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "load on dependency, total"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "load on dependency, peak/s"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "load multiple (x offered)"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "in flight at the end"),
    QT_TRANSLATE_NOOP("jimini::ReplaySummaryModel", "not started (simulator cap)")};
} // namespace

ReplaySummaryModel::ReplaySummaryModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ReplaySummaryModel::reset(const QStringList& configs, const QStringList& dependencies) {
    beginResetModel();
    m_columns.clear();
    for (const QString& label : configs)
        m_columns.push_back(Column{label, false, false, {}, {}});
    m_dependencies = dependencies;
    const bool hadWinner = m_winner.has_value();
    m_winner.reset();
    endResetModel();
    if (hadWinner)
        emit winnerChanged();
}

void ReplaySummaryModel::setResult(int column, const std::vector<DependencySummary>& summaries,
                                   const std::vector<std::uint64_t>& inFlightAtEnd, bool cancelled) {
    if (column < 0 || column >= int(m_columns.size()))
        return;
    Column& c = m_columns[std::size_t(column)];
    c.done = true;
    c.cancelled = cancelled;
    c.summaries = cancelled ? std::vector<DependencySummary>{} : summaries;
    c.inFlight = cancelled ? std::vector<std::uint64_t>{} : inFlightAtEnd;
    if (rowCount() > 0)
        emit dataChanged(index(0, column), index(rowCount() - 1, column), {Qt::DisplayRole, ValueRole});
    const std::optional<int> before = m_winner;
    chooseWinner();
    if (before != m_winner) {
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::FontRole});
        emit winnerChanged();
    } else {
        emit headerDataChanged(Qt::Horizontal, column, column);
    }
}

const std::vector<DependencySummary>& ReplaySummaryModel::summaries(int column) const {
    return m_columns[std::size_t(column)].summaries;
}

std::optional<double> ReplaySummaryModel::overallSuccess(const Column& column) const {
    std::uint64_t ended = 0;
    std::uint64_t succeeded = 0;
    for (const DependencySummary& s : column.summaries) {
        ended += s.ended;
        succeeded += s.succeeded;
    }
    return ended ? std::optional<double>(double(succeeded) / double(ended)) : std::nullopt;
}

void ReplaySummaryModel::chooseWinner() {
    m_winner.reset();
    std::optional<double> best;
    std::uint64_t bestLoad = 0;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const Column& column = m_columns[c];
        const std::optional<double> success = overallSuccess(column);
        if (!column.done || column.cancelled || !success) {
            m_winner.reset();
            return; // no winner until every column has a whole run to compare
        }
        std::uint64_t load = 0;
        for (const DependencySummary& s : column.summaries)
            load += s.attempts;
        if (!best || *success > *best || (*success == *best && load < bestLoad)) {
            best = success;
            bestLoad = load;
            m_winner = int(c);
        }
    }
    if (m_columns.size() < 2)
        m_winner.reset(); // nothing to compare
}

QString ReplaySummaryModel::winnerReason() const {
    if (!m_winner)
        return {};
    const Column& w = m_columns[std::size_t(*m_winner)];
    return tr("Winner: %1, with %2 success seen by callers over all dependencies together (the highest; "
              "a tie goes to the least load on the dependencies).")
        .arg(w.label, QLocale().toString(*overallSuccess(w) * 100, 'f', 2) + QStringLiteral(" %"));
}

int ReplaySummaryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_dependencies.size()) * figureCount;
}

int ReplaySummaryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

std::optional<double> ReplaySummaryModel::value(const Column& column, int dependency, Figure figure) const {
    if (dependency >= int(column.summaries.size()))
        return std::nullopt;
    const DependencySummary& s = column.summaries[std::size_t(dependency)];
    switch (figure) {
    case Offered:
        return double(s.offered);
    case Success:
        return s.successRate();
    case Shed:
        return double(s.shed);
    case TimeToDetect:
        return s.timeToDetect;
    case TimeToRecover:
        return s.timeToRecover;
    case Opens:
        return double(s.opens);
    case Retries:
        return double(s.retries);
    case LoadTotal:
        return double(s.attempts);
    case LoadPeak:
        return double(s.peakAttempts);
    case LoadMultiple:
        return s.loadMultiple();
    case InFlight:
        return dependency < int(column.inFlight.size())
                   ? std::optional<double>(double(column.inFlight[std::size_t(dependency)]))
                   : std::nullopt;
    case Skipped:
        return double(s.skipped);
    }
    return std::nullopt;
}

QString ReplaySummaryModel::text(const Column& column, int dependency, Figure figure) const {
    if (!column.done || column.cancelled)
        return {};
    const std::optional<double> v = value(column, dependency, figure);
    if (!v)
        return QStringLiteral("-");
    const QLocale locale;
    switch (figure) {
    case Success:
        return locale.toString(*v * 100, 'f', 2) + QStringLiteral(" %");
    case TimeToDetect:
    case TimeToRecover:
        return locale.toString(*v, 'f', 1) + QStringLiteral(" s");
    case LoadMultiple:
        return locale.toString(*v, 'f', 2);
    default:
        return locale.toString(qulonglong(*v));
    }
}

QVariant ReplaySummaryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column& column = m_columns[std::size_t(index.column())];
    const int dependency = index.row() / figureCount;
    const auto figure = Figure(index.row() % figureCount);
    switch (role) {
    case Qt::DisplayRole:
        return text(column, dependency, figure);
    case ValueRole: {
        const auto v = column.done && !column.cancelled ? value(column, dependency, figure) : std::nullopt;
        return v ? QVariant(*v) : QVariant();
    }
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (m_winner == index.column()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant ReplaySummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= rowCount())
            return {};
        const QString figure = tr(figureNames[section % figureCount]);
        return m_dependencies.size() > 1
                   ? m_dependencies[section / figureCount] + QStringLiteral(" · ") + figure
                   : figure;
    }
    if (section < 0 || section >= columnCount())
        return {};
    const Column& c = m_columns[std::size_t(section)];
    if (role == Qt::ToolTipRole)
        return m_winner == section ? winnerReason() : QVariant();
    if (m_winner == section)
        return tr("%1 \u2605 winner").arg(c.label);
    if (!c.done)
        return tr("%1 (running)").arg(c.label);
    if (c.cancelled)
        return tr("%1 (stopped)").arg(c.label);
    return c.label;
}

} // namespace jimini
