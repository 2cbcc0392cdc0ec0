// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tools/consolecontext.h"

#include "control/auditstore.h"
#include "store/fleethub.h"
#include "widgets/tools/toolhost.h"

#include <QVariant>
#include <QWidget>

namespace jimini {

ConsoleContext::ConsoleContext(FleetHub& hub, ControlService& control, AuditStore& audit,
                               SecretStore& secrets, ToolHost& host, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_control(control)
    , m_audit(audit)
    , m_secrets(secrets)
    , m_host(host) {
    m_audit.setRecordedListener([this](qint64 id) { emit auditRecorded(id); });
}

ConsoleContext::~ConsoleContext() {
    m_audit.setRecordedListener({});
}

QString ConsoleContext::currentEndpoint() const {
    const QWidget* page = m_host.currentPage();
    return page ? page->property("currentEndpointId").toString() : QString();
}

QStringList ConsoleContext::selectedEndpoints() const {
    const QWidget* page = m_host.currentPage();
    const QStringList selected = page ? page->property("selectedEndpointIds").toStringList() : QStringList();
    if (!selected.isEmpty())
        return selected;
    const QString current = currentEndpoint();
    return current.isEmpty() ? QStringList() : QStringList{current};
}

std::optional<ServiceEndpoint> ConsoleContext::endpoint(const QString& endpointId) const {
    for (const ServiceEndpoint& endpoint : m_hub.endpoints()) {
        if (endpoint.id() == endpointId)
            return endpoint;
    }
    return std::nullopt;
}

bool ConsoleContext::reopenAudit(const QString& path) {
    const bool opened = m_audit.open(path);
    emit auditChanged();
    return opened;
}

void ConsoleContext::activateInstance(const QString& endpointId) {
    if (!endpointId.isEmpty())
        emit instanceActivated(endpointId);
}

void ConsoleContext::publishEditorDraft(std::optional<EditorDraft> draft) {
    if (draft == m_editorDraft)
        return;
    m_editorDraft = std::move(draft);
    emit editorDraftChanged();
}

void ConsoleContext::openInConfigEditor(const QString& label, const QByteArray& json) {
    emit configEditRequested(label, json);
}

} // namespace jimini
