// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace jimini {

// The config editor's draft as another tool sees it: the text as typed (it may not parse or validate: run
// it through ConfigCodec before use) and a label saying where it came from, for a column or a menu entry.
struct EditorDraft {
    QString label;
    QByteArray json;

    friend bool operator==(const EditorDraft&, const EditorDraft&) = default;
};

} // namespace jimini
