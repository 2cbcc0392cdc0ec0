// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QList>
#include <QMap>
#include <QWidget>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace jimini {

class AuditTrail;
class ConsoleClock;
class ControlService;
class Rollout;
class RolloutModel;
class TypedConfirmation;

// The rollout page: a service (every instance of it, the first the canary), a config file, the watch
// time, the batch size and the threshold; Start; then every instance with its step and the figure that
// decided it, the overall progress, and Abort, which pushes the old config back wherever the new one went.
// A rollout to production (the fleet says so of an instance, or the new config's environment is it) starts
// only once the service's name is typed (TypedConfirmation, as the breaker dialog asks).
class RolloutView final : public QWidget {
    Q_OBJECT
public:
    explicit RolloutView(QWidget* parent = nullptr);
    ~RolloutView() override;

    // Where rollouts run: the view's clock, the control service (its network and operator) and the audit
    // trail; all must outlive this.
    void setRunner(ConsoleClock& clock, ControlService& control, AuditTrail* audit);
    // The services the operator may roll out to, each with its instances in order, and the environments
    // the fleet knows them in (a service missing there has none known).
    void setServices(const QMap<QString, QList<ServiceEndpoint>>& services,
                     const QMap<QString, QStringList>& environments = {});
    // Preselects a service (from the fleet's selection).
    void selectService(const QString& service);

    // The rollout shown (the running or the last one); null before the first.
    Rollout* rollout() const noexcept { return m_rollout.get(); }
    // Starts with the form's values; false with the reason shown when the form is incomplete.
    bool start();
    void abort();

signals:
    void statusMessage(const QString& message);

private:
    void updateState();
    void updateConfirmation();

    ConsoleClock* m_clock = nullptr;
    ControlService* m_control = nullptr;
    AuditTrail* m_audit = nullptr;
    QMap<QString, QList<ServiceEndpoint>> m_services;
    QMap<QString, QStringList> m_environments;
    std::unique_ptr<Rollout> m_rollout;
    RolloutModel* m_model;
    QComboBox* m_service;
    QLineEdit* m_file;
    QSpinBox* m_watch;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_threshold;
    QLineEdit* m_reason;
    TypedConfirmation* m_confirm;
    QPushButton* m_start;
    QPushButton* m_abort;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableView* m_table;
};

} // namespace jimini
