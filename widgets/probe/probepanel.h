// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probereport.h"
#include "probe/probesnapshot.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace jimini {

class ConsoleContext;
class ProbeForm;
class ProbeLaunch;
class ProbeRun;
class ProbeRunView;
class ProbeSeriesFeed;
class ProbeTableModel;
class SeriesStore;
struct ProbeOptions;

// The console's probe: drives one or more targets through one to three profiles at once (the real
// Pipeline, real HTTP, on the UI thread's event loop), and shows each run as a watched service is shown
// (breaker lamp and band, tokens, bulkhead, error rate, latency) beside the outcome counts, the latency
// percentiles of attempts and of calls, and a summary table of the runs side by side. Everything is
// checked before anything is sent. The widgets are updated at most ten times a second, the tables by
// ranged dataChanged. Reports export as JSON and CSV (core/probe's writers).
class ProbePanel final : public QWidget {
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Launching, Running, Finished };
    static constexpr int frameMs = 100;

    explicit ProbePanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~ProbePanel() override;

    ProbeForm* form() const noexcept { return m_form; }
    State state() const noexcept { return m_state; }
    QString message() const;
    // Starts what the form says (after resolving the profiles); a refusal shows in message().
    void start();
    // Ends the load; the calls in flight still come back.
    void stop();

    ProbeTableModel* summaryModel() const noexcept { return m_summary; }
    ProbeTableModel* countsModel() const noexcept { return m_counts; }
    ProbeTableModel* latencyModel() const noexcept { return m_latency; }
    std::vector<ProbeRunView*> runViews() const { return m_views; }
    std::vector<const ProbeReport*> reports() const;
    // Opens the profile of the run selected in the summary in the config editor (through the context).
    QPushButton* editProfileButton() const noexcept { return m_edit; }
    int frameCount() const noexcept { return m_frames; }

    // Writes the runs' reports (their figures so far); an error message, or empty when written.
    QString exportJson(const QString& path) const;
    QString exportCsv(const QString& path) const;

    // The runs still sending or draining, one line each, for the window's close question.
    QStringList pendingWork() const;

signals:
    void stateChanged(jimini::ProbePanel::State state);
    void allFinished();

private:
    void buildUi();
    void offerFromFleet();
    void setState(State state);
    void setMessage(const QString& text, bool error);
    void launch(const std::vector<ProbeOptions>& runs, const QList<QByteArray>& documents);
    void editSelectedProfile();
    void clearRuns();
    void onProgressed(std::size_t run, const ProbeSnapshot& snapshot);
    void onRunFinished();
    void frame();
    void exportTo(bool json);
    std::vector<ProbeReport> reportCopies() const;

    ConsoleContext& m_context;
    ProbeForm* m_form = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_exportJson = nullptr;
    QPushButton* m_exportCsv = nullptr;
    QPushButton* m_edit = nullptr;
    QTableView* m_summaryView = nullptr;
    QLabel* m_message = nullptr;
    QHBoxLayout* m_runsLayout = nullptr;
    ProbeTableModel* m_summary = nullptr;
    ProbeTableModel* m_counts = nullptr;
    ProbeTableModel* m_latency = nullptr;
    QTimer* m_frame = nullptr;

    QPointer<ProbeLaunch> m_launch;
    std::unique_ptr<SeriesStore> m_store;
    std::vector<std::unique_ptr<ProbeRun>> m_runs;
    std::vector<std::unique_ptr<ProbeSeriesFeed>> m_feeds;
    std::vector<ProbeRunView*> m_views;
    std::vector<std::optional<ProbeSnapshot>> m_latest; // the snapshot not yet shown, per run
    QStringList m_labels;
    QList<QByteArray> m_documents; // per run: the config document of its profile
    State m_state = State::Idle;
    bool m_chartsDirty = false;
    int m_frames = 0;
};

} // namespace jimini
