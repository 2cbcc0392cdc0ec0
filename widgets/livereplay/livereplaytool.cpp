// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/livereplay/livereplaytool.h"

#include "widgets/livereplay/livereplaysetupdialog.h"
#include "widgets/livereplay/livereplayview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include "control/auditstore.h"
#include "control/livereplay.h"
#include "runtime/consoleclock.h"
#include "store/fleethub.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace jimini {

LiveReplayTool::LiveReplayTool(QObject* parent)
    : ConsoleTool(parent) {}

LiveReplayTool::~LiveReplayTool() = default;

QWidget* LiveReplayTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    m_play = new QAction(tr("&Play scenario against the fleet..."), this);
    m_play->setObjectName(QStringLiteral("playLiveReplayAction"));
    m_play->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    connect(m_play, &QAction::triggered, this, &LiveReplayTool::openSetup);
    return nullptr;
}

QList<ToolAction> LiveReplayTool::actions() const {
    return {{QStringLiteral("replay"), m_play, tr("&Replay")}};
}

bool LiveReplayTool::isRunning() const {
    return m_replay && (m_replay->state() == LiveReplay::State::Running ||
                        m_replay->state() == LiveReplay::State::Clearing);
}

QStringList LiveReplayTool::pendingWork() const {
    if (!isRunning())
        return {};
    return {tr("a live replay of %1 against %n instance(s), %2 injected fault(s) to clear", nullptr,
               int(m_replay->targets().size()))
                .arg(m_replay->scenario().name)
                .arg(m_replay->faultsInForce())};
}

void LiveReplayTool::windDown() {
    if (!isRunning()) {
        emit windDownFinished();
        return;
    }
    m_windingDown = true;
    m_replay->abort(tr("the console is closing"));
}

LiveReplaySetupDialog* LiveReplayTool::openSetup() {
    if (isRunning()) {
        showProgress();
        return nullptr;
    }
    QList<QPair<QString, QString>> instances;
    for (const ServiceEndpoint& endpoint : m_context->hub().endpoints()) {
        if (!endpoint.apiBase())
            continue; // a guide-only document has no /faults
        const auto row = m_context->hub().rows().constFind(endpoint.id());
        const QString name =
            row != m_context->hub().rows().cend() && !row->instance.isEmpty() ? row->instance : endpoint.id();
        instances.append({endpoint.id(), name});
    }
    auto* dialog = new LiveReplaySetupDialog(instances, m_context->selectedEndpoints(),
                                             m_context->host().dialogParent());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->scenario())
            play(*dialog->scenario(), dialog->checkedEndpoints());
    });
    dialog->open();
    return dialog;
}

bool LiveReplayTool::play(const Scenario& scenario, const QStringList& endpointIds) {
    if (isRunning())
        return false;
    QList<LiveReplayTarget> targets;
    for (const QString& id : endpointIds) {
        const std::optional<ServiceEndpoint> endpoint = m_context->endpoint(id);
        if (!endpoint)
            return false;
        const auto row = m_context->hub().rows().constFind(id);
        targets.append({*endpoint, row != m_context->hub().rows().cend() ? row->instance : QString()});
    }
    if (m_view)
        m_view->setReplay(nullptr);
    m_replay = std::make_unique<LiveReplay>(scenario, targets, m_context->control(),
                                            m_context->hub().clock()->scheduler(), &m_context->audit());
    connect(m_replay.get(), &LiveReplay::finished, this, [this] {
        m_context->host().showStatus(
            tr("Live replay of %1: %2")
                .arg(m_replay->scenario().name, LiveReplay::toString(m_replay->result())),
            10000);
        if (m_windingDown) {
            m_windingDown = false;
            emit windDownFinished();
        }
    });
    showProgress();
    m_view->setReplay(m_replay.get());
    m_replay->start();
    return true;
}

void LiveReplayTool::showProgress() {
    if (!m_progress) {
        m_progress = new QDialog(m_context->host().dialogParent());
        m_progress->setObjectName(QStringLiteral("liveReplayProgress"));
        m_progress->setWindowTitle(tr("Live replay"));
        m_view = new LiveReplayView;
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
        connect(buttons, &QDialogButtonBox::rejected, m_progress, &QDialog::hide); // the replay goes on
        auto* layout = new QVBoxLayout(m_progress);
        layout->addWidget(m_view);
        layout->addWidget(buttons);
        m_progress->resize(640, 360);
    }
    m_progress->show();
    m_progress->raise();
}

} // namespace jimini
