// SPDX-License-Identifier: GPL-3.0-or-later
// The replay tab's phase table: cells read and write the scenario's JSON, ScenarioCodec judges every
// edit, and its errors land on the row and cell their path names.
#include "widgets/replay/scenariophasemodel.h"

#include "sim/scenariocodec.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace jimini;
using Column = ScenarioPhaseModel::Column;

namespace {
QJsonObject bundled(const QString& name) {
    QFile file(QStringLiteral(":/scenarios/%1.json").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Two dependencies, the second with two phases.
QJsonObject twoDependencies() {
    const auto phase = [](double start, double length) {
        return QJsonObject{{QStringLiteral("start_seconds"), start},
                           {QStringLiteral("duration_seconds"), length},
                           {QStringLiteral("error_rate"), 0.5}};
    };
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("two")},
        {QStringLiteral("duration_seconds"), 600},
        {QStringLiteral("traffic"),
         QJsonObject{{QStringLiteral("shape"), QStringLiteral("constant")}, {QStringLiteral("rate"), 5}}},
        {QStringLiteral("dependencies"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")},
                                {QStringLiteral("phases"), QJsonArray{phase(0, 60)}}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("b")},
                                {QStringLiteral("phases"), QJsonArray{phase(100, 60), phase(200, 60)}}}}}};
}
} // namespace

class tst_ScenarioPhaseModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void cellsReadTheDocument() {
        ScenarioPhaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(bundled(QStringLiteral("downstream-outage")));
        QVERIFY(model.scenario());
        QCOMPARE(model.rowCount(), 1);
        const auto cell = [&](int c) { return model.index(0, c).data().toString(); };
        QCOMPARE(cell(Column::Name), QStringLiteral("outage"));
        QCOMPARE(cell(Column::Start), QStringLiteral("300"));
        QCOMPARE(cell(Column::Duration), QStringLiteral("300"));
        QCOMPARE(cell(Column::ErrorRate), QStringLiteral("1"));
        QCOMPARE(cell(Column::StatusMix), QStringLiteral("503:1"));
        QCOMPARE(cell(Column::RetryAfter), QStringLiteral("5"));
        QCOMPARE(cell(Column::Latency), QStringLiteral("fixed mean=5"));
        QCOMPARE(cell(Column::HangRate), QString()); // absent: the baseline's
    }

    void aBadValueIsRejectedAtItsRow_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path"); // under dependencies[0].phases[0]
        QTest::addColumn<QString>("message");
        QTest::newRow("error rate over 1") << int(Column::ErrorRate) << "1.5"
                                           << ".error_rate"
                                           << "must be a number in [0, 1]";
        QTest::newRow("start not a number") << int(Column::Start) << "soon"
                                            << ".start_seconds"
                                            << "must be a number in [0, 604800]";
        QTest::newRow("phase past the end") << int(Column::Duration) << "900"
                                            << ""
                                            << "ends at 1200 s, after the scenario's 900 s";
        QTest::newRow("status not an error") << int(Column::StatusMix) << "200:1"
                                             << ".status_mix.200"
                                             << "must be an error status code (400-599)";
        QTest::newRow("latency of no kind") << int(Column::Latency) << "slow"
                                            << ".latency.distribution"
                                            << "must be one of fixed, uniform, normal, lognormal";
        QTest::newRow("latency unreadable") << int(Column::Latency) << "lognormal 40"
                                            << ".latency"
                                            << "must be an object";
        QTest::newRow("latency percentiles reversed") << int(Column::Latency) << "lognormal p50=300 p99=40"
                                                      << ".latency.p99_ms"
                                                      << "";
        QTest::newRow("rates add past 1") << int(Column::HangRate) << "0.5"
                                          << ""
                                          << "hang_rate + reset_rate + error_rate must be at most 1";
    }
    void aBadValueIsRejectedAtItsRow() {
        QFETCH(int, column);
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(QString, message);
        ScenarioPhaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(bundled(QStringLiteral("downstream-outage")));
        const QJsonObject before = model.document();
        const QString original = model.index(0, column).data().toString();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QVERIFY(model.setData(model.index(0, column), text));
        QVERIFY(!model.scenario()); // not fit to run
        QVERIFY(!model.errors().isEmpty());
        const QString fullPath = QStringLiteral("dependencies[0].phases[0]") + path;
        QVERIFY2(std::any_of(model.errors().begin(), model.errors().end(),
                             [&](const FieldError& e) { return e.path.startsWith(fullPath); }),
                 qPrintable(model.errors().first().toString()));
        const QStringList atCell = model.index(0, column).data(ScenarioPhaseModel::ErrorsRole).toStringList();
        QVERIFY(!atCell.isEmpty());
        if (!message.isEmpty())
            QVERIFY2(atCell.join('\n').contains(message), qPrintable(atCell.join('\n')));
        QVERIFY(model.index(0, column).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.headerData(0, Qt::Vertical).toString().contains(QChar(0x26a0)));
        QVERIFY(model.headerData(0, Qt::Vertical, Qt::ToolTipRole).toString().contains(atCell.first()));
        // The edit and the errors' roles: two signals, not one per error.
        QCOMPARE(changed.count(), 2);

        // Undone, the error goes and the document is as it was.
        QVERIFY(model.setData(model.index(0, column), original));
        QCOMPARE(model.document(), before);
        QVERIFY(model.scenario());
        QVERIFY(model.index(0, column).data(ScenarioPhaseModel::ErrorsRole).toStringList().isEmpty());
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("1"));
    }

    void editsWriteTheDocument() {
        ScenarioPhaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(bundled(QStringLiteral("downstream-outage")));
        QVERIFY(model.setData(model.index(0, Column::Latency), QStringLiteral("lognormal p50=40 p99=900")));
        QVERIFY(model.setData(model.index(0, Column::StatusMix), QStringLiteral("503:0.5, 429:0.5")));
        QVERIFY(model.setData(model.index(0, Column::HangRate), QStringLiteral("0.25")));
        QVERIFY(model.setData(model.index(0, Column::ErrorRate), QStringLiteral("0.5")));
        QVERIFY(model.setData(model.index(0, Column::RetryAfter), QString())); // back to the baseline's
        QVERIFY2(model.scenario(), qPrintable(model.errors().value(0).toString()));
        const QJsonObject phase =
            model.document()["dependencies"].toArray()[0].toObject()["phases"].toArray()[0].toObject();
        QCOMPARE(phase["latency"].toObject(),
                 (QJsonObject{{"distribution", "lognormal"}, {"p50_ms", 40}, {"p99_ms", 900}}));
        QCOMPARE(phase["status_mix"].toObject(), (QJsonObject{{"503", 0.5}, {"429", 0.5}}));
        QCOMPARE(phase["hang_rate"].toDouble(), 0.25);
        QVERIFY(!phase.contains("retry_after_seconds"));
        const ScenarioPhase& parsed = model.scenario()->dependencies[0].phases[0];
        QCOMPARE(parsed.fault.hangRate, 0.25);
        QCOMPARE(parsed.fault.errorRate, std::optional<double>(0.5));
        QCOMPARE(parsed.fault.statusMix.size(), std::size_t(2));
    }

    void phasesOfEachDependency() {
        ScenarioPhaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(twoDependencies());
        QCOMPARE(model.dependencyNames(), (QStringList{"a", "b"}));
        QCOMPARE(model.rowCount(), 1);
        model.setDependency(1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.phasesPath(), QStringLiteral("dependencies[1].phases"));
        // Overlapping its predecessor: the second row of b, named by its path.
        QVERIFY(model.setData(model.index(1, Column::Start), QStringLiteral("150")));
        QVERIFY(model.index(0, Column::Start).data(ScenarioPhaseModel::ErrorsRole).toStringList().isEmpty());
        QVERIFY(!model.index(1, Column::Start).data(ScenarioPhaseModel::ErrorsRole).toStringList().isEmpty());
        QCOMPARE(model.errors().first().path, QStringLiteral("dependencies[1].phases[1].start_seconds"));
        model.setDependency(0); // a is fine; the error stays the scenario's
        QVERIFY(model.index(0, Column::Start).data(ScenarioPhaseModel::ErrorsRole).toStringList().isEmpty());
        QVERIFY(!model.scenario());
    }

    void addAndRemovePhases() {
        ScenarioPhaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(bundled(QStringLiteral("downstream-outage")));
        model.addPhase(); // after the outage: 600 s, a minute
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, Column::Start).data().toString(), QStringLiteral("600"));
        QCOMPARE(model.index(1, Column::Duration).data().toString(), QStringLiteral("60"));
        QVERIFY(model.scenario());
        QCOMPARE(model.scenario()->dependencies[0].phases.size(), std::size_t(2));
        model.removePhase(0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, Column::Start).data().toString(), QStringLiteral("600"));
        QVERIFY(model.scenario());
    }
};

QTEST_MAIN(tst_ScenarioPhaseModel)
#include "tst_scenariophasemodel.moc"
