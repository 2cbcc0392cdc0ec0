// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/livereplay/livereplayview.h"

#include "control/livereplay.h"
#include "widgets/palette.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace jimini {

namespace {
QString clockText(Duration d) {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

LiveReplayView::LiveReplayView(QWidget* parent)
    : QWidget(parent)
    , m_scenario(new QLabel)
    , m_phase(new QLabel)
    , m_timeLeft(new QLabel)
    , m_outcome(new QLabel)
    , m_agents(new QTableWidget(0, 2))
    , m_abort(new QPushButton(tr("&Abort and clear faults"))) {
    m_phase->setObjectName(QStringLiteral("phaseLabel"));
    m_timeLeft->setObjectName(QStringLiteral("timeLeftLabel"));
    m_outcome->setObjectName(QStringLiteral("outcomeLabel"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_agents->setObjectName(QStringLiteral("agentTable"));
    m_agents->setHorizontalHeaderLabels({tr("Instance"), tr("Last answer")});
    m_agents->horizontalHeader()->setStretchLastSection(true);
    m_agents->verticalHeader()->hide();
    m_agents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_abort->setObjectName(QStringLiteral("abortButton"));
    connect(m_abort, &QPushButton::clicked, this, [this] {
        if (m_replay)
            m_replay->abort(tr("aborted by the operator"));
    });
    auto* form = new QFormLayout;
    form->addRow(tr("Scenario:"), m_scenario);
    form->addRow(tr("In force:"), m_phase);
    form->addRow(tr("Time left:"), m_timeLeft);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_agents, 1);
    layout->addWidget(m_outcome);
    layout->addWidget(m_abort, 0, Qt::AlignRight);
    // The time left moves between the replay's reports.
    auto* ticker = new QTimer(this);
    connect(ticker, &QTimer::timeout, this, [this] {
        if (m_replay && m_replay->state() == LiveReplay::State::Running)
            m_timeLeft->setText(timeLeftText());
    });
    ticker->start(1000);
    refresh();
}

void LiveReplayView::setReplay(LiveReplay* replay) {
    if (m_replay)
        disconnect(m_replay, nullptr, this, nullptr);
    m_replay = replay;
    if (replay) {
        connect(replay, &LiveReplay::stepStarted, this, &LiveReplayView::refresh);
        connect(replay, &LiveReplay::answered, this, &LiveReplayView::refresh);
        connect(replay, &LiveReplay::stateChanged, this, &LiveReplayView::refresh);
        connect(replay, &LiveReplay::finished, this, &LiveReplayView::refresh);
    }
    refresh();
}

QString LiveReplayView::phaseText() const {
    if (!m_replay || m_replay->state() == LiveReplay::State::Ready)
        return {};
    if (m_replay->state() == LiveReplay::State::Clearing)
        return tr("stopping: clearing %n injected fault(s)", nullptr, m_replay->faultsInForce());
    QStringList phases;
    for (int slot : m_replay->activeSlots())
        phases.append(m_replay->plan().phaseSlots[std::size_t(slot)].label());
    return phases.isEmpty() ? tr("no phase (the dependencies' own behaviour)")
                            : phases.join(QStringLiteral(", "));
}

QString LiveReplayView::timeLeftText() const {
    return m_replay ? clockText(m_replay->timeLeft()) : QString();
}

QString LiveReplayView::outcomeText() const {
    if (!m_replay || m_replay->state() != LiveReplay::State::Finished)
        return {};
    QString text;
    switch (m_replay->result()) {
    case LiveReplay::Result::Completed:
        text = tr("Completed: every phase played and cleared.");
        break;
    case LiveReplay::Result::Aborted:
    case LiveReplay::Result::Failed:
        text = m_replay->faultsInForce() == 0
                   ? tr("Stopped: every injected fault cleared.")
                   : tr("Stopped: %n fault(s) could not be cleared; they end with their lease.", nullptr,
                        m_replay->faultsInForce());
        break;
    case LiveReplay::Result::None:
        break;
    }
    for (const QString& e : m_replay->errors())
        text += QLatin1Char('\n') + e;
    return text;
}

QString LiveReplayView::agentStatus(int row) const {
    const QTableWidgetItem* item = m_agents->item(row, 1);
    return item ? item->text() : QString();
}

void LiveReplayView::refresh() {
    const bool active = m_replay && (m_replay->state() == LiveReplay::State::Running ||
                                     m_replay->state() == LiveReplay::State::Clearing);
    m_abort->setEnabled(m_replay && m_replay->state() == LiveReplay::State::Running);
    m_scenario->setText(m_replay ? m_replay->scenario().name : QString());
    m_phase->setText(phaseText());
    m_timeLeft->setText(active ? timeLeftText() : QString());
    m_outcome->setText(outcomeText());
    const int rows = m_replay ? int(m_replay->targets().size()) : 0;
    m_agents->setRowCount(rows);
    for (int r = 0; r < rows; ++r) {
        const auto set = [this, r](int column, const QString& text) {
            QTableWidgetItem* item = m_agents->item(r, column);
            if (!item)
                m_agents->setItem(r, column, item = new QTableWidgetItem);
            item->setText(text);
        };
        set(0, m_replay->targets()[r].displayName());
        set(1, m_replay->agentStatus(r));
        m_agents->item(r, 1)->setForeground(
            m_replay->agentFailed(r)
                ? QBrush(Palette::healthColor(HealthLevel::Critical, Palette::isDark(palette())))
                : QBrush());
    }
}

} // namespace jimini
