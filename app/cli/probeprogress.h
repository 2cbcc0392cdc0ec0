// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probeoptions.h"
#include "probe/probesnapshot.h"

#include <QStringList>

#include <vector>

namespace jimini {

// The probe's live progress on stderr (stdout keeps the report): on a terminal one line redrawn in place,
// a bar with the counts; otherwise a plain line a second, for logs.
class ProbeProgress {
public:
    explicit ProbeProgress(const ProbeLoad& load);

    void show(const QStringList& profiles, const std::vector<ProbeSnapshot>& snapshots);
    // Ends the redrawn line.
    void finish();

private:
    QString countsText(const ProbeSnapshot& s) const;

    ProbeLoad m_load;
    bool m_terminal = false;
    bool m_drawn = false;
};

} // namespace jimini
