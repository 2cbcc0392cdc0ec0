// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/scenario.h"

#include <QDialog>
#include <QPair>
#include <QStringList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace jimini {

// Asks what to play and against whom: a bundled scenario or a file, and the fleet's instances (the
// selection checked). Accepting loads the scenario; one that is not valid keeps the dialog open with its
// first error (JSON path and reason). UI thread.
class LiveReplaySetupDialog final : public QDialog {
    Q_OBJECT
public:
    // instances: (endpoint id, name shown) of every instance that can take faults.
    LiveReplaySetupDialog(const QList<QPair<QString, QString>>& instances, const QStringList& checked,
                          QWidget* parent = nullptr);

    // A scenario file in place of the bundled ones (what "File..." picks).
    void setScenarioFile(const QString& path);
    QStringList checkedEndpoints() const;
    const std::optional<Scenario>& scenario() const noexcept { return m_scenario; }

    void accept() override;

private:
    void update();

    QComboBox* m_scenarios;
    QListWidget* m_targets;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    std::optional<Scenario> m_scenario;
};

} // namespace jimini
