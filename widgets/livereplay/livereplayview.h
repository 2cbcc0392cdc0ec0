// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace jimini {

class LiveReplay;

// The progress of a live replay: the phases in force, the time left, each instance's last answer (or
// error), the outcome, and Abort (which clears every fault the replay injected). Refreshed as the replay
// reports. UI thread.
class LiveReplayView final : public QWidget {
    Q_OBJECT
public:
    explicit LiveReplayView(QWidget* parent = nullptr);

    void setReplay(LiveReplay* replay); // not owned
    void refresh();

    QString phaseText() const;
    QString timeLeftText() const;
    QString outcomeText() const;
    QString agentStatus(int row) const;

private:
    QPointer<LiveReplay> m_replay;
    QLabel* m_scenario;
    QLabel* m_phase;
    QLabel* m_timeLeft;
    QLabel* m_outcome;
    QTableWidget* m_agents;
    QPushButton* m_abort;
};

} // namespace jimini
