// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/workspace/workspacetool.h"

#include "auth/sessiontokens.h"
#include "net/workspace.h"
#include "secrets/consolesecrets.h"
#include "store/fleethub.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"
#include "widgets/workspace/removalundo.h"
#include "widgets/workspace/servicedialog.h"
#include "widgets/workspace/serviceurlprompt.h"
#include "widgets/workspace/workspacechange.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>

#include <QSettings>
#include <algorithm>

namespace jimini {

namespace {
const QString kLastKey = QStringLiteral("workspace/last");

QString joined(const QList<WorkspaceError>& errors, const QString& separator) {
    QStringList lines;
    for (const WorkspaceError& e : errors)
        lines << e.toString();
    return lines.join(separator);
}
} // namespace

QWidget* WorkspaceTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    m_actions << makeAction(tr("&Add service..."), QKeySequence(tr("Ctrl+N")), &WorkspaceTool::addByUrl);
    m_actions << makeAction(tr("&Import list..."), QKeySequence(tr("Ctrl+I")), &WorkspaceTool::importList);
    m_actions << makeAction(tr("&Remove selected"), QKeySequence(Qt::Key_Delete),
                            &WorkspaceTool::removeSelected);
    auto* separator = new QAction(this);
    separator->setSeparator(true);
    m_actions << separator;
    m_actions << makeAction(tr("&Open workspace..."), QKeySequence(tr("Ctrl+O")), &WorkspaceTool::openDialog);
    m_actions << makeAction(tr("&Save workspace as..."), QKeySequence(tr("Ctrl+Shift+S")),
                            &WorkspaceTool::saveDialog);
    m_keychainNotice = new QLabel(tr("No keychain: tokens kept in memory until the console closes"));
    m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
    m_keychainNotice->setAccessibleName(tr("Token storage"));
    m_keychainNotice->hide();
    context.host().addStatusWidget(m_keychainNotice);
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("workspaceNotice"));
    m_notice->setAccessibleName(tr("Workspace"));
    m_notice->hide();
    context.host().addStatusWidget(m_notice);
    m_removalUndo = new RemovalUndo;
    context.host().addStatusWidget(m_removalUndo);
    connect(m_removalUndo, &RemovalUndo::restoreRequested, this, [this](const QList<ServiceEndpoint>& back) {
        addEndpoints(back);
        m_context->host().showStatus(tr("Added back %n instance(s)", nullptr, int(back.size())), 10000);
    });
    connect(m_removalUndo, &RemovalUndo::released, this, [this](const QList<ServiceEndpoint>& gone) {
        for (const ServiceEndpoint& endpoint : gone)
            m_context->hub().dropHistory(endpoint.id()); // nothing when it was added again meanwhile
    });
    if (auto* secrets = qobject_cast<ConsoleSecrets*>(&context.secrets()))
        connect(secrets, &ConsoleSecrets::readyChanged, this, &WorkspaceTool::updateKeychainNotice);
    updateKeychainNotice();
    return nullptr;
}

QList<ToolAction> WorkspaceTool::actions() const {
    QList<ToolAction> entries;
    for (QAction* action : m_actions)
        entries.append({ToolAction::fileMenu(), action});
    return entries;
}

QAction* WorkspaceTool::makeAction(const QString& text, const QKeySequence& shortcut,
                                   void (WorkspaceTool::*slot)()) {
    auto* action = new QAction(text, this);
    action->setShortcut(shortcut);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void WorkspaceTool::addEndpoints(const QList<ServiceEndpoint>& endpoints) {
    for (const ServiceEndpoint& endpoint : endpoints)
        m_context->hub().addEndpoint(endpoint);
    loadTokens(endpoints);
    updateKeychainNotice();
}

void WorkspaceTool::removeEndpoints(const QStringList& endpointIds, bool keepHistory) {
    for (const QString& id : endpointIds) {
        m_context->hub().removeEndpoint(id, keepHistory);
        SessionTokens::remove(id); // the secret store keeps it, for when the service is added again
    }
    updateKeychainNotice();
}

bool WorkspaceTool::setToken(const QString& endpointId, const QByteArray& token, QString* error) {
    if (!SessionTokens::set(endpointId, token, error))
        return false;
    QPointer<WorkspaceTool> self(this);
    m_context->secrets().write(
        endpointId, SessionTokens::get(endpointId), [self, endpointId](const SecretResult& result) {
            if (self && !result.ok)
                self->m_context->host().showStatus(
                    tr("The token for %1 is kept in memory only: %2").arg(endpointId, result.error), 15000);
        });
    updateKeychainNotice();
    return true;
}

void WorkspaceTool::loadTokens(const QList<ServiceEndpoint>& endpoints) {
    QPointer<WorkspaceTool> self(this);
    for (const ServiceEndpoint& endpoint : endpoints) {
        const QString id = endpoint.id();
        if (!endpoint.tokenFile.isEmpty() || SessionTokens::contains(id))
            continue;
        m_context->secrets().read(id, [self, id](const SecretResult& result) {
            if (!self || !result.found || SessionTokens::contains(id))
                return;
            QString error;
            if (!SessionTokens::set(id, result.secret, &error))
                self->m_context->host().showStatus(tr("The stored token is not used: %1").arg(error), 15000);
        });
    }
}

void WorkspaceTool::updateKeychainNotice() {
    // Said while it matters: tokens would be lost at exit, unless every service reads its token from a file.
    const auto* secrets = qobject_cast<const ConsoleSecrets*>(&m_context->secrets());
    const bool memory = secrets ? secrets->ready() && secrets->kind() == SecretStore::Kind::Memory
                                : m_context->secrets().kind() == SecretStore::Kind::Memory;
    const QList<ServiceEndpoint> endpoints = m_context->hub().endpoints();
    const bool allFromFiles =
        !endpoints.isEmpty() && std::all_of(endpoints.cbegin(), endpoints.cend(),
                                            [](const ServiceEndpoint& e) { return !e.tokenFile.isEmpty(); });
    m_keychainNotice->setToolTip(tr("%1. Tokens typed in the console are lost when it closes; give a service "
                                    "a token file (token_file in "
                                    "the workspace) to keep its token across restarts.")
                                     .arg(secrets && !secrets->fallbackReason().isEmpty()
                                              ? secrets->fallbackReason()
                                              : tr("No keychain")));
    m_keychainNotice->setVisible(memory && !allFromFiles);
}

bool WorkspaceTool::open(const QString& path, QString* error) {
    const WorkspaceParseResult parsed = Workspace::load(path);
    if (!parsed.ok()) {
        *error = QStringLiteral("%1: %2").arg(path, joined(parsed.errors, QStringLiteral("; ")));
        return false;
    }
    const WorkspaceChange change = WorkspaceChange::between(m_context->hub().endpoints(), *parsed.endpoints);
    removeEndpoints(change.removed);
    for (const ServiceEndpoint& endpoint : change.changed)
        m_context->hub().addEndpoint(endpoint); // new settings, same history
    addEndpoints(change.added);
    m_saved = *parsed.endpoints;
    remember(path);
    announce(change.summary(path));
    return true;
}

bool WorkspaceTool::save(const QString& path, QString* error) {
    QString target = path;
    if (QFileInfo(path).suffix().isEmpty())
        target += QStringLiteral(".json");
    const QList<ServiceEndpoint> endpoints = m_context->hub().endpoints();
    if (!Workspace(endpoints).save(target, error))
        return false;
    m_saved = endpoints;
    remember(target);
    const QString absolute = QFileInfo(target).absoluteFilePath();
    announce(endpoints.size() == 1 ? tr("Saved 1 service to %1").arg(absolute)
                                   : tr("Saved %1 services to %2").arg(endpoints.size()).arg(absolute));
    return true;
}

void WorkspaceTool::announce(const QString& message) {
    m_notice->setText(message);
    m_notice->setToolTip(message);
    m_notice->show();
    m_context->host().showStatus(message, 10000);
}

bool WorkspaceTool::hasUnsavedChanges() const {
    return !sameEndpoints(m_context->hub().endpoints(), m_saved);
}

QString WorkspaceTool::rememberedPath() {
    return QSettings().value(kLastKey).toString();
}

void WorkspaceTool::remember(const QString& path) {
    m_path = path;
    if (m_remember)
        QSettings().setValue(kLastKey, path);
}

void WorkspaceTool::addByUrl() {
    ToolHost& host = m_context->host();
    auto* dialog = new ServiceDialog(
        m_context->secrets().description(),
        [this](const QString& id, const QByteArray& token, QString* error) {
            return setToken(id, token, error);
        },
        host.dialogParent());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ServiceDialog::added, this,
            [this](const ServiceEndpoint& endpoint, const QString& note) {
                addEndpoints({endpoint});
                announce(tr("Added %1").arg(ServiceUrlPrompt::describe(endpoint)) +
                         (note.isEmpty() ? QString() : QStringLiteral("; ") + note));
            });
    dialog->open();
}

void WorkspaceTool::importList() {
    QWidget* parent = m_context->host().dialogParent();
    const QString path = QFileDialog::getOpenFileName(parent, tr("Import a list of URLs"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(parent, tr("Import list"), file.errorString());
        return;
    }
    const WorkspaceParseResult parsed = Workspace::importText(QString::fromUtf8(file.readAll()));
    if (!parsed.ok()) {
        QMessageBox::warning(parent, tr("Import list"), joined(parsed.errors, QStringLiteral("\n")));
        return;
    }
    addEndpoints(*parsed.endpoints);
}

void WorkspaceTool::removeSelected() {
    QList<ServiceEndpoint> removed;
    QStringList ids;
    for (const QString& id : m_context->selectedEndpoints()) {
        if (const std::optional<ServiceEndpoint> endpoint = m_context->endpoint(id)) {
            removed << *endpoint;
            ids << id;
        }
    }
    if (ids.isEmpty())
        return;
    removeEndpoints(ids, true);
    m_removalUndo->offer(removed);
}

void WorkspaceTool::openDialog() {
    if (!hasUnsavedChanges()) {
        chooseAndOpen();
        return;
    }
    // Asked without a nested event loop: the answer comes back through finished().
    auto* question =
        new QMessageBox(QMessageBox::Question, tr("Open workspace"),
                        tr("The services added or removed since the workspace was last saved "
                           "are lost if another workspace is opened. Services in both keep "
                           "their history."),
                        QMessageBox::Open | QMessageBox::Cancel, m_context->host().dialogParent());
    question->setObjectName(QStringLiteral("discardChangesQuestion"));
    question->setAttribute(Qt::WA_DeleteOnClose);
    question->setDefaultButton(QMessageBox::Cancel);
    connect(question, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Open)
            chooseAndOpen();
    });
    question->open();
}

void WorkspaceTool::chooseAndOpen() {
    QWidget* parent = m_context->host().dialogParent();
    const QString path =
        QFileDialog::getOpenFileName(parent, tr("Open workspace"), m_path, tr("Workspaces (*.json)"));
    QString error;
    if (!path.isEmpty() && !open(path, &error))
        QMessageBox::warning(parent, tr("Open workspace"), error);
}

void WorkspaceTool::saveDialog() {
    QWidget* parent = m_context->host().dialogParent();
    const QString path =
        QFileDialog::getSaveFileName(parent, tr("Save workspace as"), m_path, tr("Workspaces (*.json)"));
    QString error;
    if (!path.isEmpty() && !save(path, &error))
        QMessageBox::warning(parent, tr("Save workspace"), error);
}

} // namespace jimini
