// SPDX-License-Identifier: GPL-3.0-or-later
#include "probepanel.h"

#include "probeexport.h"
#include "probefigures.h"
#include "probeform.h"
#include "probelaunch.h"
#include "proberunview.h"
#include "probeseriesfeed.h"
#include "probetablemodel.h"
#include "probetargets.h"

#include "probe/proberun.h"
#include "store/fleethub.h"
#include "store/seriesstore.h"
#include "widgets/tools/consolecontext.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <chrono>

namespace jimini {

namespace {
// The charts span the run from its start: its planned duration (and a second of drain) when it has one,
// else at least half a minute; then as long as it has gone on.
std::int64_t plannedSpanMs(const ProbeLoad& load) {
    if (!load.duration)
        return 30 * 1000;
    return std::chrono::duration_cast<std::chrono::milliseconds>(*load.duration).count() + 1000;
}

QTableView* tableOf(ProbeTableModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    return view;
}

} // namespace

ProbePanel::ProbePanel(ConsoleContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    m_summary = new ProbeTableModel(this);
    m_counts = new ProbeTableModel(this);
    m_latency = new ProbeTableModel(this);
    m_summary->setColumns(ProbeFigures::summaryColumns(), ProbeFigures::summaryToolTips());
    buildUi();
    m_frame = new QTimer(this);
    m_frame->setInterval(frameMs); // every widget update waits for the next frame: ten a second at most
    connect(m_frame, &QTimer::timeout, this, &ProbePanel::frame);
    connect(&m_context.hub(), &FleetHub::rowsChanged, this, &ProbePanel::offerFromFleet);
    connect(&m_context.hub(), &FleetHub::rowsRemoved, this, &ProbePanel::offerFromFleet);
    connect(&m_context, &ConsoleContext::editorDraftChanged, this, &ProbePanel::offerFromFleet);
    offerFromFleet();
}

ProbePanel::~ProbePanel() {
    delete m_launch;
    clearRuns();
}

void ProbePanel::buildUi() {
    setAccessibleName(tr("Probe"));
    auto* layout = new QVBoxLayout(this);
    m_form = new ProbeForm(this);
    layout->addWidget(m_form);

    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("startProbe"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stopProbe"));
    m_exportJson = new QPushButton(tr("Export &JSON…"), this);
    m_exportCsv = new QPushButton(tr("Export &CSV…"), this);
    connect(m_start, &QPushButton::clicked, this, &ProbePanel::start);
    connect(m_stop, &QPushButton::clicked, this, &ProbePanel::stop);
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportTo(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportTo(false); });
    m_edit = new QPushButton(tr("&Edit profile…"), this);
    m_edit->setObjectName(QStringLiteral("editProfile"));
    m_edit->setToolTip(tr("Open the profile of the run selected in the summary in the config editor"));
    m_edit->setEnabled(false);
    connect(m_edit, &QPushButton::clicked, this, &ProbePanel::editSelectedProfile);
    for (QPushButton* b : {m_start, m_stop, m_exportJson, m_exportCsv, m_edit})
        buttons->addWidget(b);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("probeMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_message, 1);
    layout->addLayout(buttons);

    auto* caption = new QLabel(tr("Tables: the whole run so far. Charts: each point covers the second "
                                  "before it (requests sent to the target, whole calls)."),
                               this);
    caption->setWordWrap(true);
    layout->addWidget(caption);
    m_summaryView = tableOf(m_summary, QStringLiteral("probeSummary"), this);
    m_summaryView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_summaryView->setMaximumHeight(m_summaryView->horizontalHeader()->sizeHint().height() +
                                    (ProbeForm::maxRuns + 1) *
                                        m_summaryView->verticalHeader()->defaultSectionSize());
    layout->addWidget(m_summaryView);
    connect(m_summaryView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_edit->setEnabled(m_summaryView->selectionModel()->hasSelection()); });

    // The runs side by side, one column each, with the counts and latencies beside them.
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    auto* runs = new QWidget(scroll);
    m_runsLayout = new QHBoxLayout(runs);
    scroll->setWidget(runs);
    auto* tables = new QSplitter(Qt::Vertical, split);
    tables->addWidget(tableOf(m_counts, QStringLiteral("probeCounts"), tables));
    tables->addWidget(tableOf(m_latency, QStringLiteral("probeLatency"), tables));
    split->addWidget(scroll);
    split->addWidget(tables);
    split->setStretchFactor(0, 3); // the charts get most of the width
    split->setStretchFactor(1, 1);
    split->setSizes({3000, 1000}); // shared out in this proportion when first shown
    layout->addWidget(split, 1);
    setState(State::Idle);
}

void ProbePanel::offerFromFleet() {
    const ProbeTargets targets = ProbeTargets::of(m_context.hub(), m_context.editorDraft());
    m_form->setOfferedTargets(targets.targets);
    m_form->setProfileChoices(targets.profiles);
}

QString ProbePanel::message() const {
    return m_message->text();
}

void ProbePanel::setMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel{color:#c0392b;}") : QString());
}

void ProbePanel::setState(State state) {
    m_state = state;
    const bool busy = state == State::Launching || state == State::Running;
    m_start->setEnabled(!busy);
    m_form->setEnabled(!busy);
    m_stop->setEnabled(busy);
    m_exportJson->setEnabled(state == State::Finished);
    m_exportCsv->setEnabled(state == State::Finished);
    emit stateChanged(state);
}

void ProbePanel::start() {
    if (m_state == State::Launching || m_state == State::Running)
        return;
    const ProbeFormResult read = m_form->read();
    if (!read.input) {
        setMessage(read.errors.join(QLatin1Char('\n')), true);
        return;
    }
    setMessage(tr("Resolving the profiles…"), false);
    setState(State::Launching);
    auto* pending = new ProbeLaunch(m_context, *read.input, this);
    m_launch = pending;
    connect(pending, &ProbeLaunch::ready, this,
            [this, pending](const std::vector<ProbeOptions>& runs, const QList<QByteArray>& documents) {
                m_launch = nullptr; // over: a stop from here on stops the runs
                pending->deleteLater();
                launch(runs, documents);
            });
    connect(pending, &ProbeLaunch::refused, this, [this, pending](const QString& reason) {
        m_launch = nullptr;
        pending->deleteLater();
        setMessage(reason, true);
        setState(m_runs.empty() ? State::Idle : State::Finished);
    });
    pending->start();
}

void ProbePanel::launch(const std::vector<ProbeOptions>& runs, const QList<QByteArray>& documents) {
    clearRuns();
    m_documents = documents;
    m_store = std::make_unique<SeriesStore>();
    const bool severalTargets = runs.size() > 1 && runs.front().url != runs.back().url;
    const std::int64_t startMs = QDateTime::currentMSecsSinceEpoch();
    std::vector<ProbeFigures::Run> figures;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const ProbeOptions& o = runs[i];
        const QString target = o.url.toString(QUrl::RemoveUserInfo);
        const QString label =
            severalTargets ? tr("%1 @ %2").arg(o.profile, o.url.authority() + o.url.path()) : o.profile;
        m_labels << label;
        m_runs.push_back(std::make_unique<ProbeRun>(o));
        m_feeds.push_back(std::make_unique<ProbeSeriesFeed>(*m_store, QStringLiteral("probe:%1").arg(i),
                                                            QStringLiteral("probe"), startMs));
        auto* view = new ProbeRunView(*m_store, label, target);
        m_runsLayout->addWidget(view);
        m_views.push_back(view);
        m_latest.emplace_back();
        connect(m_runs.back().get(), &ProbeRun::progressed, this,
                [this, i](const ProbeSnapshot& s) { onProgressed(i, s); });
        connect(m_runs.back().get(), &ProbeRun::finished, this, &ProbePanel::onRunFinished);
        figures.push_back({label, &m_runs.back()->report(), 0});
    }
    m_counts->setColumns(ProbeFigures::countColumns(figures));
    m_latency->setColumns(ProbeFigures::latencyColumns(figures));
    setMessage(runs.size() == 1 ? tr("Running…") : tr("Running %1 profiles side by side…").arg(runs.size()),
               false);
    setState(State::Running);
    m_frame->start();
    for (auto& run : m_runs)
        run->start();
    frame();
}

void ProbePanel::clearRuns() {
    for (ProbeRunView* view : m_views)
        delete view;
    m_views.clear();
    m_runs.clear(); // each run aborts its calls in flight
    m_feeds.clear();
    m_latest.clear();
    m_labels.clear();
    m_documents.clear();
}

void ProbePanel::stop() {
    if (m_launch) {
        delete m_launch;
        setMessage(tr("Stopped before anything was sent"), false);
        setState(m_runs.empty() ? State::Idle : State::Finished);
        return;
    }
    for (auto& run : m_runs)
        run->stop();
    if (m_state == State::Running)
        setMessage(tr("Stopping: waiting for the calls in flight…"), false);
}

void ProbePanel::onProgressed(std::size_t run, const ProbeSnapshot& snapshot) {
    m_feeds[run]->add(snapshot);
    m_latest[run] = snapshot; // shown by the next frame
    m_chartsDirty = true;
}

void ProbePanel::onRunFinished() {
    for (const auto& run : m_runs)
        if (!run->isFinished())
            return;
    m_frame->stop();
    frame();
    std::uint64_t unfinished = 0;
    for (const auto& run : m_runs)
        unfinished += run->unfinished();
    setMessage(unfinished ? tr("Finished; %1 calls were still open at the drain deadline and are not counted")
                                .arg(unfinished)
                          : tr("Finished"),
               false);
    setState(State::Finished);
    emit allFinished();
}

void ProbePanel::frame() {
    ++m_frames;
    std::vector<ProbeFigures::Run> figures;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const ProbeRun& run = *m_runs[i];
        figures.push_back({m_labels[qsizetype(i)], &run.report(),
                           run.isFinished() ? run.unfinished() : run.snapshot().inFlight});
    }
    m_summary->setRows(ProbeFigures::summary(figures));
    m_counts->setRows(ProbeFigures::counts(figures));
    m_latency->setRows(ProbeFigures::latency(figures));
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        if (m_latest[i]) {
            m_views[i]->setSnapshot(*m_latest[i]);
            m_latest[i].reset();
        }
    }
    if (!m_chartsDirty)
        return;
    m_chartsDirty = false;
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        const ProbeSeriesFeed& feed = *m_feeds[i];
        const std::int64_t to =
            std::max(feed.startMs() + plannedSpanMs(m_runs[i]->options().load), feed.lastMs());
        m_views[i]->refresh(feed.endpointId(), feed.policy(), feed.startMs(), to);
    }
}

std::vector<const ProbeReport*> ProbePanel::reports() const {
    std::vector<const ProbeReport*> out;
    for (const auto& run : m_runs)
        out.push_back(&run->report());
    return out;
}

QStringList ProbePanel::pendingWork() const {
    QStringList lines;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i]->isRunning())
            lines << tr("probe run %1 against %2")
                         .arg(m_labels[qsizetype(i)],
                              m_runs[i]->options().url.toString(QUrl::RemoveUserInfo));
    return lines;
}

std::vector<ProbeReport> ProbePanel::reportCopies() const {
    std::vector<ProbeReport> all;
    for (const auto& run : m_runs)
        all.push_back(run->report());
    return all;
}

void ProbePanel::editSelectedProfile() {
    const QModelIndexList rows = m_summaryView->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : rows.front().row();
    if (row < 0 || row >= m_documents.size() || m_documents[row].isEmpty())
        return;
    m_context.openInConfigEditor(tr("probe profile %1").arg(m_labels[row]), m_documents[row]);
}

QString ProbePanel::exportJson(const QString& path) const {
    return ProbeExport::write(path, ProbeExport::Format::Json, reportCopies());
}

QString ProbePanel::exportCsv(const QString& path) const {
    return ProbeExport::write(path, ProbeExport::Format::Csv, reportCopies());
}

void ProbePanel::exportTo(bool json) {
    bool failed = false;
    const QString message = ProbeExport::askAndWrite(
        this, json ? ProbeExport::Format::Json : ProbeExport::Format::Csv, reportCopies(), &failed);
    if (!message.isEmpty())
        setMessage(message, failed);
}

} // namespace jimini
