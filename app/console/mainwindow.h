// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"
#include "net/serviceendpoint.h"
#include "store/fleethub.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QNetworkAccessManager;
class QSystemTrayIcon;
class QTabWidget;

namespace jimini {

class AlertsModel;
class EventLogModel;
class FleetModel;
class FleetStatusLabel;
class FleetView;
class ServiceDetailView;
struct ControlResult;
struct FleetEvent;

// The console's window: the fleet overview in the middle (service details open beside it as tabs), the
// alerts panel and the event log as docks, menus for the workspace, the view and breaker control, a
// status bar with connection counts. All data comes through one FleetHub.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    enum class Theme : quint8 { System, Light, Dark };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    FleetHub& hub() noexcept { return *m_hub; }
    FleetModel* fleetModel() const noexcept { return m_model; }
    FleetView* fleetView() const noexcept { return m_fleetView; }
    QWidget* alertsPanel() const noexcept { return m_alerts; }
    QWidget* eventLog() const noexcept { return m_events; }

    void addEndpoints(const QList<ServiceEndpoint>& endpoints);
    void removeEndpoints(const QStringList& endpointIds);
    QList<ServiceEndpoint> endpoints() const;

    // The workspace file: remembered in QSettings so that the next start reopens it.
    bool openWorkspace(const QString& path, QString* error);
    bool saveWorkspace(const QString& path, QString* error);
    QString workspacePath() const { return m_workspacePath; }
    void setRememberWorkspace(bool remember) { m_rememberWorkspace = remember; }

    // Opens (or raises) the detail tab of an endpoint.
    ServiceDetailView* openDetail(const QString& endpointId);
    ServiceDetailView* detail(const QString& endpointId) const;
    void showFleet();
    // The instance in the most trouble (open breaker, then worst level, then failing), for --view detail.
    QString mostTroubledEndpoint() const;

    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }

    // Renders the window as it is now; false with *error when the file cannot be written.
    bool saveScreenshot(const QString& path, QString* error);

    void restoreLayout(); // geometry, docks, fleet columns, theme from QSettings
    void saveLayout() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildCentral();
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void buildTray();

    void onRows(const QVector<InstanceRow>& rows);
    void onRowsRemoved(const QStringList& endpointIds);
    void onEvents(const QVector<FleetEvent>& events);
    void onCounts(const FleetHub::Counts& counts);
    void onControlResult(const ControlResult& result);

    void addServiceByUrl();
    void importList();
    void removeSelected();
    void openWorkspaceDialog();
    void saveWorkspaceDialog();
    void changeBreaker(ControlClient::BreakerCommand command);
    void closeDetailTab(int index);
    void about();
    QString selectedEndpoint() const;
    void notify(const QString& title, const QString& message);

    FleetHub* m_hub = nullptr;
    FleetModel* m_model = nullptr;
    FleetView* m_fleetView = nullptr;
    QTabWidget* m_tabs = nullptr;
    AlertsModel* m_alertsModel = nullptr;
    EventLogModel* m_eventModel = nullptr;
    QWidget* m_alerts = nullptr;
    QWidget* m_events = nullptr;
    QHash<QString, ServiceDetailView*> m_details;
    FleetStatusLabel* m_countsLabel = nullptr;
    QLabel* m_updateLabel = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QNetworkAccessManager* m_controlNetwork = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QList<QAction*> m_breakerActions;
    QString m_workspacePath;
    bool m_rememberWorkspace = true;
    Theme m_theme = Theme::System;
};

} // namespace jimini
