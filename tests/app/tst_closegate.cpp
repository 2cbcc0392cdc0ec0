// SPDX-License-Identifier: GPL-3.0-or-later
// Closing the window while a tool holds work that must be wound down first (a rollout, injected faults):
// the operator is asked, the work is wound down, and the window closes when the tools are done or the
// deadline has passed on the view's (simulated) clock; nothing is wound down without the operator's yes.
#include "console/consoletools.h"
#include "console/mainwindow.h"

#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "support/consoletestsetup.h"
#include "widgets/tools/closegate.h"
#include "widgets/tools/toolregistry.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QStandardPaths>
#include <QtTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {

// Holds "work" until wound down; answers windDown at once, when told, or never.
class BusyTool final : public ConsoleTool {
    Q_OBJECT
public:
    enum class Finish : quint8 { AtOnce, WhenTold, Never };

    QString id() const override { return QStringLiteral("busy"); }
    QString title() const override { return QStringLiteral("Busy"); }
    Placement placement() const override { return Placement::None; }
    QWidget* createWidget(ConsoleContext&) override { return nullptr; }
    QStringList pendingWork() const override {
        return busy ? QStringList{QStringLiteral("a rollout of payments to 4 instances")} : QStringList{};
    }
    void windDown() override {
        ++windDowns;
        if (finish == Finish::AtOnce)
            done();
    }
    std::chrono::milliseconds windDownBudget() const override { return budget; }
    void done() {
        busy = false;
        emit windDownFinished();
    }

    bool busy = false;
    Finish finish = Finish::AtOnce;
    int windDowns = 0;
    std::chrono::milliseconds budget{};
};

const QDateTime kStart(QDate(2026, 11, 30), QTime(21, 0), Qt::UTC);

} // namespace

class tst_CloseGate : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void closing_data();
    void closing();
};

void tst_CloseGate::initTestCase() {
    initConsoleTest();
    QGuiApplication::setQuitOnLastWindowClosed(false);
}

void tst_CloseGate::closing_data() {
    QTest::addColumn<bool>("busy");
    QTest::addColumn<QString>("answer");     // the button clicked in the question, "" when none is asked
    QTest::addColumn<int>("finish");         // BusyTool::Finish
    QTest::addColumn<bool>("idleBeforeYes"); // the work ends on its own while the question is open
    QTest::addColumn<bool>("closedAtOnce");  // after the answer, before the tool reports
    QTest::addColumn<bool>("closedAfterTold");
    QTest::addColumn<bool>("closedAtDeadline");
    QTest::addColumn<int>("windDowns");
    QTest::addColumn<int>("budgetS"); // the tool's own wind-down budget, in seconds
    const auto atOnce = int(BusyTool::Finish::AtOnce);
    const auto told = int(BusyTool::Finish::WhenTold);
    const auto never = int(BusyTool::Finish::Never);
    QTest::newRow("idle closes without asking")
        << false << "" << atOnce << false << true << true << true << 0 << 0;
    QTest::newRow("cancel keeps it open")
        << true << "cancel" << atOnce << false << false << false << false << 0 << 0;
    QTest::newRow("wound down at once")
        << true << "wind down" << atOnce << false << true << true << true << 1 << 0;
    QTest::newRow("waits for the tool")
        << true << "wind down" << told << false << false << true << true << 1 << 0;
    QTest::newRow("deadline closes") << true << "wind down" << never << false << false << false << true << 1
                                     << 0;
    QTest::newRow("a tool's budget outlasts the deadline")
        << true << "wind down" << never << false << false << false << true << 1 << 60;
    QTest::newRow("done while asking")
        << true << "wind down" << never << true << true << true << true << 0 << 0;
}

void tst_CloseGate::closing() {
    QFETCH(bool, busy);
    QFETCH(QString, answer);
    QFETCH(int, finish);
    QFETCH(bool, idleBeforeYes);
    QFETCH(bool, closedAtOnce);
    QFETCH(bool, closedAfterTold);
    QFETCH(bool, closedAtDeadline);
    QFETCH(int, windDowns);
    QFETCH(int, budgetS);

    const auto clock = ConsoleClock::simulated(kStart);
    FleetHub::Options options;
    options.clock = clock;
    ToolRegistry tools = consoleTools();
    tools.add<BusyTool>();
    MainWindow window(tools, options);
    window.closeGate().setDeadline(20s);
    auto* tool = window.tool<BusyTool>();
    tool->busy = busy;
    tool->finish = BusyTool::Finish(finish);
    tool->budget = std::chrono::seconds(budgetS);
    window.show();

    window.close();
    auto* question = window.findChild<QMessageBox*>(QStringLiteral("closeGateQuestion"));
    QCOMPARE(question != nullptr, !answer.isEmpty());
    if (question) {
        QVERIFY(window.isVisible());
        QVERIFY2(question->text().contains(QStringLiteral("a rollout of payments to 4 instances")),
                 qPrintable(question->text()));
        window.close(); // asked again while the question is open: still one question
        QCOMPARE(window.findChildren<QMessageBox*>(QStringLiteral("closeGateQuestion")).size(), 1);
        if (idleBeforeYes)
            tool->busy = false;
        QAbstractButton* button =
            answer == QLatin1String("cancel")
                ? question->button(QMessageBox::Cancel)
                : question->findChild<QAbstractButton*>(QStringLiteral("windDownButton"));
        QVERIFY(button);
        button->click();
    }
    QCoreApplication::processEvents(); // the gate closes the window from the event loop
    QCOMPARE(!window.isVisible(), closedAtOnce);
    QCOMPARE(tool->windDowns, windDowns);
    if (!closedAtOnce && window.closeGate().isWindingDown()) {
        window.close(); // while winding down: not asked again, not closed
        QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("closeGateQuestion")));
        QVERIFY(window.isVisible());
        clock->simulatedScheduler()->advance(19s);
        QCoreApplication::processEvents();
        QVERIFY(window.isVisible());
        if (tool->finish == BusyTool::Finish::WhenTold)
            tool->done();
        QCoreApplication::processEvents();
        QCOMPARE(!window.isVisible(), closedAfterTold);
        clock->simulatedScheduler()->advance(1s);
        QCoreApplication::processEvents();
    }
    if (budgetS > 20) { // the gate's own 20 s have passed: the tool's budget has not
        QVERIFY(window.isVisible());
        clock->simulatedScheduler()->advance(std::chrono::seconds(budgetS - 20));
        QCoreApplication::processEvents();
    }
    QCOMPARE(!window.isVisible(), closedAtDeadline);
    QCOMPARE(tool->windDowns, windDowns);
    if (answer == QLatin1String("cancel")) {
        window.close(); // asks again
        QVERIFY(window.findChild<QMessageBox*>(QStringLiteral("closeGateQuestion")));
    }
}

QTEST_MAIN(tst_CloseGate)
#include "tst_closegate.moc"
