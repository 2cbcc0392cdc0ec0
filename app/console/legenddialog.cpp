// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/legenddialog.h"

#include "widgets/breakerlamp.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/palette.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace jimini {

namespace {

constexpr BreakerLamp kLamps[] = {BreakerLamp::Closed,   BreakerLamp::HalfOpen, BreakerLamp::Open,
                                  BreakerLamp::Isolated, BreakerLamp::Disabled, BreakerLamp::Off};

QString lampShape(BreakerLamp lamp) {
    switch (lamp) {
    case BreakerLamp::Closed:
        return LegendDialog::tr("a filled circle: calls go through");
    case BreakerLamp::HalfOpen:
        return LegendDialog::tr("a half-filled circle: trial calls decide whether it closes again");
    case BreakerLamp::Open:
        return LegendDialog::tr("a hollow circle with a cross: calls are refused at once");
    case BreakerLamp::Isolated:
        return LegendDialog::tr("a filled square: held open by an operator");
    case BreakerLamp::Disabled:
        return LegendDialog::tr("a dashed ring: held closed by an operator, the breaker ignores failures");
    case BreakerLamp::Off:
        break;
    }
    return LegendDialog::tr("not said by the service");
}

// What each fleet column shows, by column; the titles are the model's own headers.
QString columnMeaning(int column) {
    switch (column) {
    case FleetColumn::Name:
        return LegendDialog::tr("A service as a group row with its instances beneath. \"orders (2 of 3 "
                                "reporting)\": instances with current data of all its instances.");
    case FleetColumn::Health:
        return LegendDialog::tr("The level the service reports, as a shape (see below); a group shows its "
                                "worst instance and counts the stale and failing ones.");
    case FleetColumn::Breakers:
        return LegendDialog::tr("A lamp per circuit breaker policy (see below); a group says \"2 of 5 "
                                "open\". The tooltip says who set a manual state, until when and why.");
    case FleetColumn::ErrorRate:
        return LegendDialog::tr("Failed calls of all calls over the service's window, with the last minute "
                                "as a sparkline; a group shows \"worst 85.6 % · overall 28.0 %\".");
    case FleetColumn::RequestRate:
        return LegendDialog::tr("Calls per second; a group shows the sum.");
    case FleetColumn::P95:
        return LegendDialog::tr("95th percentile latency (ms, or s from one second); a group shows the "
                                "worst.");
    case FleetColumn::Tokens:
        return LegendDialog::tr("Rate limiter: \"40 of 100\" means 40 tokens available of a limit of 100; "
                                "\"40 of —\" when the limit is not reported.");
    case FleetColumn::Bulkhead:
        return LegendDialog::tr("\"10+5 of 16\" means 10 calls active + 5 queued of a capacity of 16.");
    case FleetColumn::LastUpdate:
        return LegendDialog::tr("When the last document arrived (local time), \"never\" when none did; a "
                                "group shows the newest and the oldest.");
    default:
        return QString();
    }
}

QString image(const QString& name) {
    return QStringLiteral("<img src=\"legend:%1\" width=\"16\" height=\"16\">").arg(name);
}

} // namespace

LegendDialog::LegendDialog(QWidget* parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this)) {
    setObjectName(QStringLiteral("legendDialog"));
    setWindowTitle(tr("Legend"));
    setModal(false);
    m_browser->setAccessibleName(tr("Legend"));
    m_browser->setOpenExternalLinks(false);
    addImages();
    m_browser->setHtml(html());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(680, 640);
}

QString LegendDialog::html() {
    QString text = tr("<h3>Fleet columns</h3><table cellspacing=\"4\">");
    const FleetModel headers;
    for (int column = 0; column < FleetColumn::Count; ++column)
        text += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(headers.headerData(column, Qt::Horizontal).toString().toHtmlEscaped(),
                         columnMeaning(column).toHtmlEscaped());
    text += tr("</table><h3>Breaker lamps</h3><p>Each state has its own shape as well as its own colour."
               "</p><table cellspacing=\"4\">");
    for (BreakerLamp lamp : kLamps)
        text += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                    .arg(image(QStringLiteral("lamp-%1").arg(int(lamp))),
                         breakerLampName(lamp).toHtmlEscaped(), lampShape(lamp).toHtmlEscaped());
    text += tr("</table><h3>Health and marks</h3><table cellspacing=\"4\">");
    const struct {
        QString image;
        QString name;
        QString meaning;
    } marks[] = {
        {QStringLiteral("health-0"), healthLevelName(HealthLevel::Healthy), tr("a circle")},
        {QStringLiteral("health-1"), healthLevelName(HealthLevel::Degraded), tr("a triangle")},
        {QStringLiteral("health-2"), healthLevelName(HealthLevel::Critical), tr("an octagon")},
        {QStringLiteral("stale"), tr("stale"),
         tr("a ring with a clock hand, the row greyed: no answer for several intervals; its figures are as "
            "last seen")},
        {QStringLiteral("failing"), tr("failing"),
         tr("a ring with a slash, the row greyed: the last read failed (refused, timed out, TLS, not HTTP, "
            "an HTTP status); the row and its tooltip say why")},
    };
    for (const auto& mark : marks)
        text += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                    .arg(image(mark.image), mark.name.toHtmlEscaped(), mark.meaning.toHtmlEscaped());
    text += tr("</table><p><b>—</b> (a dash): the service did not say; a figure is never shown as 0 "
               "when it is unknown.</p>");
    return text;
}

void LegendDialog::addImages() {
    QTextDocument* document = m_browser->document();
    const bool dark = Palette::systemIsDark();
    for (BreakerLamp lamp : kLamps) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        paintBreakerLamp(&painter, QRectF(1, 1, 14, 14), lamp, dark);
        painter.end();
        document->addResource(QTextDocument::ImageResource,
                              QUrl(QStringLiteral("legend:lamp-%1").arg(int(lamp))), pixmap);
    }
    for (HealthLevel level : {HealthLevel::Healthy, HealthLevel::Degraded, HealthLevel::Critical})
        document->addResource(QTextDocument::ImageResource,
                              QUrl(QStringLiteral("legend:health-%1").arg(int(level))),
                              healthIcon(level).pixmap(16, 16));
    document->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("legend:stale")),
                          staleIcon().pixmap(16, 16));
    document->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("legend:failing")),
                          failingIcon().pixmap(16, 16));
}

} // namespace jimini
