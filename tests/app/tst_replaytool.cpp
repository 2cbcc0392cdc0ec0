// SPDX-License-Identifier: GPL-3.0-or-later
// The replay page in the whole console: a column runs the config editor's draft, and the winner goes to
// the config editor, both through the ConsoleContext (the replay tool never names the config tool).
#include "console/consoletools.h"
#include "console/mainwindow.h"

#include "config/configcodec.h"
#include "config/profiles.h"
#include "runtime/consoleclock.h"
#include "sim/replayengine.h"
#include "sim/replaysummary.h"
#include "sim/scenariolibrary.h"
#include "support/consoletestsetup.h"
#include "widgets/config/configeditorview.h"
#include "widgets/replay/replayconfigcolumns.h"
#include "widgets/replay/replayjob.h"
#include "widgets/replay/replaysummarymodel.h"
#include "widgets/replay/replaytool.h"
#include "widgets/replay/replayview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

using namespace jimini;

class tst_ReplayTool : public QObject {
    Q_OBJECT
private:
    static FleetHub::Options simulated() {
        FleetHub::Options options;
        options.clock = ConsoleClock::simulated(QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC));
        return options;
    }

private slots:
    void initTestCase() { initConsoleTest(); }

    void theEditorsDraftIsAColumn() {
        MainWindow window(consoleTools(), simulated());
        window.tool<WorkspaceTool>()->setRemember(false);
        ReplayView& view = *window.tool<ReplayTool>()->view();
        QVERIFY(view.loadScenario(QStringLiteral("downstream-outage")));
        view.configs().setColumn(1, QString());
        view.configs().setColumn(2, QStringLiteral("draft"));
        QVERIFY(!view.run()); // the editor has no draft yet
        QVERIFY2(view.message().contains(QStringLiteral("no draft")), qPrintable(view.message()));

        auto* editor = window.findChild<ConfigEditorView*>();
        QVERIFY(editor->startFromProfile(QStringLiteral("development")));
        QVERIFY(window.context().editorDraft());
        QVERIFY2(view.run(), qPrintable(view.message()));
        QTRY_VERIFY_WITH_TIMEOUT(view.job()->finished(), 60000);
        QCOMPARE(view.job()->columnCount(), 2);
        QCOMPARE(view.job()->column(1).label, window.context().editorDraft()->label);

        const Scenario s = *ScenarioLibrary::load(QStringLiteral("downstream-outage")).scenario;
        ReplaySummary own(s);
        ReplayEngine::run(s, *ConfigCodec::parse(editor->draft().text).config, own);
        QCOMPARE(view.summary().summaries(1), own.dependencies());
    }

    void theWinnerOpensInTheEditor() {
        MainWindow window(consoleTools(), simulated());
        window.tool<WorkspaceTool>()->setRemember(false);
        ReplayView& view = *window.tool<ReplayTool>()->view();
        QVERIFY(view.loadScenario(QStringLiteral("downstream-outage")));
        const QStringList profiles{QStringLiteral("production"), QStringLiteral("staging"),
                                   QStringLiteral("development")};
        for (int c = 0; c < 3; ++c)
            view.configs().setColumn(c, profiles[c]);
        auto* open = view.findChild<QPushButton*>(QStringLiteral("replayOpenWinner"));
        QVERIFY(!open->isEnabled()); // no winner before the replay
        QVERIFY(view.run());
        QTRY_VERIFY_WITH_TIMEOUT(view.job()->finished(), 60000);
        const std::optional<int> winner = view.summary().winner();
        QVERIFY(winner);
        QVERIFY(open->isEnabled());
        QSignalSpy changed(&window.context(), &ConsoleContext::editorDraftChanged);

        open->click();
        auto* editor = window.findChild<ConfigEditorView*>();
        QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->currentWidget(), editor);
        const QByteArray expected = ConfigCodec::serialize(*Profiles::load(profiles[*winner]));
        QCOMPARE(editor->draft().text, expected);
        QVERIFY(window.context().editorDraft());
        QVERIFY2(window.context().editorDraft()->label.contains(profiles[*winner]),
                 qPrintable(window.context().editorDraft()->label));
        QCOMPARE(changed.size(), 1);
    }
};

QTEST_MAIN(tst_ReplayTool)
#include "tst_replaytool.moc"
