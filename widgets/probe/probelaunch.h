// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probeform.h"

#include "probe/probeoptions.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <vector>

namespace jimini {

class ConsoleContext;
struct ControlResult;

// The steps between Start and the runs: each profile resolved to a policy (a built-in one, the config
// editor's draft, or a live service's config fetched through the context's control service), then one
// ProbeOptions per target and profile, every one checked. Ends with ready() or refused() (the first
// problem, naming the profile or field), once; nothing is sent to a target before ready(). A launch
// destroyed early (stopped) fetches nothing more.
class ProbeLaunch final : public QObject {
    Q_OBJECT
public:
    ProbeLaunch(ConsoleContext& context, ProbeFormInput input, QObject* parent = nullptr);
    void start();

signals:
    // documents: per run, the config document its policy came from (for the config editor).
    void ready(const std::vector<jimini::ProbeOptions>& runs, const QList<QByteArray>& documents);
    void refused(const QString& reason);

private:
    void resolveNext();
    void onLiveConfig(const ControlResult& result);
    void refuse(const QString& reason);
    void build();

    ConsoleContext& m_context;
    ProbeFormInput m_input;
    std::vector<PolicyConfig> m_policies; // one per profile resolved so far
    QList<QByteArray> m_documents;        // the config document of each
    bool m_done = false;
};

} // namespace jimini
