// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayview.h"

#include "replayconfigcolumns.h"
#include "replayjob.h"
#include "replaysummarymodel.h"
#include "replaytimeline.h"
#include "replaytransport.h"
#include "replaytransportbar.h"
#include "scenariophasemodel.h"

#include "runtime/consoleclock.h"
#include "sim/scenariocodec.h"
#include "sim/scenariolibrary.h"

#include <QComboBox>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>

#include <algorithm>

namespace jimini {

namespace {
// The timeline's origin: a local midnight, so the charts' time axis reads as time since the start.
std::int64_t timelineOrigin() {
    return QDateTime(QDate(2000, 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
}
} // namespace

ReplayView::ReplayView(std::shared_ptr<ConsoleClock> clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(std::move(clock))
    , m_phases(new ScenarioPhaseModel(this))
    , m_summary(new ReplaySummaryModel(this))
    , m_transport(new ReplayTransport(m_clock, this)) {
    m_frame.self = this;
    buildUi();
    connect(m_phases, &ScenarioPhaseModel::validated, this, [this] {
        QStringList lines;
        for (const FieldError& e : m_phases->errors())
            lines << e.toString();
        m_scenarioErrors->setText(lines.join(QLatin1Char('\n')));
        m_scenarioErrors->setVisible(!lines.isEmpty());
    });
    connect(m_transport, &ReplayTransport::positionChanged, m_timeline, &ReplayTimeline::showAt);
    connect(m_summary, &ReplaySummaryModel::winnerChanged, this, [this] {
        m_winner->setText(m_summary->winnerReason());
        m_openWinner->setEnabled(m_summary->winner().has_value());
    });
    if (!ScenarioLibrary::names().isEmpty())
        loadScenario(ScenarioLibrary::names().first());
}

ReplayView::~ReplayView() {
    m_clock->scheduler().cancel(m_frame);
    m_timeline->setJob(nullptr);
    m_job.reset(); // stops the replay and waits for its threads
}

QString ReplayView::message() const {
    return m_message->text();
}

void ReplayView::showMessage(const QString& text) {
    m_message->setText(text);
    if (!text.isEmpty())
        emit statusMessage(text);
}

bool ReplayView::loadScenario(const QString& nameOrPath) {
    const bool bundled = ScenarioLibrary::names().contains(nameOrPath);
    QFile file(bundled ? QStringLiteral(":/scenarios/%1.json").arg(nameOrPath) : nameOrPath);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1: %2").arg(nameOrPath, file.errorString()));
        return false;
    }
    if (file.size() > ScenarioCodec::maxBytes) {
        showMessage(tr("%1: larger than %2 bytes; not read").arg(nameOrPath).arg(ScenarioCodec::maxBytes));
        return false;
    }
    const QByteArray json = file.read(ScenarioCodec::maxBytes + 1);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) { // the codec says what is wrong and where
        const ScenarioParseResult parsed = ScenarioCodec::parse(json);
        showMessage(tr("%1: %2").arg(nameOrPath, parsed.errors.isEmpty() ? tr("not a scenario")
                                                                         : parsed.errors.first().toString()));
        return false;
    }
    m_phases->setDocument(doc.object());
    {
        const QSignalBlocker block(m_scenarioBox);
        m_scenarioBox->setCurrentIndex(bundled ? m_scenarioBox->findText(nameOrPath) : -1);
    }
    m_description->setText(doc.object().value(QLatin1String("description")).toString());
    refreshDependencies();
    showMessage(bundled ? QString() : tr("Opened %1").arg(QFileInfo(nameOrPath).fileName()));
    return true;
}

void ReplayView::refreshDependencies() {
    const QSignalBlocker block(m_dependency);
    m_dependency->clear();
    m_dependency->addItems(m_phases->dependencyNames());
    m_dependency->setCurrentIndex(m_phases->dependency());
    m_dependency->setVisible(m_dependency->count() > 1);
}

bool ReplayView::saveScenario(const QString& path) {
    if (!m_phases->scenario()) {
        showMessage(tr("Not saved: the scenario has errors (%1)").arg(m_phases->errors().first().toString()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(m_phases->document()).toJson()) < 0 ||
        !file.commit()) {
        showMessage(tr("Not saved: %1: %2").arg(path, file.errorString()));
        return false;
    }
    showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool ReplayView::run() {
    const std::optional<Scenario>& scenario = m_phases->scenario();
    if (!scenario) {
        showMessage(tr("Not run: the scenario has errors (%1)").arg(m_phases->errors().first().toString()));
        return false;
    }
    std::vector<ReplayConfigColumns::Choice> choices = m_configs->choices();
    if (choices.empty()) {
        showMessage(m_configs->errors().isEmpty() ? tr("Not run: choose a config")
                                                  : tr("Not run: ") + m_configs->errors().first());
        return false;
    }
    std::vector<ReplayJob::Column> columns;
    m_jobJson.clear();
    QStringList labels;
    for (const ReplayConfigColumns::Choice& choice : choices) {
        const QList<FieldError> problems = ReplayEngine::check(*scenario, choice.config);
        if (!problems.isEmpty()) {
            showMessage(
                tr("Not run: %1 against the scenario: %2").arg(choice.label, problems.first().toString()));
            return false;
        }
        columns.push_back({choice.label, choice.config});
        m_jobJson.push_back(choice.json);
        labels << choice.label;
    }
    stop();
    m_timeline->setJob(nullptr);
    m_job = std::make_unique<ReplayJob>(*scenario, std::move(columns), timelineOrigin());
    connect(m_job.get(), &ReplayJob::columnFinished, this, &ReplayView::onColumnFinished);
    QStringList dependencies;
    for (const ScenarioDependency& d : scenario->dependencies)
        dependencies << d.name;
    m_summary->reset(labels, dependencies);
    m_transport->reset(std::chrono::duration_cast<std::chrono::milliseconds>(scenario->duration).count());
    m_timeline->setDependency(m_dependency->currentText());
    m_timeline->setJob(m_job.get());
    m_bar->refresh();
    m_job->start();
    m_stop->setEnabled(true);
    showMessage(tr("Replaying %1 against %2").arg(scenario->name, labels.join(QStringLiteral(", "))));
    m_clock->scheduler().schedule(m_frame, ReplayTransport::frameInterval);
    return true;
}

void ReplayView::stop() {
    if (m_job && !m_job->finished())
        m_job->cancel();
}

void ReplayView::onFrame() {
    if (!m_job)
        return;
    std::int64_t computed = std::numeric_limits<std::int64_t>::max();
    for (int c = 0; c < m_job->columnCount(); ++c)
        computed = std::min(computed, m_job->frontier(c));
    m_transport->setAvailable(computed * 1000);
    m_bar->refresh();
    if (!m_job->finished())
        m_clock->scheduler().schedule(m_frame, ReplayTransport::frameInterval);
}

void ReplayView::onColumnFinished(int column) {
    const auto& result = m_job->result(column);
    m_summary->setResult(column, result->summaries, result->run.inFlightAtEnd, result->run.cancelled);
    if (m_job->finished()) {
        onFrame();
        m_stop->setEnabled(false);
        showMessage(tr("Replay finished"));
    }
}

void ReplayView::openWinnerInEditor() {
    const std::optional<int> winner = m_summary->winner();
    if (!winner || !m_job || std::size_t(*winner) >= m_jobJson.size())
        return;
    emit openInEditorRequested(m_job->column(*winner).label, m_jobJson[std::size_t(*winner)]);
}

} // namespace jimini
