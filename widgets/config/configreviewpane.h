// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configdiff.h"
#include "control/configrebase.h"

#include <QGroupBox>
#include <QJsonObject>
#include <QList>

#include <optional>

class QPushButton;
class QTreeWidgetItem;
class QTreeWidget;

namespace jimini {

// The config editor's review pane: what a push or a rollback would change, field by field, with the button
// that sends it; or, after a 412, what changed underneath and each conflict of the three-way rebase with
// its Mine / Theirs choice, and the button that makes the rebased config the draft. The pane decides
// nothing: it shows, collects the choices and says which button was pressed.
class ConfigReviewPane final : public QGroupBox {
    Q_OBJECT
public:
    enum class Mode : quint8 { None, Push, Rollback, Rebase };

    explicit ConfigReviewPane(QWidget* parent = nullptr);

    void showChanges(Mode mode, const QString& title, const QList<ConfigChange>& changes); // Push, Rollback
    void showRebase(const QString& title, const ConfigRebase& rebase);
    void clearChanges(); // the tree only: a review that cannot be shown leaves nothing stale behind
    void dismiss();

    void setConflictChoice(int conflict, bool theirs);
    // The rebased config with the choices made, once: the rebase is spent. Empty when none is shown.
    std::optional<QJsonObject> takeResolved();

    Mode mode() const noexcept { return m_mode; }
    QTreeWidget* tree() const noexcept { return m_tree; }

signals:
    void confirmed();     // Push or Roll back pressed
    void rebaseApplied(); // Apply rebase pressed

private:
    void addChange(QTreeWidgetItem* parent, const ConfigChange& change);
    void present(Mode mode, const QString& title);

    Mode m_mode = Mode::None;
    std::optional<ConfigRebase> m_rebase;
    QList<bool> m_choices; // per conflict: theirs
    QTreeWidget* m_tree;
    QPushButton* m_confirm;
    QPushButton* m_applyRebase;
};

} // namespace jimini
