// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/mainwindow.h"

#include "console/breakerdialog.h"

#include "net/controlclient.h"
#include "net/controlresult.h"
#include "net/workspace.h"
#include "widgets/alertsmodel.h"
#include "widgets/alertspanel.h"
#include "widgets/eventlogmodel.h"
#include "widgets/eventlogview.h"
#include "widgets/fleetmodel.h"
#include "widgets/fleetstatuslabel.h"
#include "widgets/fleetview.h"
#include "widgets/palette.h"
#include "widgets/servicedetailview.h"
#include "widgets/serviceurlprompt.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTreeView>
#include <algorithm>

namespace jimini {

namespace {
int troubleScore(const InstanceRow& row) {
    int score = int(row.level) * 10;
    for (const PolicyRow& policy : row.policies) {
        if (policy.breakerState == BreakerState::Open || policy.breakerState == BreakerState::Isolated)
            score += 100;
        else if (policy.breakerState == BreakerState::HalfOpen)
            score += 50;
    }
    if (row.status != SourceStatus::Ok)
        score += 5;
    return score;
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_hub(new FleetHub(this))
    , m_controlNetwork(new QNetworkAccessManager(this)) {
    setWindowTitle(tr("Jimini Resilience Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/breaker-closed.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    buildCentral();
    buildDocks();
    buildMenus();
    buildStatusBar();
    buildTray();

    connect(m_hub, &FleetHub::rowsChanged, this, &MainWindow::onRows);
    connect(m_hub, &FleetHub::rowsRemoved, this, &MainWindow::onRowsRemoved);
    connect(m_hub, &FleetHub::eventsArrived, this, &MainWindow::onEvents);
    connect(m_hub, &FleetHub::countsChanged, this, &MainWindow::onCounts);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentral() {
    m_model = new FleetModel(this);
    m_fleetView = new FleetView(m_model, this);
    m_fleetView->setAccessibleName(tr("Fleet overview"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setAccessibleName(tr("Fleet and service details"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->addTab(m_fleetView, QIcon(QStringLiteral(":/icons/health-healthy.svg")), tr("Fleet"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the fleet tab stays
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeDetailTab);
    connect(m_fleetView, &FleetView::instanceActivated, this, [this](const QString& id) { openDetail(id); });
    setCentralWidget(m_tabs);
}

void MainWindow::buildDocks() {
    m_alertsModel = new AlertsModel(this);
    auto* alerts = new AlertsPanel(m_alertsModel, this);
    alerts->setAccessibleName(tr("Alerts"));
    connect(alerts, &AlertsPanel::newAlert, this,
            [this](const QString& title, const QString& message, AlertLevel) { notify(title, message); });
    connect(alerts, &AlertsPanel::instanceActivated, this, [this](const QString& id) { openDetail(id); });
    m_alerts = alerts;
    m_eventModel = new EventLogModel(this);
    auto* events = new EventLogView(m_eventModel, this);
    events->setAccessibleName(tr("Event log"));
    connect(events, &EventLogView::instanceActivated, this, [this](const QString& id) { openDetail(id); });
    m_events = events;

    auto* alertsDock = new QDockWidget(tr("Alerts"), this);
    alertsDock->setObjectName(QStringLiteral("alertsDock"));
    alertsDock->setWidget(m_alerts);
    addDockWidget(Qt::BottomDockWidgetArea, alertsDock);
    auto* eventsDock = new QDockWidget(tr("Event log"), this);
    eventsDock->setObjectName(QStringLiteral("eventsDock"));
    eventsDock->setWidget(m_events);
    addDockWidget(Qt::BottomDockWidgetArea, eventsDock);
    splitDockWidget(alertsDock, eventsDock, Qt::Horizontal);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Add service by URL..."), QKeySequence(tr("Ctrl+N")), this,
                    &MainWindow::addServiceByUrl);
    file->addAction(tr("&Import list..."), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importList);
    file->addAction(tr("&Remove selected"), QKeySequence(Qt::Key_Delete), this, &MainWindow::removeSelected);
    file->addSeparator();
    file->addAction(tr("&Open workspace..."), QKeySequence(tr("Ctrl+O")), this,
                    &MainWindow::openWorkspaceDialog);
    file->addAction(tr("&Save workspace as..."), QKeySequence(tr("Ctrl+Shift+S")), this,
                    &MainWindow::saveWorkspaceDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence(tr("Ctrl+Q")), this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fleet =
        view->addAction(tr("&Fleet overview"), QKeySequence(tr("Ctrl+0")), this, &MainWindow::showFleet);
    fleet->setIcon(QIcon(QStringLiteral(":/icons/health-healthy.svg")));
    view->addAction(tr("Open &detail"), QKeySequence(tr("Ctrl+D")), this, [this] {
        if (const QString id = selectedEndpoint(); !id.isEmpty())
            openDetail(id);
    });
    view->addSeparator();
    const auto docks = findChildren<QDockWidget*>();
    int key = 1;
    for (QDockWidget* dock : docks) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+%1").arg(key++)));
        view->addAction(toggle);
    }
    view->addSeparator();
    QMenu* themes = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const struct {
        QString text;
        const char* shortcut;
        Theme theme;
    } entries[] = {{tr("Follow &system"), "Ctrl+Alt+S", Theme::System},
                   {tr("&Light"), "Ctrl+Alt+L", Theme::Light},
                   {tr("&Dark"), "Ctrl+Alt+K", Theme::Dark}};
    for (const auto& entry : entries) {
        QAction* action = themes->addAction(entry.text);
        action->setShortcut(QKeySequence(QString::fromLatin1(entry.shortcut)));
        action->setCheckable(true);
        action->setData(int(entry.theme));
        action->setChecked(entry.theme == m_theme);
        m_themeGroup->addAction(action);
        const Theme theme = entry.theme;
        connect(action, &QAction::triggered, this, [this, theme] { setTheme(theme); });
    }

    QMenu* breaker = menuBar()->addMenu(tr("&Breaker"));
    m_breakerActions << breaker->addAction(QIcon(QStringLiteral(":/icons/breaker-isolated.svg")),
                                           tr("&Isolate..."), QKeySequence(tr("Ctrl+Shift+I")), this,
                                           [this] { changeBreaker(ControlClient::BreakerCommand::Isolate); });
    m_breakerActions << breaker->addAction(QIcon(QStringLiteral(":/icons/breaker-disabled.svg")),
                                           tr("&Disable..."), QKeySequence(tr("Ctrl+Shift+D")), this,
                                           [this] { changeBreaker(ControlClient::BreakerCommand::Disable); });
    m_breakerActions << breaker->addAction(QIcon(QStringLiteral(":/icons/breaker-closed.svg")),
                                           tr("Return to &automatic..."), QKeySequence(tr("Ctrl+Shift+A")),
                                           this,
                                           [this] { changeBreaker(ControlClient::BreakerCommand::Auto); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Jimini Console"), QKeySequence(Qt::Key_F1), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar() {
    m_countsLabel = new FleetStatusLabel(this);
    m_updateLabel = new QLabel(this);
    m_updateLabel->setAccessibleName(tr("Last update"));
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_updateLabel);
}

void MainWindow::buildTray() {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setToolTip(windowTitle());
    m_tray->show();
}

void MainWindow::addEndpoints(const QList<ServiceEndpoint>& endpoints) {
    for (const ServiceEndpoint& endpoint : endpoints)
        m_hub->addEndpoint(endpoint);
}

void MainWindow::removeEndpoints(const QStringList& endpointIds) {
    for (const QString& id : endpointIds)
        m_hub->removeEndpoint(id);
}

QList<ServiceEndpoint> MainWindow::endpoints() const {
    return m_hub->endpoints();
}

bool MainWindow::openWorkspace(const QString& path, QString* error) {
    const WorkspaceParseResult parsed = Workspace::load(path);
    if (!parsed.ok()) {
        QStringList lines;
        for (const WorkspaceError& e : parsed.errors)
            lines << e.toString();
        *error = QStringLiteral("%1: %2").arg(path, lines.join(QStringLiteral("; ")));
        return false;
    }
    QStringList old;
    for (const ServiceEndpoint& endpoint : m_hub->endpoints())
        old << endpoint.id();
    removeEndpoints(old);
    addEndpoints(*parsed.endpoints);
    m_workspacePath = path;
    if (m_rememberWorkspace)
        QSettings().setValue(QStringLiteral("workspace/last"), path);
    statusBar()->showMessage(
        tr("Opened %1 (%n service(s))", nullptr, int(parsed.endpoints->size())).arg(path), 5000);
    return true;
}

bool MainWindow::saveWorkspace(const QString& path, QString* error) {
    if (!Workspace(m_hub->endpoints()).save(path, error))
        return false;
    m_workspacePath = path;
    if (m_rememberWorkspace)
        QSettings().setValue(QStringLiteral("workspace/last"), path);
    return true;
}

ServiceDetailView* MainWindow::openDetail(const QString& endpointId) {
    if (ServiceDetailView* view = detail(endpointId)) {
        m_tabs->setCurrentWidget(view);
        return view;
    }
    const InstanceRow* row = m_model->instance(endpointId);
    if (!row)
        return nullptr;
    auto* view = new ServiceDetailView(m_hub->store(), m_tabs);
    view->setAccessibleName(tr("Detail of %1").arg(row->instance));
    view->setRow(*row);
    m_details.insert(endpointId, view);
    const int index = m_tabs->addTab(view, QIcon(QStringLiteral(":/icons/breaker-half-open.svg")),
                                     row->instance.isEmpty() ? endpointId : row->instance);
    m_tabs->setTabToolTip(index, endpointId);
    m_tabs->setCurrentIndex(index);
    return view;
}

ServiceDetailView* MainWindow::detail(const QString& endpointId) const {
    return m_details.value(endpointId);
}

void MainWindow::showFleet() {
    m_tabs->setCurrentIndex(0);
}

QString MainWindow::mostTroubledEndpoint() const {
    QString best;
    int bestScore = -1;
    for (const ServiceEndpoint& endpoint : m_hub->endpoints()) {
        const InstanceRow* row = m_model->instance(endpoint.id());
        if (!row)
            continue;
        if (const int score = troubleScore(*row); score > bestScore) {
            bestScore = score;
            best = endpoint.id();
        }
    }
    return best;
}

void MainWindow::closeDetailTab(int index) {
    auto* view = qobject_cast<ServiceDetailView*>(m_tabs->widget(index));
    if (!view)
        return;
    m_details.remove(m_details.key(view));
    m_tabs->removeTab(index);
    view->deleteLater();
}

void MainWindow::setTheme(Theme theme) {
    m_theme = theme;
    const QPalette palette = theme == Theme::Dark    ? Palette::dark()
                             : theme == Theme::Light ? Palette::light()
                                                     : Palette::forSystem();
    QApplication::setPalette(palette);
    for (QAction* action : m_themeGroup->actions())
        action->setChecked(action->data().toInt() == int(theme));
}

bool MainWindow::saveScreenshot(const QString& path, QString* error) {
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_fleetView->restoreState(settings.value(QStringLiteral("window/fleetColumns")).toByteArray());
    setTheme(Theme(settings.value(QStringLiteral("window/theme"), int(Theme::System)).toInt()));
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/fleetColumns"), m_fleetView->saveState());
    settings.setValue(QStringLiteral("window/theme"), int(m_theme));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
    // The system switched between light and dark: follow it unless the user chose one.
    if (event->type() == QEvent::ThemeChange && m_theme == Theme::System)
        QApplication::setPalette(Palette::forSystem());
    QMainWindow::changeEvent(event);
}

void MainWindow::onRows(const QVector<InstanceRow>& rows) {
    m_model->applyRows(rows);
    m_alertsModel->applyRows(rows);
    for (const InstanceRow& row : rows) {
        if (ServiceDetailView* view = detail(row.endpointId))
            view->setRow(row);
    }
    m_updateLabel->setText(tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

void MainWindow::onRowsRemoved(const QStringList& endpointIds) {
    m_model->removeRows(endpointIds);
    m_alertsModel->removeRows(endpointIds);
    for (const QString& id : endpointIds) {
        if (ServiceDetailView* view = detail(id))
            closeDetailTab(m_tabs->indexOf(view));
    }
}

void MainWindow::onEvents(const QVector<FleetEvent>& events) {
    m_eventModel->append(events);
}

void MainWindow::onCounts(const FleetHub::Counts& counts) {
    m_countsLabel->setCounts(counts);
}

void MainWindow::notify(const QString& title, const QString& message) {
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 8000);
    else
        statusBar()->showMessage(
            QStringLiteral("%1: %2").arg(title, message.section(QLatin1Char('\n'), 0, 0)), 8000);
}

QString MainWindow::selectedEndpoint() const {
    if (auto* view = qobject_cast<ServiceDetailView*>(m_tabs->currentWidget()))
        return view->endpointId();
    return m_fleetView->currentEndpointId();
}

void MainWindow::addServiceByUrl() {
    addEndpoints(ServiceUrlPrompt::ask(this, statusBar()));
}

void MainWindow::importList() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a list of URLs"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import list"), file.errorString());
        return;
    }
    const WorkspaceParseResult parsed = Workspace::importText(QString::fromUtf8(file.readAll()));
    if (!parsed.ok()) {
        QStringList lines;
        for (const WorkspaceError& e : parsed.errors)
            lines << e.toString();
        QMessageBox::warning(this, tr("Import list"), lines.join(QLatin1Char('\n')));
        return;
    }
    addEndpoints(*parsed.endpoints);
}

void MainWindow::removeSelected() {
    if (const QString id = selectedEndpoint(); !id.isEmpty())
        removeEndpoints({id});
}

void MainWindow::openWorkspaceDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open workspace"), m_workspacePath, tr("Workspaces (*.json)"));
    QString error;
    if (!path.isEmpty() && !openWorkspace(path, &error))
        QMessageBox::warning(this, tr("Open workspace"), error);
}

void MainWindow::saveWorkspaceDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save workspace as"), m_workspacePath,
                                                      tr("Workspaces (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveWorkspace(path, &error))
        QMessageBox::warning(this, tr("Save workspace"), error);
}

void MainWindow::changeBreaker(ControlClient::BreakerCommand command) {
    const QString id = selectedEndpoint();
    const InstanceRow* row = id.isEmpty() ? nullptr : m_model->instance(id);
    const auto endpoints = m_hub->endpoints();
    const auto it =
        std::find_if(endpoints.begin(), endpoints.end(), [&](const auto& e) { return e.id() == id; });
    if (!row || it == endpoints.end()) {
        statusBar()->showMessage(tr("Select an instance first"), 4000);
        return;
    }
    QStringList policies;
    for (const PolicyRow& policy : row->policies) {
        if (policy.breakerState)
            policies << policy.name;
    }
    BreakerDialog dialog(row->instance, command, policies, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto* client = new ControlClient(*it, m_controlNetwork, this);
    connect(client, &ControlClient::finished, this, &MainWindow::onControlResult);
    connect(client, &ControlClient::finished, client, &QObject::deleteLater);
    std::optional<double> ttl;
    if (dialog.ttlSeconds() > 0)
        ttl = dialog.ttlSeconds();
    client->setBreakerState(dialog.policy(), command, dialog.reason(), ttl);
    statusBar()->showMessage(tr("Sending %1 to %2...").arg(ControlClient::toString(command), row->instance));
}

void MainWindow::onControlResult(const ControlResult& result) {
    if (result.ok)
        statusBar()->showMessage(tr("Breaker changed"), 5000);
    else
        QMessageBox::warning(this, tr("Breaker"), result.reason);
}

void MainWindow::about() {
    QMessageBox::about(
        this, tr("About Jimini Console"),
        tr("<b>Jimini Resilience Console</b> %1<br>Live resilience state of a fleet of services "
           "(Jimini Health API v1).<br>GPL-3.0-or-later.")
            .arg(QApplication::applicationVersion()));
}

} // namespace jimini
