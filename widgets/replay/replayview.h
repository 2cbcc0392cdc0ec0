// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/timertask.h"

#include <QByteArray>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace jimini {

class ConsoleClock;
class ReplayConfigColumns;
class ReplayJob;
class ReplaySummaryModel;
class ReplayTimeline;
class ReplayTransport;
class ReplayTransportBar;
class ScenarioPhaseModel;

// The replay page: a scenario (bundled, or a file; its phases edited in a table, saved as a file), one
// to three configs, Run; then the timeline of every config side by side under a transport bar (play,
// pause, speed, scrub) and the comparison table with its winner, which opens in the config editor.
//
// The replay computes off the UI thread (ReplayJob); the page looks at it on the console's clock: a
// frame every 100 ms of that clock while it computes or plays, no more (models and charts are updated
// per frame, not per computed second). Running again or closing the page stops the replay.
class ReplayView final : public QWidget {
    Q_OBJECT
public:
    explicit ReplayView(std::shared_ptr<ConsoleClock> clock, QWidget* parent = nullptr);
    ~ReplayView() override;

    // A bundled scenario's name or a file's path; false with the reason shown when it cannot be read.
    bool loadScenario(const QString& nameOrPath);
    // Writes the edited scenario; false (and nothing written) when it has errors or the write fails.
    bool saveScenario(const QString& path);
    // Starts the replay; false with the reason shown when the scenario or a config is not fit to run.
    bool run();
    void stop();

    ScenarioPhaseModel& phases() const noexcept { return *m_phases; }
    ReplayConfigColumns& configs() const noexcept { return *m_configs; }
    ReplaySummaryModel& summary() const noexcept { return *m_summary; }
    ReplayTransport& transport() const noexcept { return *m_transport; }
    ReplayTimeline& timeline() const noexcept { return *m_timeline; }
    ReplayTransportBar& transportBar() const noexcept { return *m_bar; }
    const ReplayJob* job() const noexcept { return m_job.get(); }
    QString message() const; // the last problem or state shown under the buttons

    void openWinnerInEditor();

signals:
    // The winner's config, for the config editor (ConsoleContext::openInConfigEditor).
    void openInEditorRequested(const QString& label, const QByteArray& json);
    void statusMessage(const QString& message);

private:
    struct Frame final : TimerTask {
        ReplayView* self = nullptr;
        void fire() override { self->onFrame(); }
    };
    void buildUi();
    void onFrame();
    void onColumnFinished(int column);
    void showMessage(const QString& text);
    void refreshDependencies();

    std::shared_ptr<ConsoleClock> m_clock;
    Frame m_frame;
    ScenarioPhaseModel* m_phases = nullptr;
    ReplaySummaryModel* m_summary = nullptr;
    ReplayTransport* m_transport = nullptr;
    std::unique_ptr<ReplayJob> m_job;
    std::vector<QByteArray> m_jobJson; // the config each column ran, for the editor

    QComboBox* m_scenarioBox = nullptr;
    QLabel* m_description = nullptr;
    QComboBox* m_dependency = nullptr;
    QTableView* m_phaseTable = nullptr;
    QLabel* m_scenarioErrors = nullptr;
    ReplayConfigColumns* m_configs = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_message = nullptr;
    ReplayTransportBar* m_bar = nullptr;
    ReplayTimeline* m_timeline = nullptr;
    QTableView* m_summaryTable = nullptr;
    QLabel* m_winner = nullptr;
    QPushButton* m_openWinner = nullptr;
};

} // namespace jimini
