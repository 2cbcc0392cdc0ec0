// SPDX-License-Identifier: GPL-3.0-or-later
// A feature reaches the window only through the ToolRegistry: a trivial tool added here (and nowhere
// else) gets its page or dock, its menu entries, its share of the context's messages and its settings,
// while MainWindow stays as it is.
#include "console/consoletools.h"
#include "console/mainwindow.h"

#include "config/configcodec.h"
#include "config/profiles.h"
#include "store/fleethub.h"
#include "support/consoletestsetup.h"
#include "widgets/config/configeditorview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"
#include "widgets/tools/toolregistry.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

using namespace jimini;

namespace {

// Counts the instances other tools activate and shows the count; one action in a menu of its own.
class CounterTool final : public ConsoleTool {
    Q_OBJECT
public:
    explicit CounterTool(Placement placement)
        : m_placement(placement) {}

    QString id() const override { return QStringLiteral("counter"); }
    QString title() const override { return QStringLiteral("Counter"); }
    Placement placement() const override { return m_placement; }
    QWidget* createWidget(ConsoleContext& context) override {
        m_context = &context;
        connect(&context, &ConsoleContext::instanceActivated, this, [this](const QString& id) {
            activated << id;
            if (m_label)
                m_label->setText(QString::number(activated.size()));
        });
        m_reset = new QAction(QStringLiteral("&Reset counter"), this);
        m_reset->setShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+R")));
        connect(m_reset, &QAction::triggered, this, [this] {
            activated.clear();
            m_context->host().showStatus(QStringLiteral("counter reset"), 0);
        });
        if (m_placement == Placement::None)
            return nullptr;
        m_label = new QLabel(QStringLiteral("0"));
        m_label->setObjectName(QStringLiteral("counterLabel"));
        return m_label;
    }
    QList<ToolAction> actions() const override {
        return {{QStringLiteral("counter"), m_reset, QStringLiteral("&Counter")}};
    }
    void saveSettings(QSettings& settings) const override {
        settings.setValue(QStringLiteral("counter/seen"), activated.size());
    }
    void restoreSettings(const QSettings& settings) override {
        restored = settings.value(QStringLiteral("counter/seen"), -1).toInt();
    }

    QStringList activated;
    int restored = -2;

private:
    Placement m_placement;
    ConsoleContext* m_context = nullptr;
    QLabel* m_label = nullptr;
    QAction* m_reset = nullptr;
};

} // namespace

class tst_ToolRegistry : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aToolJoinsTheWindow_data();
    void aToolJoinsTheWindow();
    void toolsAreMadeInRegistryOrder();
    void editorDraftTravelsThroughTheContext();
};

void tst_ToolRegistry::initTestCase() {
    initConsoleTest();
}

void tst_ToolRegistry::aToolJoinsTheWindow_data() {
    QTest::addColumn<int>("placement");
    QTest::addColumn<int>("tabs");  // pages of the central area, beyond the console's own
    QTest::addColumn<int>("docks"); // dock widgets, beyond the console's own
    QTest::newRow("page") << int(ConsoleTool::Placement::Page) << 1 << 0;
    QTest::newRow("dock") << int(ConsoleTool::Placement::BottomDock) << 0 << 1;
    QTest::newRow("actions only") << int(ConsoleTool::Placement::None) << 0 << 0;
}

void tst_ToolRegistry::aToolJoinsTheWindow() {
    QFETCH(int, placement);
    QFETCH(int, tabs);
    QFETCH(int, docks);
    MainWindow console(consoleTools());
    const int consoleTabs = console.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->count();
    const int consoleDocks = int(console.findChildren<QDockWidget*>().size());
    ToolRegistry tools = consoleTools();
    tools.add([placement] { return std::make_unique<CounterTool>(ConsoleTool::Placement(placement)); });
    MainWindow window(tools);
    auto* counter = window.tool<CounterTool>();
    QVERIFY(counter);
    QCOMPARE(window.tool(QStringLiteral("counter")), counter);

    auto* pages = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QCOMPARE(pages->count(), consoleTabs + tabs);
    QCOMPARE(window.findChildren<QDockWidget*>().size(), consoleDocks + docks);
    if (placement == int(ConsoleTool::Placement::Page)) {
        const int last = pages->count() - 1; // the counter comes last in the registry
        QCOMPARE(pages->tabText(last), QStringLiteral("Counter"));
        QVERIFY(!pages->tabBar()->tabButton(last, QTabBar::RightSide)); // a tool's page stays
    }
    if (placement == int(ConsoleTool::Placement::BottomDock))
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("counterDock")));

    // Its menu sits between the tools' menus and Help.
    QStringList menus;
    for (QAction* menu : window.menuBar()->actions())
        menus << menu->text();
    QCOMPARE(menus.mid(0, 3),
             (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Breaker")}));
    QCOMPARE(menus.mid(menus.size() - 2), (QStringList{QStringLiteral("&Counter"), QStringLiteral("&Help")}));

    // Context messages reach it; another tool (the fleet) does not need to know it.
    window.context().activateInstance(QStringLiteral("http://127.0.0.1:1/"));
    window.context().activateInstance(QString()); // nothing to activate: not sent
    QCOMPARE(counter->activated, QStringList{QStringLiteral("http://127.0.0.1:1/")});
    if (auto* label = window.findChild<QLabel*>(QStringLiteral("counterLabel")))
        QCOMPARE(label->text(), QStringLiteral("1"));
    window.findChild<QMenuBar*>()
        ->actions()
        .at(menus.indexOf(QStringLiteral("&Counter")))
        ->menu()
        ->actions()
        .first()
        ->trigger();
    QVERIFY(counter->activated.isEmpty());

    window.saveLayout();
    MainWindow reopened(tools);
    reopened.restoreLayout();
    QCOMPARE(reopened.tool<CounterTool>()->restored, 0);
}

void tst_ToolRegistry::toolsAreMadeInRegistryOrder() {
    const ToolRegistry tools = consoleTools();
    const auto made = tools.createTools();
    QStringList ids;
    for (const auto& tool : made)
        ids << tool->id();
    QCOMPARE(ids, (QStringList{QStringLiteral("workspace"), QStringLiteral("fleet"), QStringLiteral("detail"),
                               QStringLiteral("alerts"), QStringLiteral("events"), QStringLiteral("breakers"),
                               QStringLiteral("rollout"), QStringLiteral("config"), QStringLiteral("probe"),
                               QStringLiteral("replay"), QStringLiteral("livereplay")}));
    QCOMPARE(tools.size(), 11);
}

// A tool that runs a config (probe, replay) reads the editor's draft through the context, and hands
// a config back to the editor the same way, without naming the config tool.
void tst_ToolRegistry::editorDraftTravelsThroughTheContext() {
    MainWindow window(consoleTools());
    ConsoleContext& context = window.context();
    QVERIFY(!context.editorDraft());
    QSignalSpy changed(&context, &ConsoleContext::editorDraftChanged);
    const QByteArray staging = ConfigCodec::serialize(*Profiles::load(QStringLiteral("staging")));
    context.openInConfigEditor(QStringLiteral("replay winner"), staging);

    auto* editor = window.findChild<ConfigEditorView*>();
    QVERIFY(editor);
    QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->currentWidget(), editor);
    QCOMPARE(editor->draft().text, staging);
    QVERIFY(context.editorDraft());
    QCOMPARE(context.editorDraft()->json, staging);
    QVERIFY2(context.editorDraft()->label.contains(QStringLiteral("replay winner")),
             qPrintable(context.editorDraft()->label));
    QCOMPARE(changed.size(), 1);

    // Typing in the editor reaches the context as it is typed; an unchanged draft tells no one.
    QVERIFY(editor->startFromProfile(QStringLiteral("development")));
    QCOMPARE(context.editorDraft()->json, editor->draft().text);
    QCOMPARE(changed.size(), 2);
    context.publishEditorDraft(context.editorDraft());
    QCOMPARE(changed.size(), 2);
}

QTEST_MAIN(tst_ToolRegistry)
#include "tst_toolregistry.moc"
