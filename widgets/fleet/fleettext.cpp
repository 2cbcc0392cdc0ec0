// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleettext.h"

#include "widgets/breakerlamp.h"

#include <QLocale>

#include <cmath>

namespace jimini {

QString FleetText::dash() {
    return QStringLiteral("\u2014");
}

QString FleetText::tokensText(double available, double limit) {
    const QLocale locale;
    return QStringLiteral("%1 of %2").arg(locale.toString(available, 'f', 0), locale.toString(limit, 'f', 0));
}

QString FleetText::bulkheadText(quint64 active, quint64 queued, quint64 capacity) {
    return QStringLiteral("%1+%2 of %3").arg(active).arg(queued).arg(capacity);
}

double FleetText::share(double used, double of) {
    return of > 0 ? used / of : 0;
}

QString FleetText::stateName(FleetState state) {
    switch (state) {
    case FleetState::Healthy:
    case FleetState::Degraded:
    case FleetState::Critical:
        return healthLevelName(HealthLevel(int(state)));
    case FleetState::Stale:
        return QStringLiteral("stale");
    case FleetState::Failing:
        return QStringLiteral("failing");
    case FleetState::Connecting:
        return QStringLiteral("connecting");
    }
    return QString();
}

QString FleetText::statusName(SourceStatus status) {
    switch (status) {
    case SourceStatus::Ok:
        return tr("ok");
    case SourceStatus::Connecting:
        return tr("connecting");
    case SourceStatus::Refused:
        return tr("refused");
    case SourceStatus::TimedOut:
        return tr("timed out");
    case SourceStatus::Unauthorized:
        return tr("unauthorized");
    case SourceStatus::HttpError:
        return tr("HTTP error");
    case SourceStatus::Malformed:
        return tr("malformed");
    case SourceStatus::TooLarge:
        return tr("too large");
    case SourceStatus::TlsError:
        return tr("TLS error");
    case SourceStatus::Stale:
        return tr("stale");
    case SourceStatus::Backoff:
        return tr("backing off");
    }
    return QString();
}

QString FleetText::causeText(SourceStatus cause, const QString& reason) {
    switch (cause) {
    case SourceStatus::HttpError:
        // ReplyVerdict says "HTTP 503": the status is the cause's name.
        return reason.startsWith(QLatin1String("HTTP "))
                   ? tr("HTTP %1").arg(reason.mid(5).section(u' ', 0, 0))
                   : statusName(cause);
    case SourceStatus::Refused:
        if (reason.startsWith(QLatin1String("not HTTP")))
            return tr("not HTTP");
        if (reason.startsWith(QLatin1String("host not found")))
            return tr("host not found");
        if (reason.startsWith(QLatin1String("connection closed")))
            return tr("connection closed");
        return statusName(cause);
    default:
        return statusName(cause);
    }
}

QString FleetText::failureText(const InstanceRow& row) {
    if (row.status != SourceStatus::Backoff)
        return causeText(row.status, row.reason);
    if (row.cause == SourceStatus::Ok)
        return statusName(row.status);
    return causeText(row.cause, row.causeReason) + QStringLiteral(", ") + statusName(row.status);
}

QString FleetText::unidentified() {
    return tr("unidentified");
}

QString FleetText::lastSeenText(const QDateTime& lastSeen) {
    return lastSeen.isValid() ? lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss"))
                              : QStringLiteral("never");
}

QString FleetText::percentText(double ratio) {
    return QLocale().toString(ratio * 100, 'f', 1) + QStringLiteral(" %");
}

QString FleetText::failuresTooltip(double errorRate, const FailureParts& failures,
                                   const std::optional<double>& spanSeconds) {
    const QLocale locale;
    return QStringLiteral("%1 failed %2: %3 calls\n%4")
        .arg(percentText(errorRate), spanText(spanSeconds), locale.toString(qulonglong(failures.failed())),
             failures.summary(locale, QStringLiteral("\n")));
}

QString FleetText::spanText(const std::optional<double>& spanSeconds) {
    if (!spanSeconds)
        return QStringLiteral("since the service started (lifetime totals)");
    return QStringLiteral("over the last %1 s").arg(QLocale().toString(std::ceil(*spanSeconds), 'f', 0));
}

QString FleetText::latencyText(double seconds) {
    if (seconds < 1)
        return QLocale().toString(seconds * 1000, 'f', 0) + QStringLiteral(" ms");
    return QLocale().toString(seconds, 'f', 2) + QStringLiteral(" s");
}

QString FleetText::percentText(const std::optional<double>& ratio) {
    return ratio ? percentText(*ratio) : dash();
}

QString FleetText::latencyText(const std::optional<double>& seconds) {
    return seconds ? latencyText(*seconds) : dash();
}

QString FleetText::rateText(const std::optional<double>& perSecond) {
    return perSecond ? QLocale().toString(*perSecond, 'f', 1) : dash();
}

QString FleetText::tokensText(double available, const std::optional<double>& limit) {
    return limit ? tokensText(available, *limit)
                 : QStringLiteral("%1 of %2").arg(QLocale().toString(available, 'f', 0), dash());
}

QString FleetText::coverage(int reporting, int instances) {
    if (reporting == instances)
        return instances == 1 ? QStringLiteral("1 instance") : QStringLiteral("%1 instances").arg(instances);
    return QStringLiteral("%1 of %2 reporting").arg(reporting).arg(instances);
}

QString FleetText::breakerSummary(const FleetAggregate& a) {
    if (a.breakers == 0)
        return FleetText::dash();
    QString text = QStringLiteral("%1 of %2 open").arg(a.open).arg(a.breakers);
    if (a.halfOpen > 0)
        text += QStringLiteral(", %1 half-open").arg(a.halfOpen);
    return text;
}

} // namespace jimini
