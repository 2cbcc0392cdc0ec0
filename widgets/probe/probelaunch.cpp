// SPDX-License-Identifier: GPL-3.0-or-later
#include "probelaunch.h"

#include "config/profiles.h"
#include "control/controlservice.h"
#include "net/controlclient.h"
#include "probe/probeprofile.h"
#include "widgets/tools/consolecontext.h"

#include <QFile>
#include <QJsonDocument>

namespace jimini {

namespace {
constexpr int kConfigTimeoutMs = 10000;
}

ProbeLaunch::ProbeLaunch(ConsoleContext& context, ProbeFormInput input, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_input(std::move(input)) {}

void ProbeLaunch::start() {
    resolveNext();
}

void ProbeLaunch::resolveNext() {
    while (!m_done && m_policies.size() < std::size_t(m_input.profiles.size())) {
        const ProbeProfileChoice& choice = m_input.profiles[qsizetype(m_policies.size())];
        ProbeProfileResult resolved;
        QByteArray document;
        switch (choice.kind) {
        case ProbeProfileChoice::Kind::BuiltIn: {
            resolved = ProbeProfile::builtIn(choice.name);
            QFile file(Profiles::resourcePath(choice.name)); // a known name: builtIn refuses any other
            if (resolved.policy && file.open(QIODevice::ReadOnly))
                document = file.readAll();
            break;
        }
        case ProbeProfileChoice::Kind::Draft: {
            const std::optional<EditorDraft>& draft = m_context.editorDraft();
            if (!draft) {
                refuse(tr("Profile \"%1\": the config editor has no draft now").arg(choice.label));
                return;
            }
            resolved = ProbeProfile::fromDocument(draft->json, tr("the editor's draft"));
            document = draft->json;
            break;
        }
        case ProbeProfileChoice::Kind::Live: {
            const std::optional<ServiceEndpoint> endpoint = m_context.endpoint(choice.name);
            if (!endpoint) {
                refuse(tr("Profile \"%1\": %2 is no longer watched").arg(choice.label, choice.name));
                return;
            }
            ControlClient* client = m_context.control().newClient(*endpoint, this);
            client->setTimeout(kConfigTimeoutMs);
            connect(client, &ControlClient::finished, this, &ProbeLaunch::onLiveConfig);
            client->getConfig();
            return; // resumed by onLiveConfig
        }
        }
        if (!resolved.policy) {
            refuse(tr("Profile \"%1\": %2").arg(choice.label, resolved.error));
            return;
        }
        m_policies.push_back(*resolved.policy);
        m_documents.append(document);
    }
    if (!m_done)
        build();
}

void ProbeLaunch::onLiveConfig(const ControlResult& result) {
    sender()->deleteLater();
    if (m_done)
        return;
    const ProbeProfileChoice& choice = m_input.profiles[qsizetype(m_policies.size())];
    if (!result.ok) {
        refuse(tr("Profile \"%1\": the service's config could not be read: %2")
                   .arg(choice.label, result.reason));
        return;
    }
    const QByteArray document = QJsonDocument(result.body).toJson(QJsonDocument::Indented);
    const ProbeProfileResult resolved =
        ProbeProfile::fromDocument(document, tr("the live config of %1").arg(choice.name), choice.policy);
    if (!resolved.policy) {
        refuse(tr("Profile \"%1\": %2").arg(choice.label, resolved.error));
        return;
    }
    m_policies.push_back(*resolved.policy);
    m_documents.append(document);
    resolveNext();
}

void ProbeLaunch::build() {
    std::vector<ProbeOptions> runs;
    QList<QByteArray> documents;
    for (const QUrl& target : m_input.targets) {
        for (qsizetype p = 0; p < m_input.profiles.size(); ++p) {
            ProbeOptions o;
            o.url = target;
            o.request = m_input.request;
            o.profile = m_input.profiles[p].label;
            o.policy = m_policies[std::size_t(p)];
            o.load = m_input.load;
            if (const QStringList errors = o.validate(); !errors.isEmpty()) {
                refuse(errors.join(QStringLiteral("; ")));
                return;
            }
            runs.push_back(std::move(o));
            documents.append(m_documents[p]);
        }
    }
    m_done = true;
    emit ready(runs, documents);
}

void ProbeLaunch::refuse(const QString& reason) {
    if (m_done)
        return;
    m_done = true;
    emit refused(reason);
}

} // namespace jimini
