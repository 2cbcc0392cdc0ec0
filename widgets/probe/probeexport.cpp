// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeexport.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QJsonDocument>
#include <QSaveFile>

namespace jimini {

namespace {
QString exportTr(const char* text) {
    return QCoreApplication::translate("jimini::ProbePanel", text);
}
} // namespace

QString ProbeExport::write(const QString& path, Format format, const std::vector<ProbeReport>& reports) {
    if (reports.empty())
        return exportTr("Nothing to export: no probe has run");
    const QByteArray bytes = format == Format::Json
                                 ? QJsonDocument(probeComparisonJson(reports)).toJson(QJsonDocument::Indented)
                                 : probeCsv(reports);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return exportTr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString ProbeExport::askAndWrite(QWidget* parent, Format format, const std::vector<ProbeReport>& reports,
                                 bool* failed) {
    const bool json = format == Format::Json;
    const QString path = QFileDialog::getSaveFileName(
        parent,
        json ? exportTr("Export the probe report as JSON") : exportTr("Export the probe report as CSV"),
        json ? QStringLiteral("probe-report.json") : QStringLiteral("probe-report.csv"),
        json ? exportTr("JSON (*.json)") : exportTr("CSV (*.csv)"));
    *failed = false;
    if (path.isEmpty())
        return {};
    const QString error = write(path, format, reports);
    *failed = !error.isEmpty();
    return *failed ? error : exportTr("Report written to %1").arg(path);
}

} // namespace jimini
