// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariophasemodel.h"

#include "sim/scenariocodec.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>

namespace jimini {

ScenarioPhaseModel::ScenarioPhaseModel(QObject* parent)
    : QAbstractTableModel(parent) {}

const char* ScenarioPhaseModel::key(int column) {
    static const char* const keys[] = {"name",       "start_seconds", "duration_seconds",
                                       "error_rate", "status_mix",    "retry_after_seconds",
                                       "latency",    "hang_rate",     "reset_rate"};
    return keys[column];
}

PhaseCellText::Kind ScenarioPhaseModel::kind(int column) {
    switch (column) {
    case Name:
        return PhaseCellText::Kind::Text;
    case StatusMix:
        return PhaseCellText::Kind::StatusMix;
    case Latency:
        return PhaseCellText::Kind::Latency;
    default:
        return PhaseCellText::Kind::Number;
    }
}

void ScenarioPhaseModel::setDocument(const QJsonObject& document) {
    beginResetModel();
    m_document = document;
    m_dependency = 0;
    endResetModel();
    validate();
}

QStringList ScenarioPhaseModel::dependencyNames() const {
    QStringList names;
    for (const QJsonValue& d : m_document.value(QLatin1String("dependencies")).toArray())
        names << d.toObject().value(QLatin1String("name")).toString();
    return names;
}

void ScenarioPhaseModel::setDependency(int index) {
    if (index == m_dependency || index < 0 || index >= dependencyNames().size())
        return;
    beginResetModel();
    m_dependency = index;
    endResetModel();
}

QString ScenarioPhaseModel::phasesPath() const {
    return QStringLiteral("dependencies[%1].phases").arg(m_dependency);
}

QJsonArray ScenarioPhaseModel::phases() const {
    const QJsonArray deps = m_document.value(QLatin1String("dependencies")).toArray();
    if (m_dependency >= deps.size())
        return {};
    return deps[m_dependency].toObject().value(QLatin1String("phases")).toArray();
}

void ScenarioPhaseModel::setPhases(const QJsonArray& phases) {
    QJsonArray deps = m_document.value(QLatin1String("dependencies")).toArray();
    if (m_dependency >= deps.size())
        return;
    QJsonObject d = deps[m_dependency].toObject();
    d.insert(QStringLiteral("phases"), phases);
    deps[m_dependency] = d;
    m_document.insert(QStringLiteral("dependencies"), deps);
}

void ScenarioPhaseModel::addPhase() {
    QJsonArray list = phases();
    double start = 0;
    if (!list.isEmpty()) {
        const QJsonObject last = list.last().toObject();
        start = last.value(QLatin1String("start_seconds")).toDouble() +
                last.value(QLatin1String("duration_seconds")).toDouble();
    }
    const double total = m_document.value(QLatin1String("duration_seconds")).toDouble();
    const double length = std::max(1.0, std::min(60.0, total - start));
    beginInsertRows({}, int(list.size()), int(list.size()));
    list.append(QJsonObject{{QStringLiteral("name"), tr("phase %1").arg(list.size() + 1)},
                            {QStringLiteral("start_seconds"), start},
                            {QStringLiteral("duration_seconds"), length},
                            {QStringLiteral("error_rate"), 1.0}});
    setPhases(list);
    endInsertRows();
    validate();
}

void ScenarioPhaseModel::removePhase(int row) {
    QJsonArray list = phases();
    if (row < 0 || row >= list.size())
        return;
    beginRemoveRows({}, row, row);
    list.removeAt(row);
    setPhases(list);
    endRemoveRows();
    validate();
}

int ScenarioPhaseModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(phases().size());
}

int ScenarioPhaseModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : columnCountValue;
}

QStringList ScenarioPhaseModel::messages(int row, int column) const {
    // The row's own errors ("dependencies[0].phases[1]: ends after ...") and the cell's key's.
    const QString rowPath = phasesPath() + QStringLiteral("[%1]").arg(row);
    const QString cellPath = rowPath + QLatin1Char('.') + QLatin1String(key(column));
    QStringList out;
    for (const FieldError& e : m_errors) {
        if (e.path == rowPath ||
            (column >= 0 && (e.path == cellPath || e.path.startsWith(cellPath + QLatin1Char('.')))))
            out << e.message;
    }
    return out;
}

QVariant ScenarioPhaseModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject phase = phases()[index.row()].toObject();
    const QJsonValue value = phase.value(QLatin1String(key(index.column())));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return PhaseCellText::toText(kind(index.column()), value);
    case Qt::ToolTipRole: {
        QStringList lines = messages(index.row(), index.column());
        if (const QString hint = PhaseCellText::hint(kind(index.column())); !hint.isEmpty())
            lines << hint;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case Qt::BackgroundRole:
        return messages(index.row(), index.column()).isEmpty()
                   ? QVariant()
                   : QVariant(QBrush(QColor(0xd5, 0x5e, 0x00, 70)));
    case ErrorsRole:
        return messages(index.row(), index.column());
    default:
        return {};
    }
}

bool ScenarioPhaseModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    QJsonArray list = phases();
    QJsonObject phase = list[index.row()].toObject();
    const QJsonValue v = PhaseCellText::fromText(kind(index.column()), value.toString());
    const QString k = QLatin1String(key(index.column()));
    if (v.isUndefined())
        phase.remove(k);
    else
        phase.insert(k, v);
    if (phase == list[index.row()].toObject())
        return true;
    list[index.row()] = phase;
    setPhases(list);
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    validate();
    return true;
}

Qt::ItemFlags ScenarioPhaseModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QVariant ScenarioPhaseModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        static const char* const titles[] = {
            QT_TR_NOOP("Name"),       QT_TR_NOOP("Start (s)"),  QT_TR_NOOP("Duration (s)"),
            QT_TR_NOOP("Error rate"), QT_TR_NOOP("Status mix"), QT_TR_NOOP("Retry-After (s)"),
            QT_TR_NOOP("Latency"),    QT_TR_NOOP("Hang rate"),  QT_TR_NOOP("Reset rate")};
        if (role == Qt::DisplayRole && section >= 0 && section < columnCountValue)
            return tr(titles[section]);
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    bool bad = false;
    QStringList all;
    for (int c = 0; c < columnCountValue; ++c) {
        const QStringList m = messages(section, c);
        bad = bad || !m.isEmpty();
        for (const QString& s : m)
            if (!all.contains(s))
                all << s;
    }
    if (role == Qt::DisplayRole)
        return bad ? QStringLiteral("%1 \u26a0").arg(section + 1) : QString::number(section + 1);
    if (role == Qt::ToolTipRole && bad)
        return all.join(QLatin1Char('\n'));
    return {};
}

void ScenarioPhaseModel::validate() {
    const ScenarioParseResult parsed =
        ScenarioCodec::parse(QJsonDocument(m_document).toJson(QJsonDocument::Compact));
    const bool changed = parsed.errors != m_errors;
    m_errors = parsed.errors;
    m_scenario = parsed.scenario;
    if (changed && rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCountValue - 1),
                         {Qt::ToolTipRole, Qt::BackgroundRole, ErrorsRole});
        emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    }
    emit validated();
}

} // namespace jimini
