// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QAction;

namespace jimini {

class LiveReplay;
class LiveReplaySetupDialog;
class LiveReplayView;
struct Scenario;

// Live replay from the console: Replay > Play scenario against the fleet... asks for a scenario (bundled
// or a file) and the instances (the fleet's selection checked), then plays it against them through their
// /faults on the window's clock (core/control's LiveReplay, recorded in the audit store) while the
// dashboard shows the fleet respond; a progress window says the phases in force, the time left and each
// instance's last answer, with Abort. Closing the console mid-replay winds it down first: every injected
// fault is cleared before the window goes (CloseGate). UI thread.
class LiveReplayTool final : public ConsoleTool {
    Q_OBJECT
public:
    explicit LiveReplayTool(QObject* parent = nullptr);
    ~LiveReplayTool() override;

    QString id() const override { return QStringLiteral("livereplay"); }
    QString title() const override { return tr("Live replay"); }
    Placement placement() const override { return Placement::None; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    QStringList pendingWork() const override;
    void windDown() override;

    // Opens the setup dialog (non-modal; null when a replay runs: its progress is shown instead).
    LiveReplaySetupDialog* openSetup();
    // Plays scenario against these instances (endpoint ids of the fleet); false when one is unknown or a
    // replay already runs.
    bool play(const Scenario& scenario, const QStringList& endpointIds);

    LiveReplay* replay() const noexcept { return m_replay.get(); }
    LiveReplayView* view() const noexcept { return m_view; }
    QDialog* progressWindow() const noexcept { return m_progress; }
    bool isRunning() const;

private:
    void showProgress();

    ConsoleContext* m_context = nullptr;
    QAction* m_play = nullptr;
    std::unique_ptr<LiveReplay> m_replay;
    QPointer<QDialog> m_progress;
    LiveReplayView* m_view = nullptr;
    bool m_windingDown = false;
};

} // namespace jimini
