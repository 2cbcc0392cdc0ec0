// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/breakers/breakertool.h"

#include "control/auditstore.h"
#include "control/breakerttl.h"
#include "control/fleetbreakeraction.h"
#include "health/healthnames.h"
#include "store/fleethub.h"
#include "widgets/breakers/breakerdialog.h"
#include "widgets/breakers/breakerresultsdialog.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"
#include "widgets/typedconfirmation.h"

#include <QAction>
#include <QMessageBox>
#include <QSet>

namespace jimini {

namespace {
// One name when all agree, else how many there are ("2 services"); empty when none is known.
QString common(const QSet<QString>& names, const QString& plural) {
    if (names.size() == 1)
        return *names.cbegin();
    return names.isEmpty() ? QString() : plural.arg(names.size());
}
} // namespace

QWidget* BreakerTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    using Command = ControlClient::BreakerCommand;
    m_actions << makeAction(QStringLiteral("isolated"), tr("&Isolate..."), tr("Ctrl+Shift+I"),
                            Command::Isolate);
    m_actions << makeAction(QStringLiteral("disabled"), tr("&Disable..."), tr("Ctrl+Shift+D"),
                            Command::Disable);
    m_actions << makeAction(QStringLiteral("closed"), tr("Return to &automatic..."), tr("Ctrl+Shift+A"),
                            Command::Auto);
    return nullptr;
}

BreakerResultsDialog* BreakerTool::resultsDialog() const {
    return m_results;
}

QList<ToolAction> BreakerTool::actions() const {
    QList<ToolAction> entries;
    for (QAction* action : m_actions)
        entries.append({QStringLiteral("breaker"), action, tr("&Breaker")});
    return entries;
}

QAction* BreakerTool::makeAction(const QString& icon, const QString& text, const QString& shortcut,
                                 ControlClient::BreakerCommand command) {
    auto* action = new QAction(QIcon(QStringLiteral(":/icons/breaker-%1.svg").arg(icon)), text, this);
    action->setShortcut(QKeySequence(shortcut));
    connect(action, &QAction::triggered, this, [this, command] { change(command); });
    return action;
}

void BreakerTool::change(ControlClient::BreakerCommand command) {
    ToolHost& host = m_context->host();
    // Copied now: the dialog's event loop may deliver new rows.
    QList<BreakerTarget> targets;
    QSet<QString> services;
    QSet<QString> environments;
    BreakerSubject subject;
    for (const QString& id : m_context->selectedEndpoints()) {
        const auto row = m_context->hub().rows().constFind(id);
        const std::optional<ServiceEndpoint> endpoint = m_context->endpoint(id);
        if (row == m_context->hub().rows().cend() || !endpoint)
            continue;
        BreakerTarget target;
        target.endpoint = *endpoint;
        target.instance = row->instance.isEmpty() ? id : row->instance;
        target.service = row->service;
        target.environment = row->environment;
        for (const PolicyRow& policy : row->policies) {
            if (!policy.breakerState)
                continue;
            target.policies << policy.name;
            const QString state = breakerStateName(*policy.breakerState);
            target.statesBefore.insert(policy.name, state);
            if (!subject.policies.contains(policy.name))
                subject.policies << policy.name;
            if (policy.breakerManual)
                subject.manualStates.insert(policy.name, state);
        }
        services.insert(row->service);
        environments.insert(row->environment);
        targets.append(target);
    }
    if (targets.isEmpty()) {
        host.showStatus(tr("Select an instance first"), 4000);
        return;
    }
    subject.instances = int(targets.size());
    subject.service = common(services, tr("%1 services"));
    subject.environment = common(environments, tr("%1 environments"));
    // Several environments count as production when any of them is.
    for (const QString& environment : environments)
        if (TypedConfirmation::isProduction(environment))
            subject.environment = environment;
    subject.title = targets.size() == 1 ? targets.front().instance
                                        : tr("%1 instances of %2").arg(targets.size()).arg(subject.service);

    BreakerDialog dialog(subject, command, host.dialogParent());
    if (dialog.exec() != QDialog::Accepted)
        return;
    FleetBreakerRequest request;
    request.command = command;
    request.reason = dialog.reason();
    request.ttlSeconds = dialog.ttlSeconds();
    const QString policy = dialog.policy();
    for (BreakerTarget& target : targets) {
        if (!policy.isEmpty())
            target.policies = target.policies.contains(policy) ? QStringList{policy} : QStringList{};
        if (!target.policies.isEmpty())
            request.targets.append(target);
    }
    auto* action = new FleetBreakerAction(request, m_context->control(), &m_context->audit(), this);
    const bool single = action->items().size() == 1;
    connect(action, &FleetBreakerAction::finished, this, [this, action, single] {
        if (single)
            reportSingle(*action);
        else
            m_context->host().showStatus(tr("%1: %2 done, %3 failed")
                                             .arg(ControlClient::toString(action->request().command))
                                             .arg(action->count(BreakerItem::Status::Done))
                                             .arg(action->count(BreakerItem::Status::Failed)),
                                         0);
    });
    if (!single) {
        m_results = new BreakerResultsDialog(*action, host.dialogParent());
        m_results->setAttribute(Qt::WA_DeleteOnClose);
        // The action lives as long as its results can be retried.
        connect(m_results, &QObject::destroyed, action, [action] {
            if (!action->isRunning())
                action->deleteLater();
        });
        m_results->show();
    } else {
        connect(action, &FleetBreakerAction::finished, action, &QObject::deleteLater);
    }
    action->start();
    host.showStatus(tr("Sending %1 to %2...")
                        .arg(ControlClient::toString(command),
                             request.targets.size() == 1 ? request.targets.front().instance
                                                         : tr("%1 instances").arg(request.targets.size())),
                    0);
}

void BreakerTool::reportSingle(const FleetBreakerAction& action) {
    const BreakerItem& item = action.items().front();
    if (item.status == BreakerItem::Status::Failed) {
        m_context->host().showStatus(
            tr("%1 · %2: not changed: %3").arg(item.instance, item.policy, item.error), 10000);
        QMessageBox::warning(m_context->host().dialogParent(), tr("Breaker"),
                             tr("%1 · %2: %3").arg(item.instance, item.policy, item.error));
        return;
    }
    const std::optional<int> ttl = action.request().ttlSeconds;
    QString text = tr("%1 · %2: now %3").arg(item.instance, item.policy, item.state);
    if (item.manualUntil)
        text += tr(" until %1").arg(item.manualUntil->toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    if (ttl)
        text += tr(" (TTL %1)").arg(BreakerTtl::toText(*ttl));
    text += tr(" · service answered HTTP %1").arg(item.answer.httpStatus);
    m_context->host().showStatus(text, 15000);
}

} // namespace jimini
