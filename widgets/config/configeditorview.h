// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configdraft.h"
#include "control/confighistory.h"
#include "control/configpushoutcome.h"
#include "control/draftstore.h"

#include "net/serviceendpoint.h"

#include "widgets/config/configreviewpane.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QTabWidget;
class QTreeWidget;

namespace jimini {

class AuditTrail;
class ConfigDraftModel;
class ConfigForm;
class ConfigJsonView;
class ConfigSession;

// The config editor page: one draft, shown as a form and as JSON (both edit it), started from a profile,
// a target instance's live config or a file, saved as typed into the draft store (and listed on the next
// start), saved as a file. "Review and push" shows the field-level diff against the target's live config
// first; the push carries If-Match. A 412 shows what changed underneath and the three-way rebase, each
// conflict with a Mine / Theirs choice; a 422 puts the service's errors at their fields. Rollback reviews
// and pushes the instance's previous version. Pushes go through core/control's ConfigSession, recorded in
// the audit trail.
class ConfigEditorView final : public QWidget {
    Q_OBJECT
public:
    using Review = ConfigReviewPane::Mode;

    // nam must outlive this; audit may be null (tests of the editor alone).
    ConfigEditorView(QNetworkAccessManager* nam, AuditTrail* audit, const QString& draftDir,
                     const QString& historyDir, QWidget* parent = nullptr);
    ~ConfigEditorView() override;

    void setTargets(const QList<ServiceEndpoint>& endpoints);
    void selectTarget(const QString& endpointId);
    QString target() const;

    void loadLive();                               // GET the target's config and start from it
    bool startFromProfile(const QString& profile); // production, staging, development
    bool openFile(const QString& path);
    void startFromText(const QByteArray& json, const QString& origin); // another tool's config
    bool saveAs(const QString& path);
    void restoreDraft(const QString& id);

    void reviewPush();     // the diff against the live config (read first when it was not)
    void reviewRollback(); // the diff back to the previous version
    void confirm();        // push (or roll back) what the review shows
    void setConflictChoice(int conflict, bool theirs);
    void applyRebase(); // the rebased draft becomes the draft; push again to send it

    ConfigDraftModel& draftModel() const noexcept { return *m_model; }
    ConfigForm* form() const noexcept { return m_form; }
    ConfigJsonView* jsonView() const noexcept { return m_json; }
    QListWidget* draftList() const noexcept { return m_drafts; }
    QTreeWidget* reviewTree() const noexcept { return m_reviewPane->tree(); }
    Review review() const noexcept { return m_reviewPane->mode(); }
    const ConfigDraft& draft() const noexcept { return m_draft; }
    const std::optional<ConfigPushOutcome>& lastOutcome() const noexcept { return m_lastOutcome; }
    QString statusText() const;

signals:
    void loaded(bool ok);
    void pushFinished(const jimini::ConfigPushOutcome& outcome);
    void statusMessage(const QString& message);
    void draftChanged(); // as typed, restored or started

private:
    void buildUi();
    ConfigSession* sessionFor(const ServiceEndpoint& endpoint);
    std::optional<ServiceEndpoint> targetEndpoint() const;
    void startDraft(const QByteArray& text, const QString& origin);
    void onDraftChanged();
    void onPushed(const ConfigPushOutcome& outcome);
    void refreshDraftList();
    void say(const QString& message);

    QNetworkAccessManager* m_nam;
    AuditTrail* m_audit;
    DraftStore m_store;
    ConfigHistory m_history;
    ConfigDraftModel* m_model;
    ConfigDraft m_draft;
    QList<ServiceEndpoint> m_targets;
    QPointer<ConfigSession> m_session;
    std::optional<ConfigPushOutcome> m_lastOutcome;
    bool m_reviewAfterLoad = false;
    bool m_restoring = false;

    QComboBox* m_target = nullptr;
    QListWidget* m_drafts = nullptr;
    QTabWidget* m_tabs = nullptr;
    ConfigForm* m_form = nullptr;
    ConfigJsonView* m_json = nullptr;
    ConfigReviewPane* m_reviewPane = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace jimini
