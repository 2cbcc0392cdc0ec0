// SPDX-License-Identifier: GPL-3.0-or-later
#include "proberunview.h"

#include "probefigures.h"

#include "health/healthnames.h"
#include "widgets/chartadapter.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace jimini {

namespace {
QString number(std::optional<double> v, int decimals = 0) {
    return v ? QLocale().toString(*v, 'f', decimals) : ProbeFigures::dash();
}
} // namespace

ProbeRunView::ProbeRunView(const SeriesStore& store, const QString& label, const QString& target,
                           QWidget* parent)
    : QWidget(parent) {
    setAccessibleName(tr("Probe run %1").arg(label));
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    auto* title = new QLabel(label, this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    auto* where = new QLabel(target, this);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(where, 1);
    m_lampIcon = new QLabel(this);
    m_lampText = new QLabel(this);
    m_lampText->setObjectName(QStringLiteral("breakerLamp"));
    header->addWidget(m_lampIcon);
    header->addWidget(m_lampText);
    layout->addLayout(header);

    m_live = new QLabel(this);
    m_live->setObjectName(QStringLiteral("liveFigures"));
    m_live->setToolTip(tr("What the run's policies hold now, at its last snapshot (once a second)"));
    layout->addWidget(m_live);

    m_charts = std::make_unique<HealthCharts>(store, this);
    m_charts->setMetricsWindow(1.0);
    auto* grid = new QGridLayout;
    int cell = 0;
    for (int c = 0; c < HealthCharts::chartCount; ++c) {
        if (HealthCharts::Chart(c) == HealthCharts::Chart::Breaker)
            continue;
        QWidget* w = chart(HealthCharts::Chart(c))->widget();
        w->setMinimumSize(220, 150);
        grid->addWidget(w, cell / 2, cell % 2);
        ++cell;
    }
    QWidget* band = chart(HealthCharts::Chart::Breaker)->widget();
    band->setMinimumSize(220, 80);
    grid->addWidget(band, (cell + 1) / 2, 0, 1, 2);
    layout->addLayout(grid, 1);
    layout->addLayout(HealthCharts::legend(this));
    setSnapshot({});
}

ProbeRunView::~ProbeRunView() = default;

void ProbeRunView::setSnapshot(const ProbeSnapshot& s) {
    const bool sampled = s.elapsedSeconds > 0 || s.offered > 0;
    const BreakerLamp lamp = breakerLampFromState(breakerStateFromName(s.breakerState));
    if (lamp != m_lamp || m_lampIcon->pixmap().isNull()) {
        m_lamp = lamp;
        m_lampIcon->setPixmap(breakerIcon(lamp).pixmap(16, 16));
    }
    const QString lampText = !sampled                   ? ProbeFigures::dash()
                             : s.breakerState.isEmpty() ? tr("no breaker")
                                                        : tr("breaker %1").arg(breakerLampName(lamp));
    if (m_lampText->text() != lampText) {
        m_lampText->setText(lampText);
        m_lampText->setAccessibleName(lampText);
    }
    QString live;
    if (!sampled) {
        live = tr("in flight %1 · tokens %1 · bulkhead %1").arg(ProbeFigures::dash());
    } else {
        live = tr("in flight %1").arg(QLocale().toString(qulonglong(s.inFlight)));
        live +=
            QStringLiteral(" · ") +
            (s.tokensAvailable ? tr("tokens %1 of %2").arg(number(s.tokensAvailable, 1), number(s.tokenLimit))
                               : tr("no rate limiter"));
        live += QStringLiteral(" · ") +
                (s.bulkheadCapacity
                     ? tr("bulkhead %1 active, %2 queued of %3")
                           .arg(QLocale().toString(*s.bulkheadActive), QLocale().toString(*s.bulkheadQueued),
                                QLocale().toString(*s.bulkheadCapacity))
                     : tr("no bulkhead"));
    }
    if (m_live->text() != live)
        m_live->setText(live);
}

QString ProbeRunView::liveText() const {
    return m_live->text();
}

void ProbeRunView::refresh(const QString& endpointId, const QString& policy, std::int64_t fromMs,
                           std::int64_t toMs) {
    if (m_charts->bandPolicies() != QStringList{policy})
        m_charts->setBandPolicies({policy});
    m_charts->refresh(endpointId, policy, fromMs, toMs);
}

ChartAdapter* ProbeRunView::chart(HealthCharts::Chart which) const {
    return m_charts->chart(which);
}

void ProbeRunView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_charts->applyColours();
}

} // namespace jimini
