// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"
#include "widgets/tools/editordraft.h"

#include <QObject>
#include <QString>

#include <optional>

namespace jimini {

class AuditStore;
class ControlService;
class SecretStore;
class FleetHub;
class ToolHost;

// What a tool is given to work with: the fleet (the hub, which also carries the view's clock), the
// control service for acting on services, the audit store every action is recorded in, the secret store
// for tokens the operator types, and the window as a ToolHost. Tools talk to each other only
// through it (an instance activated in one tool opens in another), never by naming each other. UI thread;
// outlives every tool of its window.
class ConsoleContext final : public QObject {
    Q_OBJECT
public:
    ConsoleContext(FleetHub& hub, ControlService& control, AuditStore& audit, SecretStore& secrets,
                   ToolHost& host, QObject* parent = nullptr);
    ~ConsoleContext() override;

    FleetHub& hub() const noexcept { return m_hub; }
    ControlService& control() const noexcept { return m_control; }
    // The console's audit store, opened at start. Record the intent before sending and the outcome with
    // the answer; when recordIntent returns 0 (the store is not open, or the write failed) do not send:
    // refuse the action with audit().error() as the reason.
    AuditStore& audit() const noexcept { return m_audit; }
    // Opens another store file in place of the current one (the console's --audit-db); tells
    // auditChanged either way. False with audit().error() saying why.
    bool reopenAudit(const QString& path);
    // Where typed tokens are kept: the OS keychain, or memory until the console closes (the console's is a
    // ConsoleSecrets, which says which and why). Tokens in token files stay in their files.
    SecretStore& secrets() const noexcept { return m_secrets; }
    ToolHost& host() const noexcept { return m_host; }

    // The instance the operator is looking at: the current page's (a page says it through its
    // "currentEndpointId" property), empty when there is none.
    QString currentEndpoint() const;
    // The instances an action applies to: the current page's selection (a page says it through its
    // "selectedEndpointIds" property; the fleet's multi-selection, a group row standing for every instance
    // of its service), else the current instance alone; empty when there is none.
    QStringList selectedEndpoints() const;
    std::optional<ServiceEndpoint> endpoint(const QString& endpointId) const;

    // Asks for an instance to be shown in detail (double click, Enter, an alert, an event).
    void activateInstance(const QString& endpointId);

    // The config editor's draft as it stands, for tools that run a config (probe, replay); nullopt while
    // the editor has none. The editor publishes it as it is typed; editorDraftChanged tells.
    const std::optional<EditorDraft>& editorDraft() const noexcept { return m_editorDraft; }
    void publishEditorDraft(std::optional<EditorDraft> draft);
    // Asks the config editor to start a draft from json (a replay's winner, a probe's profile) and show it.
    void openInConfigEditor(const QString& label, const QByteArray& json);

signals:
    void instanceActivated(const QString& endpointId);
    // The audit store was reopened: another file, or it opened or failed to.
    void auditChanged();
    // A row was appended to the audit store (by any tool): views of the store read what is new.
    void auditRecorded(qint64 id);
    void editorDraftChanged();
    void configEditRequested(const QString& label, const QByteArray& json);

private:
    FleetHub& m_hub;
    ControlService& m_control;
    AuditStore& m_audit;
    SecretStore& m_secrets;
    ToolHost& m_host;
    std::optional<EditorDraft> m_editorDraft;
};

} // namespace jimini
