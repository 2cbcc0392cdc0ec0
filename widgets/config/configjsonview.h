// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace jimini {

class ConfigDraftModel;

// The draft as raw JSON. Typing sets the draft's text; the line under the editor says where the text
// stops being JSON (line and column, the line highlighted and the cursor put there on request) or which
// rules it breaks, path by path. A change made in the form shows here at once.
class ConfigJsonView final : public QWidget {
    Q_OBJECT
public:
    explicit ConfigJsonView(ConfigDraftModel& draft, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const noexcept { return m_edit; }
    QString statusText() const; // what the line under the editor says

private:
    void onDraftChanged();
    void onTextChanged();

    ConfigDraftModel& m_draft;
    QPlainTextEdit* m_edit;
    QLabel* m_status;
    bool m_updating = false;
};

} // namespace jimini
