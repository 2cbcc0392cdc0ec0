// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/editordraft.h"

#include "config/resilienceconfig.h"

#include <QByteArray>
#include <QString>
#include <QWidget>

#include <array>
#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;

namespace jimini {

// The configs a replay compares, one to three columns, each a profile (production, staging,
// development), a config file, or the config editor's current draft. A column's config is read when it
// is chosen, and again when the replay asks for it (a file or the draft may have changed); what cannot
// be read is said beside it, naming the file or the JSON path.
class ReplayConfigColumns final : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxColumns = 3;
    struct Choice {
        QString label;
        QByteArray json; // what the config editor opens for this column
        ResilienceConfig config;
    };
    using DraftProvider = std::function<std::optional<EditorDraft>()>;

    explicit ReplayConfigColumns(QWidget* parent = nullptr);

    void setDraftProvider(DraftProvider provider);
    // Whether the editor has a draft now (the entry is enabled only then).
    void draftChanged();

    // A profile's name, "draft", a file's path, or empty for no column (not the first).
    void setColumn(int column, const QString& what);
    // The chosen configs, in column order; empty with errors() set when one cannot be read.
    std::vector<Choice> choices();
    QStringList errors() const;

signals:
    void changed();

private:
    std::optional<Choice> read(int column, QString* error);
    void onActivated(int column);

    std::array<QComboBox*, maxColumns> m_boxes{};
    std::array<QLabel*, maxColumns> m_problems{};
    std::array<QString, maxColumns> m_files;
    DraftProvider m_draft;
};

} // namespace jimini
