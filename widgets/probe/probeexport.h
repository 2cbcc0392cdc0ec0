// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probereport.h"

#include <QString>

#include <vector>

class QWidget;

namespace jimini {

// Probe reports to a file, whole or not at all (a crash mid-write leaves the old file): JSON is core/probe's
// comparison document (every run and the summary), CSV a row per run.
class ProbeExport {
public:
    enum class Format : quint8 { Json, Csv };

    // An error naming the file and what is wrong, or empty when written.
    static QString write(const QString& path, Format format, const std::vector<ProbeReport>& reports);
    // Asks where (a save dialog), then writes: the message to show, empty when the operator cancelled;
    // *failed says whether it is an error.
    static QString askAndWrite(QWidget* parent, Format format, const std::vector<ProbeReport>& reports,
                               bool* failed);
};

} // namespace jimini
