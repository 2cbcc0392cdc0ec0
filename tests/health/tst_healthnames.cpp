// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthnames.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
const QList<BreakerState> allStates{BreakerState::Closed, BreakerState::Open, BreakerState::HalfOpen,
                                    BreakerState::Isolated, BreakerState::Disabled};

// "-" for nullopt, else the canonical name: what a mismatch prints.
QString nameOrDash(std::optional<BreakerState> state) {
    return state ? breakerStateName(*state) : QStringLiteral("-");
}
} // namespace

class tst_HealthNames : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // Every spelling another format uses, and what it means here ("-": not a breaker state).
    void breakerStateFromName_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("state");
        const auto row = [](const char* text, const char* state) {
            QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(state);
        };
        row("closed", "closed");
        row("open", "open");
        row("half_open", "half_open");
        row("isolated", "isolated");
        row("disabled", "disabled");
        row("half-open", "half_open"); // the guide
        row("CLOSED", "closed");       // resilience4j's actuator
        row("OPEN", "open");
        row("HALF_OPEN", "half_open");
        row("FORCED_OPEN", "isolated");
        row("forced_open", "isolated"); // resilience4j's Micrometer labels
        row("forced-open", "isolated");
        row("DISABLED", "disabled");
        row("METRICS_ONLY", "disabled"); // records only, never rejects: forced closed
        row("metrics_only", "disabled");
        row("Half-Open", "half_open");
        row("ISOLATED", "isolated");
        row("", "-");
        row("ajar", "-");
        row("half open", "-");
        row("halfopen", "-");
        row(" open", "-");
        row("open ", "-");
        row("forced", "-");
        row("closed_", "-");
        row("auto", "-");
        row("ОPEN", "-"); // a Cyrillic O
        row("a very long name that is no state at all", "-");
    }
    void breakerStateFromName() {
        QFETCH(QString, text);
        QFETCH(QString, state);
        QCOMPARE(nameOrDash(jimini::breakerStateFromName(text)), state);
    }

    void breakerStateRoundTrip_data() {
        QTest::addColumn<int>("value");
        for (BreakerState s : allStates)
            QTest::newRow(qPrintable(breakerStateName(s))) << int(s);
    }
    void breakerStateRoundTrip() {
        QFETCH(int, value);
        const BreakerState state = BreakerState(value);
        QVERIFY(!breakerStateName(state).isEmpty());
        QCOMPARE(nameOrDash(jimini::breakerStateFromName(breakerStateName(state))), breakerStateName(state));
        // The series code is the enum's value, and reads back.
        QCOMPARE(breakerStateCode(state), value);
        QCOMPARE(nameOrDash(breakerStateFromCode(breakerStateCode(state))), breakerStateName(state));
    }

    void canonicalBreakerNames() {
        QStringList names;
        for (BreakerState s : allStates)
            names << breakerStateName(s);
        QCOMPARE(names, (QStringList{"closed", "open", "half_open", "isolated", "disabled"}));
    }

    void breakerCodesOutOfRange_data() {
        QTest::addColumn<int>("code");
        QTest::newRow("-1") << -1;
        QTest::newRow("5") << 5;
        QTest::newRow("255") << 255;
    }
    void breakerCodesOutOfRange() {
        QFETCH(int, code);
        QVERIFY(!breakerStateFromCode(code));
    }

    void healthLevelNames_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level"); // -1: not a level
        QTest::newRow("healthy") << "healthy" << int(HealthLevel::Healthy);
        QTest::newRow("degraded") << "degraded" << int(HealthLevel::Degraded);
        QTest::newRow("critical") << "critical" << int(HealthLevel::Critical);
        QTest::newRow("Healthy") << "Healthy" << -1; // the protocol's spelling only
        QTest::newRow("sick") << "sick" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void healthLevelNames() {
        QFETCH(QString, text);
        QFETCH(int, level);
        const std::optional<HealthLevel> read = healthLevelFromString(text);
        QCOMPARE(read ? int(*read) : -1, level);
        if (read)
            QCOMPARE(toString(*read), text);
    }

    void alertLevelNames_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level");
        QTest::newRow("warning") << "warning" << int(AlertLevel::Warning);
        QTest::newRow("critical") << "critical" << int(AlertLevel::Critical);
        QTest::newRow("info") << "info" << -1;
        QTest::newRow("WARNING") << "WARNING" << -1;
    }
    void alertLevelNames() {
        QFETCH(QString, text);
        QFETCH(int, level);
        const std::optional<AlertLevel> read = alertLevelFromString(text);
        QCOMPARE(read ? int(*read) : -1, level);
        if (read)
            QCOMPARE(toString(*read), text);
    }
};

QTEST_GUILESS_MAIN(tst_HealthNames)
#include "tst_healthnames.moc"
