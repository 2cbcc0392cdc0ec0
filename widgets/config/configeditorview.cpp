// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configeditorview.h"

#include "widgets/config/configform.h"
#include "widgets/config/configjsonview.h"

#include "control/configdraftmodel.h"
#include "control/configsession.h"

#include "config/configcodec.h"
#include "config/configdiff.h"
#include "config/profiles.h"
#include "net/baseurl.h"
#include "net/controlresult.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace jimini {

ConfigEditorView::ConfigEditorView(QNetworkAccessManager* nam, AuditTrail* audit, const QString& draftDir,
                                   const QString& historyDir, QWidget* parent)
    : QWidget(parent)
    , m_nam(nam)
    , m_audit(audit)
    , m_store(draftDir)
    , m_history(historyDir)
    , m_model(new ConfigDraftModel(this)) {
    buildUi();
    connect(m_model, &ConfigDraftModel::changed, this, &ConfigEditorView::onDraftChanged);
    refreshDraftList();
    if (m_drafts->count() > 0)
        say(tr("%n saved draft(s): double-click one to go on with it.", nullptr, m_drafts->count()));
}

ConfigEditorView::~ConfigEditorView() = default;

void ConfigEditorView::buildUi() {
    m_target = new QComboBox(this);
    m_target->setEditable(true);
    m_target->setMinimumContentsLength(28);
    m_target->setToolTip(tr("The instance the draft is pushed to (its base URL)"));
    auto* load = new QPushButton(tr("Load live"), this);
    connect(load, &QPushButton::clicked, this, &ConfigEditorView::loadLive);
    auto* profile = new QToolButton(this);
    profile->setText(tr("From profile"));
    profile->setPopupMode(QToolButton::InstantPopup);
    auto* profiles = new QMenu(profile);
    for (const QString& name : Profiles::names())
        profiles->addAction(name, this, [this, name] { startFromProfile(name); });
    profile->setMenu(profiles);
    auto* open = new QPushButton(tr("Open file..."), this);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open config"), {}, tr("JSON (*.json)"));
        if (!path.isEmpty())
            openFile(path);
    });
    auto* save = new QPushButton(tr("Save as..."), this);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save config"), {}, tr("JSON (*.json)"));
        if (!path.isEmpty())
            saveAs(path);
    });
    auto* push = new QPushButton(tr("Review and push..."), this);
    connect(push, &QPushButton::clicked, this, &ConfigEditorView::reviewPush);
    auto* rollback = new QPushButton(tr("Rollback..."), this);
    rollback->setToolTip(tr("Push the instance's previous version back (kept locally with its ETag)"));
    connect(rollback, &QPushButton::clicked, this, &ConfigEditorView::reviewRollback);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Target:"), this));
    bar->addWidget(m_target, 1);
    for (QWidget* w : std::initializer_list<QWidget*>{load, profile, open, save, push, rollback})
        bar->addWidget(w);

    m_drafts = new QListWidget(this);
    m_drafts->setToolTip(tr("Drafts saved as typed; double-click to go on with one"));
    connect(m_drafts, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { restoreDraft(item->data(Qt::UserRole).toString()); });
    auto* draftsBox = new QGroupBox(tr("Drafts"), this);
    (new QVBoxLayout(draftsBox))->addWidget(m_drafts);

    m_form = new ConfigForm(*m_model, this);
    m_json = new ConfigJsonView(*m_model, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_form, tr("Form"));
    m_tabs->addTab(m_json, tr("JSON"));

    m_reviewPane = new ConfigReviewPane(this);
    connect(m_reviewPane, &ConfigReviewPane::confirmed, this, &ConfigEditorView::confirm);
    connect(m_reviewPane, &ConfigReviewPane::rebaseApplied, this, &ConfigEditorView::applyRebase);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_tabs);
    right->addWidget(m_reviewPane);
    auto* split = new QSplitter(this);
    split->addWidget(draftsBox);
    split->addWidget(right);
    split->setStretchFactor(1, 4);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
}

QString ConfigEditorView::statusText() const {
    return m_status->text();
}

void ConfigEditorView::say(const QString& message) {
    m_status->setText(message);
    emit statusMessage(message);
}

void ConfigEditorView::setTargets(const QList<ServiceEndpoint>& endpoints) {
    m_targets = endpoints;
    const QString current = m_target->currentText();
    const QSignalBlocker block(m_target);
    m_target->clear();
    for (const ServiceEndpoint& e : endpoints)
        m_target->addItem(e.id());
    m_target->setCurrentText(current);
}

void ConfigEditorView::selectTarget(const QString& endpointId) {
    m_target->setCurrentText(endpointId);
}

QString ConfigEditorView::target() const {
    return m_target->currentText().trimmed();
}

std::optional<ServiceEndpoint> ConfigEditorView::targetEndpoint() const {
    const QString text = target();
    for (const ServiceEndpoint& e : m_targets)
        if (e.id() == text)
            return e;
    const BaseUrl url = BaseUrl::parse(text);
    if (!url.ok())
        return std::nullopt;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = url.url;
    if (!endpoint.apiBase())
        return std::nullopt;
    return endpoint;
}

ConfigSession* ConfigEditorView::sessionFor(const ServiceEndpoint& endpoint) {
    if (m_session && m_session->endpoint().id() == endpoint.id())
        return m_session;
    delete m_session;
    m_session = new ConfigSession(endpoint, m_nam, m_audit, &m_history, this);
    connect(m_session, &ConfigSession::pushed, this, &ConfigEditorView::onPushed);
    connect(m_session, &ConfigSession::loaded, this, [this](const ControlResult& result) {
        if (!result.ok) {
            m_reviewAfterLoad = false;
            say(tr("%1: live config not read: %2").arg(m_session->endpoint().id(), result.reason));
            emit loaded(false);
            return;
        }
        m_draft.instance = m_session->endpoint().id();
        m_draft.baseEtag = m_session->etag();
        m_draft.base = ConfigCodec::serialize(*m_session->base());
        if (m_reviewAfterLoad) {
            m_reviewAfterLoad = false;
            emit loaded(true);
            reviewPush();
            return;
        }
        startDraft(m_draft.base, QStringLiteral("live"));
        say(tr("%1: live config, version %2").arg(m_draft.instance, QString::fromLatin1(m_draft.baseEtag)));
        emit loaded(true);
    });
    return m_session;
}

void ConfigEditorView::loadLive() {
    const std::optional<ServiceEndpoint> endpoint = targetEndpoint();
    if (!endpoint) {
        say(tr("\"%1\" is not an instance's base URL").arg(target()));
        emit loaded(false);
        return;
    }
    sessionFor(*endpoint)->load();
}

void ConfigEditorView::startDraft(const QByteArray& text, const QString& origin) {
    m_draft.id.clear(); // a new draft; the old one stays listed
    m_draft.origin = origin;
    m_draft.text = text;
    m_restoring = true;
    m_model->setText(text);
    m_restoring = false;
    onDraftChanged();
}

bool ConfigEditorView::startFromProfile(const QString& profile) {
    const std::optional<ResilienceConfig> config = Profiles::load(profile);
    if (!config) {
        say(tr("no profile named \"%1\"").arg(profile));
        return false;
    }
    startDraft(ConfigCodec::serialize(*config), profile);
    say(tr("New draft from the %1 profile").arg(profile));
    return true;
}

void ConfigEditorView::startFromText(const QByteArray& json, const QString& origin) {
    startDraft(json, origin);
    say(tr("New draft from %1").arg(origin));
}

bool ConfigEditorView::openFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        say(tr("%1: %2").arg(path, file.errorString()));
        return false;
    }
    if (file.size() > ConfigCodec::maxDocumentSize) {
        say(tr("%1: larger than %2 bytes").arg(path).arg(ConfigCodec::maxDocumentSize));
        return false;
    }
    startDraft(file.read(ConfigCodec::maxDocumentSize), QStringLiteral("file:") + path);
    say(tr("Opened %1").arg(path));
    return true;
}

bool ConfigEditorView::saveAs(const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->text()) < 0 || !file.commit()) {
        say(tr("%1: %2").arg(path, file.errorString()));
        return false;
    }
    say(tr("Saved %1").arg(path));
    return true;
}

void ConfigEditorView::restoreDraft(const QString& id) {
    const std::optional<ConfigDraft> draft = m_store.load(id);
    if (!draft) {
        say(tr("draft %1 cannot be read").arg(id));
        return;
    }
    m_draft = *draft;
    if (!m_draft.instance.isEmpty()) {
        selectTarget(m_draft.instance);
        const ConfigParseResult base = ConfigCodec::parse(m_draft.base);
        if (const std::optional<ServiceEndpoint> endpoint = targetEndpoint(); endpoint && base.ok())
            sessionFor(*endpoint)->setBase(*base.config,
                                           m_draft.baseEtag); // the If-Match it was made against
    }
    m_restoring = true;
    m_model->setText(m_draft.text);
    m_restoring = false;
    say(tr("Draft from %1 (%2)").arg(m_draft.savedAt.toLocalTime().toString(Qt::ISODate), m_draft.origin));
}

void ConfigEditorView::onDraftChanged() {
    m_draft.text = m_model->text();
    const bool isNew = m_draft.id.isEmpty();
    if (!m_store.save(m_draft))
        say(tr("The draft could not be saved: %1").arg(m_store.error()));
    else if (isNew)
        refreshDraftList();
    if (m_reviewPane->mode() == Review::Push)
        m_reviewPane->dismiss(); // what it showed is no longer the draft
    emit draftChanged();
}

void ConfigEditorView::refreshDraftList() {
    m_drafts->clear();
    for (const ConfigDraft& d : m_store.list()) {
        auto* item =
            new QListWidgetItem(QStringLiteral("%1 · %2").arg(
                                    d.savedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                    d.instance.isEmpty() ? d.origin : d.instance),
                                m_drafts);
        item->setData(Qt::UserRole, d.id);
        item->setToolTip(d.origin);
    }
}

void ConfigEditorView::reviewPush() {
    const std::optional<ServiceEndpoint> endpoint = targetEndpoint();
    if (!endpoint) {
        say(tr("Choose the instance to push to"));
        return;
    }
    ConfigSession* session = sessionFor(*endpoint);
    if (!session->base()) {
        m_reviewAfterLoad = true;
        session->load();
        say(tr("Reading %1's live config...").arg(endpoint->id()));
        return;
    }
    m_reviewPane->clearChanges();
    if (!m_model->isObject()) {
        say(tr("The draft is not a JSON object: fix it before pushing"));
        return;
    }
    if (!m_model->config()) {
        // The service has the same rules; its answer will put them at the fields.
        say(tr("The draft breaks %n rule(s) (shown at the fields); the service will refuse it.", nullptr,
               int(m_model->errors().size())));
    }
    const QList<ConfigChange> changes =
        m_model->config() ? ConfigDiff::diff(*session->base(), *m_model->config()) : QList<ConfigChange>{};
    m_reviewPane->showChanges(Review::Push,
                              tr("Push to %1 (live version %2): %n change(s)", nullptr, int(changes.size()))
                                  .arg(endpoint->id(), QString::fromLatin1(session->etag())),
                              changes);
}

void ConfigEditorView::reviewRollback() {
    const std::optional<ServiceEndpoint> endpoint = targetEndpoint();
    if (!endpoint) {
        say(tr("Choose the instance to roll back"));
        return;
    }
    const ConfigVersion previous = m_history.previous(endpoint->id());
    const QList<ConfigVersion> versions = m_history.versions(endpoint->id());
    if (previous.etag.isEmpty()) {
        say(tr("No earlier version of %1 is kept here").arg(endpoint->id()));
        return;
    }
    sessionFor(*endpoint);
    const ConfigParseResult from = ConfigCodec::parse(versions.back().document);
    const ConfigParseResult to = ConfigCodec::parse(previous.document);
    m_reviewPane->showChanges(Review::Rollback,
                              tr("Roll %1 back from version %2 to %3")
                                  .arg(endpoint->id(), QString::fromLatin1(versions.back().etag),
                                       QString::fromLatin1(previous.etag)),
                              from.ok() && to.ok() ? ConfigDiff::diff(*from.config, *to.config)
                                                   : QList<ConfigChange>{});
}

void ConfigEditorView::confirm() {
    if (!m_session || m_session->busy())
        return;
    if (m_reviewPane->mode() == Review::Push)
        m_session->push(m_model->text());
    else if (m_reviewPane->mode() == Review::Rollback)
        m_session->rollback();
}

void ConfigEditorView::onPushed(const ConfigPushOutcome& outcome) {
    m_lastOutcome = outcome;
    say(outcome.detail);
    switch (outcome.kind) {
    case ConfigPushOutcome::Kind::Applied:
        m_reviewPane->dismiss();
        if (m_session->base()) {
            m_draft.baseEtag = m_session->etag();
            m_draft.base = ConfigCodec::serialize(*m_session->base());
            m_store.save(m_draft);
        }
        break;
    case ConfigPushOutcome::Kind::Invalid:
        m_reviewPane->dismiss();
        m_form->setServiceErrors(outcome.errors);
        m_tabs->setCurrentWidget(m_form);
        break;
    case ConfigPushOutcome::Kind::Stale:
        if (!outcome.rebase) {
            m_reviewPane->clearChanges();
            m_reviewPane->dismiss();
            break;
        }
        m_draft.baseEtag = m_session->etag();
        m_draft.base = ConfigCodec::serialize(*m_session->base());
        m_reviewPane->showRebase(tr("%1 changed underneath: rebase the draft onto version %2")
                                     .arg(m_session->endpoint().id(), QString::fromLatin1(outcome.etag)),
                                 *outcome.rebase);
        break;
    case ConfigPushOutcome::Kind::Failed:
    case ConfigPushOutcome::Kind::NotRecorded:
        break;
    }
    emit pushFinished(outcome);
}

void ConfigEditorView::setConflictChoice(int conflict, bool theirs) {
    m_reviewPane->setConflictChoice(conflict, theirs);
}

void ConfigEditorView::applyRebase() {
    const std::optional<QJsonObject> merged = m_reviewPane->takeResolved();
    if (!merged)
        return;
    m_model->setText(QJsonDocument(*merged).toJson(QJsonDocument::Indented));
    say(tr("The draft is rebased onto version %1; review and push it again.")
            .arg(QString::fromLatin1(m_session ? m_session->etag() : QByteArray())));
}

} // namespace jimini
