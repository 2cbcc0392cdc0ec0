// SPDX-License-Identifier: GPL-3.0-or-later
#include "serviceurlprompt.h"

#include "net/baseurl.h"
#include "net/endpointaccess.h"

#include <QInputDialog>
#include <QMessageBox>

namespace jimini {

ServiceUrlPrompt::Result ServiceUrlPrompt::interpret(const QString& text) {
    Result r;
    if (text.trimmed().isEmpty())
        return r;
    const BaseUrl url = BaseUrl::parse(text);
    if (!url.ok()) {
        r.error = url.error;
        return r;
    }
    ServiceEndpoint endpoint;
    endpoint.baseUrl = url.url;
    QStringList notes;
    if (url.schemeAssumed)
        notes << url.note();
    if (endpoint.isDocumentUrl())
        notes << (endpoint.apiBase()
                      ? QStringLiteral("reads the health document at %1").arg(endpoint.healthUrl().toString())
                      : EndpointAccess::noApiReason(endpoint) + QStringLiteral("; it is polled"));
    r.note = notes.join(QStringLiteral("; "));
    r.endpoints.append(endpoint);
    return r;
}

QList<ServiceEndpoint> ServiceUrlPrompt::ask(QWidget* parent,
                                             const std::function<void(const QString&)>& showNote) {
    bool ok = false;
    const QString text = QInputDialog::getText(
        parent, QObject::tr("Add service"),
        QObject::tr("Base URL (http://host:8081), host:port (http assumed), or the health document's own "
                    "URL (http://host:8000/health):"),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return {};
    const Result r = interpret(text);
    if (!r.error.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Add service"), r.error);
    else if (!r.note.isEmpty() && showNote)
        showNote(r.note);
    return r.endpoints;
}

QByteArray ServiceUrlPrompt::askToken(QWidget* parent, const ServiceEndpoint& endpoint, const QString& where,
                                      bool* ok) {
    const QString text = QInputDialog::getText(
        parent, QObject::tr("Add service"),
        QObject::tr(
            "Bearer token for %1, if its control endpoints need one (kept in %2, never in the workspace "
            "file; leave empty for none):")
            .arg(endpoint.id(), where),
        QLineEdit::Password, QString(), ok);
    return text.toUtf8();
}

} // namespace jimini
