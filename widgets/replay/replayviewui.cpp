// SPDX-License-Identifier: GPL-3.0-or-later
// The replay page's widgets and their wiring (the page's behaviour is in replayview.cpp).
#include "replayview.h"

#include "replayconfigcolumns.h"
#include "replaysummarymodel.h"
#include "replaytimeline.h"
#include "replaytransport.h"
#include "replaytransportbar.h"
#include "scenariophasemodel.h"

#include "sim/scenariolibrary.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace jimini {

void ReplayView::buildUi() {
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);

    auto* scenarioRow = new QHBoxLayout;
    scenarioRow->addWidget(new QLabel(tr("Scenario:"), top));
    m_scenarioBox = new QComboBox(top);
    m_scenarioBox->setObjectName(QStringLiteral("replayScenario"));
    m_scenarioBox->setAccessibleName(tr("Bundled scenario"));
    m_scenarioBox->addItems(ScenarioLibrary::names());
    connect(m_scenarioBox, &QComboBox::activated, this,
            [this] { loadScenario(m_scenarioBox->currentText()); });
    scenarioRow->addWidget(m_scenarioBox);
    auto* open = new QPushButton(tr("&Open..."), top);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a scenario"), QString(),
                                                          tr("Scenarios (*.json);;All files (*)"));
        if (!path.isEmpty())
            loadScenario(path);
    });
    scenarioRow->addWidget(open);
    auto* save = new QPushButton(tr("Save &as..."), top);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the scenario"), QString(), tr("Scenarios (*.json)"));
        if (!path.isEmpty())
            saveScenario(path);
    });
    scenarioRow->addWidget(save);
    m_dependency = new QComboBox(top);
    m_dependency->setObjectName(QStringLiteral("replayDependency"));
    m_dependency->setAccessibleName(tr("Dependency"));
    connect(m_dependency, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_phases->setDependency(index);
        m_timeline->setDependency(m_dependency->currentText());
    });
    scenarioRow->addWidget(m_dependency);
    scenarioRow->addStretch();
    topLayout->addLayout(scenarioRow);
    m_description = new QLabel(top);
    m_description->setWordWrap(true);
    topLayout->addWidget(m_description);

    m_phaseTable = new QTableView(top);
    m_phaseTable->setObjectName(QStringLiteral("replayPhases"));
    m_phaseTable->setAccessibleName(tr("Phases"));
    m_phaseTable->setModel(m_phases);
    m_phaseTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_phaseTable->horizontalHeader()->setStretchLastSection(true);
    topLayout->addWidget(m_phaseTable, 1);
    auto* phaseButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add phase"), top);
    connect(add, &QPushButton::clicked, m_phases, &ScenarioPhaseModel::addPhase);
    auto* remove = new QPushButton(tr("Remove phase"), top);
    connect(remove, &QPushButton::clicked, this,
            [this] { m_phases->removePhase(m_phaseTable->currentIndex().row()); });
    phaseButtons->addWidget(add);
    phaseButtons->addWidget(remove);
    phaseButtons->addStretch();
    topLayout->addLayout(phaseButtons);
    m_scenarioErrors = new QLabel(top);
    m_scenarioErrors->setObjectName(QStringLiteral("replayScenarioErrors"));
    m_scenarioErrors->setWordWrap(true);
    m_scenarioErrors->setForegroundRole(QPalette::BrightText);
    m_scenarioErrors->hide();
    topLayout->addWidget(m_scenarioErrors);

    m_configs = new ReplayConfigColumns(top);
    topLayout->addWidget(m_configs);
    auto* runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run"), top);
    m_run->setObjectName(QStringLiteral("replayRun"));
    connect(m_run, &QPushButton::clicked, this, &ReplayView::run);
    m_stop = new QPushButton(tr("&Stop"), top);
    m_stop->setEnabled(false);
    connect(m_stop, &QPushButton::clicked, this, &ReplayView::stop);
    m_message = new QLabel(top);
    m_message->setObjectName(QStringLiteral("replayMessage"));
    m_message->setWordWrap(true);
    runRow->addWidget(m_run);
    runRow->addWidget(m_stop);
    runRow->addWidget(m_message, 1);
    topLayout->addLayout(runRow);

    auto* middle = new QWidget(this);
    auto* middleLayout = new QVBoxLayout(middle);
    m_bar = new ReplayTransportBar(*m_transport, middle);
    auto* span = new QComboBox(middle);
    span->setAccessibleName(tr("Window"));
    for (const int minutes : {2, 15, 60, 24 * 60})
        span->addItem(minutes < 60 ? tr("%1 min").arg(minutes) : tr("%1 h").arg(minutes / 60), minutes);
    span->setCurrentIndex(1);
    connect(span, &QComboBox::currentIndexChanged, this,
            [this, span] { m_timeline->setSpan(std::int64_t(span->currentData().toInt()) * 60000); });
    auto* barRow = new QHBoxLayout;
    barRow->addWidget(m_bar, 1);
    barRow->addWidget(span);
    middleLayout->addLayout(barRow);
    m_timeline = new ReplayTimeline(middle);
    auto* scroll = new QScrollArea(middle);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_timeline);
    middleLayout->addWidget(scroll, 1);

    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    m_summaryTable = new QTableView(bottom);
    m_summaryTable->setObjectName(QStringLiteral("replaySummary"));
    m_summaryTable->setAccessibleName(tr("Summary per config"));
    m_summaryTable->setModel(m_summary);
    m_summaryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    bottomLayout->addWidget(m_summaryTable, 1);
    auto* winnerRow = new QHBoxLayout;
    m_winner = new QLabel(bottom);
    m_winner->setObjectName(QStringLiteral("replayWinner"));
    m_winner->setWordWrap(true);
    m_openWinner = new QPushButton(tr("Open the winner in the config &editor"), bottom);
    m_openWinner->setObjectName(QStringLiteral("replayOpenWinner"));
    m_openWinner->setEnabled(false);
    connect(m_openWinner, &QPushButton::clicked, this, &ReplayView::openWinnerInEditor);
    winnerRow->addWidget(m_winner, 1);
    winnerRow->addWidget(m_openWinner);
    bottomLayout->addLayout(winnerRow);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(middle);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

} // namespace jimini
