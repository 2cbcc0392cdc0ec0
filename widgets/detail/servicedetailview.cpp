// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicedetailview.h"
#include "policy/floordiv.h"

#include "detailheader.h"
#include "widgets/chartadapter.h"

#include "runtime/consoleclock.h"

#include <QAbstractScrollArea>
#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTimer>

#include <algorithm>

namespace jimini {

namespace {} // namespace

ServiceDetailView::ServiceDetailView(const SeriesStore& store, std::shared_ptr<ConsoleClock> clock,
                                     QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock([clock = std::move(clock)] { return clock->wallNow().toMSecsSinceEpoch(); }) {
    buildUi();
    m_timer = new QTimer(this);
    m_timer->setInterval(100); // ten frames a second at most
    connect(m_timer, &QTimer::timeout, this, &ServiceDetailView::refresh);
    setAccessibleName(tr("Service detail"));
}

ServiceDetailView::~ServiceDetailView() = default;

std::int64_t ServiceDetailView::spanMs(Range range) {
    switch (range) {
    case Range::TwoMinutes:
        return 2 * 60 * 1000;
    case Range::FifteenMinutes:
        return 15 * 60 * 1000;
    case Range::OneHour:
        return 60 * 60 * 1000;
    case Range::OneDay:
        break;
    }
    return 24 * 60 * 60 * 1000;
}

std::int64_t ServiceDetailView::stepMs(Range range) const {
    const std::vector<SeriesStore::Tier>& tiers = m_store.tiers();
    for (const SeriesStore::Tier& tier : tiers) {
        const std::int64_t step = std::int64_t(tier.step.count()) * 1000;
        if (step * std::int64_t(tier.capacity) >= spanMs(range))
            return step;
    }
    return std::int64_t(tiers.back().step.count()) * 1000;
}

void ServiceDetailView::buildUi() {
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    m_header = std::make_unique<DetailHeader>(this, header);
    header->addStretch();

    m_rangeButtons = new QButtonGroup(this);
    const QString labels[] = {tr("2 min"), tr("15 min"), tr("1 h"), tr("24 h")};
    const QString names[] = {tr("Range 2 minutes"), tr("Range 15 minutes"), tr("Range 1 hour"),
                             tr("Range 24 hours")};
    for (int i = 0; i < 4; ++i) {
        auto* button = new QPushButton(labels[i], this);
        button->setCheckable(true);
        button->setAccessibleName(names[i]);
        button->setToolTip(tr("%1 (%2)").arg(names[i]).arg(i + 1));
        m_rangeButtons->addButton(button, i);
        header->addWidget(button);
        auto* shortcut = new QShortcut(QKeySequence(Qt::Key_1 + i), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        shortcut->setWhatsThis(tr("Show the last %1").arg(labels[i])); // Help > Keyboard shortcuts lists it
        connect(shortcut, &QShortcut::activated, this, [this, i] { setRange(Range(i)); });
    }
    m_rangeButtons->button(int(m_range))->setChecked(true);
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });

    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause"));
    m_pause->setToolTip(tr("Freeze the charts; scroll or drag to look back (Space)"));
    connect(m_pause, &QPushButton::toggled, this, &ServiceDetailView::setPaused);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    space->setWhatsThis(tr("Pause or resume the charts"));
    connect(space, &QShortcut::activated, this, [this] { setPaused(!m_paused); });
    header->addWidget(m_pause);

    m_policy = new QComboBox(this);
    m_policy->setAccessibleName(tr("Policy"));
    m_policy->setToolTip(tr("Policy shown in the tokens and bulkhead charts"));
    connect(m_policy, &QComboBox::currentTextChanged, this, [this] {
        m_dirty = true;
        refresh();
    });
    header->addWidget(new QLabel(tr("Policy:"), this));
    header->addWidget(m_policy);
    layout->addLayout(header);

    // A frozen chart looks like a quiet service: while paused a banner says it is not.
    m_pausedBanner = new QLabel(this);
    m_pausedBanner->setObjectName(QStringLiteral("pausedBanner"));
    m_pausedBanner->setAccessibleName(tr("Paused"));
    m_pausedBanner->setAlignment(Qt::AlignCenter);
    m_pausedBanner->setFrameShape(QFrame::Box);
    m_pausedBanner->setMargin(4);
    m_pausedBanner->setForegroundRole(QPalette::ToolTipText);
    m_pausedBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_pausedBanner->setAutoFillBackground(true);
    QFont bold = m_pausedBanner->font();
    bold.setBold(true);
    m_pausedBanner->setFont(bold);
    m_pausedBanner->hide();
    layout->addWidget(m_pausedBanner);

    auto* grid = new QGridLayout;
    m_charts = std::make_unique<HealthCharts>(m_store, this);
    // Three columns: two rows of charts tall enough for their axis labels, and the breaker band across
    // the whole width below them (a timeline reads best wide), within a 700 px high view.
    int cell = 0;
    for (int c = 0; c < chartCount; ++c) {
        QWidget* w = chart(Chart(c))->widget();
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w))
            area->viewport()->installEventFilter(this); // drag to scroll back
        if (Chart(c) == Chart::Breaker)
            continue;
        w->setMinimumSize(240, 160);
        grid->addWidget(w, cell / 3, cell % 3);
        ++cell;
    }
    QWidget* band = chart(Chart::Breaker)->widget();
    band->setMinimumSize(240, 120);
    grid->addWidget(band, (cell + 2) / 3, 0, 1, 3);
    layout->addLayout(grid, 1);

    layout->addLayout(HealthCharts::legend(this));

    m_scroll = new QScrollBar(Qt::Horizontal, this);
    m_scroll->setAccessibleName(tr("History position"));
    m_scroll->setToolTip(tr("Scroll back through the stored history (while paused)"));
    connect(m_scroll, &QScrollBar::valueChanged, this,
            [this](int value) { setScrollBackMs(std::int64_t(m_scroll->maximum() - value) * 1000); });
    layout->addWidget(m_scroll);
    updateScrollBar();
}

void ServiceDetailView::setRow(const InstanceRow& row) {
    const bool other = row.endpointId != m_row.endpointId;
    m_row = row;
    QStringList policies;
    for (const PolicyRow& policy : row.policies)
        policies.append(policy.name);
    if (policies != m_charts->bandPolicies()) {
        m_charts->setBandPolicies(policies);
        const QString current = m_policy->currentText();
        QSignalBlocker blocker(m_policy);
        m_policy->clear();
        m_policy->addItems(policies);
        m_policy->setCurrentIndex(std::max(0, int(policies.indexOf(current))));
        m_dirty = true;
    }
    QHash<QString, HealthCharts::Stages> stages; // none known until a document says
    if (row.hasDocument)
        for (const PolicyRow& policy : row.policies)
            stages.insert(policy.name, {policy.hasRateLimiter, policy.hasBulkhead});
    if (row.hasDocument && stages.isEmpty())
        stages.insert(QString(), {false, false}); // a document with no policy at all
    m_charts->setPolicyStages(stages);
    updateHeader();
    m_charts->setMetricsWindow(row.metricsWindowSeconds);
    if (other) {
        m_charts->forgetShown();
        m_dirty = true;
        refresh();
    }
}

QString ServiceDetailView::endpointId() const {
    return m_row.endpointId;
}

void ServiceDetailView::updateHeader() {
    m_header->show(m_row, QDateTime::fromMSecsSinceEpoch(m_clock(), Qt::UTC));
}

void ServiceDetailView::setRange(Range range) {
    if (range == m_range)
        return;
    m_range = range;
    m_rangeButtons->button(int(range))->setChecked(true);
    m_backMs = std::clamp<std::int64_t>(m_backMs, 0, std::max<std::int64_t>(0, retainedMs() - spanMs(range)));
    updateScrollBar();
    m_dirty = true;
    refresh();
    emit rangeChanged(range);
}

void ServiceDetailView::setPaused(bool paused) {
    if (paused == m_paused)
        return;
    m_paused = paused;
    {
        QSignalBlocker blocker(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setAccessibleName(paused ? tr("Resume") : tr("Pause"));
    // Local time, as the charts' axes show it.
    const QString at =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_clock()), QStringLiteral("HH:mm:ss"));
    m_pausedBanner->setText(paused ? tr("Paused at %1 \u2014 live data continues to be recorded").arg(at)
                                   : QString());
    m_pausedBanner->setVisible(paused);
    // Paused, the window stays where it was shown; resumed, it jumps to now.
    m_pausedEndMs = m_windowEndMs != 0 ? m_windowEndMs : liveEndMs();
    m_backMs = 0;
    updateScrollBar();
    m_dirty = true;
    refresh();
    emit pausedChanged(paused);
}

void ServiceDetailView::setScrollBackMs(std::int64_t backMs) {
    if (!m_paused)
        return;
    const std::int64_t step = stepMs(m_range);
    backMs = floorDiv(backMs, step) * step; // whole steps: points stay where they were
    backMs = std::clamp<std::int64_t>(backMs, 0, std::max<std::int64_t>(0, retainedMs() - spanMs(m_range)));
    if (backMs == m_backMs)
        return;
    m_backMs = backMs;
    updateScrollBar();
    m_dirty = true; // drawn by the next timer tick: a drag does not redraw more than ten times a second
    if (!m_timer->isActive())
        refresh();
}

void ServiceDetailView::setPolicy(const QString& policy) {
    m_policy->setCurrentText(policy);
}

QString ServiceDetailView::policy() const {
    return m_policy->currentText();
}

void ServiceDetailView::setClock(Clock clock) {
    m_clock = std::move(clock);
    m_dirty = true;
}

ChartAdapter* ServiceDetailView::chart(Chart which) const {
    return m_charts->chart(which);
}

std::int64_t ServiceDetailView::retainedMs() const {
    std::int64_t longest = 0;
    for (const SeriesStore::Tier& tier : m_store.tiers())
        longest = std::max<std::int64_t>(longest, std::int64_t(tier.step.count()) * 1000 *
                                                      std::int64_t(tier.capacity));
    return longest;
}

std::int64_t ServiceDetailView::liveEndMs() const {
    // The end of the current step: the axis moves once a step, not once a frame.
    const std::int64_t step = stepMs(m_range);
    return (floorDiv(m_clock(), step) + 1) * step;
}

void ServiceDetailView::updateScrollBar() {
    const int maxBackS = int(std::max<std::int64_t>(0, retainedMs() - spanMs(m_range)) / 1000);
    QSignalBlocker blocker(m_scroll);
    m_scroll->setRange(0, maxBackS);
    m_scroll->setPageStep(int(spanMs(m_range) / 1000));
    m_scroll->setSingleStep(int(std::max<std::int64_t>(1, spanMs(m_range) / 10000)));
    m_scroll->setValue(maxBackS - int(m_backMs / 1000));
    m_scroll->setEnabled(m_paused);
}

void ServiceDetailView::refresh() {
    if (m_row.endpointId.isEmpty())
        return;
    const std::int64_t end = m_paused ? m_pausedEndMs - m_backMs : liveEndMs();
    if (m_paused && !m_dirty && end == m_windowEndMs)
        return; // frozen: the store keeps filling, the view does not move
    m_windowEndMs = end;
    const std::int64_t from = end - spanMs(m_range);
    m_charts->refresh(m_row.endpointId, m_policy->currentText(), from, end - 1);
    m_dirty = false;
}

bool ServiceDetailView::eventFilter(QObject* watched, QEvent* event) {
    if (!m_paused)
        return QWidget::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            m_dragX = std::int64_t(mouse->position().x());
            m_dragBackMs = m_backMs;
            return true;
        }
    } else if (event->type() == QEvent::MouseMove && m_dragX >= 0 && widget) {
        // Grab the paper: dragging right brings older history into view.
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const std::int64_t dx = std::int64_t(mouse->position().x()) - m_dragX;
        setScrollBackMs(m_dragBackMs + dx * spanMs(m_range) / std::max(1, widget->width()));
        return true;
    } else if (event->type() == QEvent::MouseButtonRelease && m_dragX >= 0) {
        m_dragX = -1;
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ServiceDetailView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_timer->start();
    m_dirty = true;
    refresh();
}

void ServiceDetailView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_timer->stop(); // nothing is read for a view no one sees
}

void ServiceDetailView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_charts->applyColours();
        updateHeader();
    }
}

} // namespace jimini
