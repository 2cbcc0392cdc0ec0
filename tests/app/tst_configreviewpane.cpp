// SPDX-License-Identifier: GPL-3.0-or-later
// The config editor's review pane, offscreen: a push or rollback review lists each change with the button
// that sends it; a rebase lists what changed underneath and one Mine / Theirs choice per conflict, and the
// resolved config carries the side chosen for each, once.
#include "widgets/config/configreviewpane.h"

#include "support/consoletestsetup.h"

#include <QComboBox>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace jimini;

namespace {

QPushButton* button(const ConfigReviewPane& pane, const QString& text) {
    for (QPushButton* b : pane.findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

// Two conflicts (timeout and attempts) over a base where both were 5 and 3; one field changed underneath.
ConfigRebase twoConflicts() {
    ConfigRebase rebase;
    rebase.merged = QJsonObject{{QStringLiteral("timeout_seconds"), 10},
                                {QStringLiteral("max_attempts"), 4},
                                {QStringLiteral("jitter"), true}};
    rebase.underneath = {{QStringLiteral("jitter"), false, true}};
    rebase.conflicts = {
        {{QStringLiteral("timeout_seconds")}, QStringLiteral("timeout_seconds"), 5, 7, 10},
        {{QStringLiteral("max_attempts")}, QStringLiteral("max_attempts"), 3, 2, 4},
    };
    return rebase;
}

} // namespace

class tst_ConfigReviewPane : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initConsoleTest(); }

    void changesReviewShowsItsButton_data() {
        QTest::addColumn<ConfigReviewPane::Mode>("mode");
        QTest::addColumn<QString>("confirmText");
        QTest::newRow("push") << ConfigReviewPane::Mode::Push << QStringLiteral("Push");
        QTest::newRow("rollback") << ConfigReviewPane::Mode::Rollback << QStringLiteral("Roll back");
    }
    void changesReviewShowsItsButton() {
        QFETCH(ConfigReviewPane::Mode, mode);
        QFETCH(QString, confirmText);
        ConfigReviewPane pane;
        pane.showChanges(mode, QStringLiteral("Review"),
                         {{QStringLiteral("policies.a.timeout_seconds"), 5, 10},
                          {QStringLiteral("policies.a.retry"), QJsonValue::Undefined, QJsonObject{}}});
        QCOMPARE(pane.mode(), mode);
        QVERIFY(!pane.isHidden());
        QCOMPARE(pane.title(), QStringLiteral("Review"));
        QCOMPARE(pane.tree()->topLevelItemCount(), 2);
        QCOMPARE(pane.tree()->topLevelItem(0)->text(0), QStringLiteral("policies.a.timeout_seconds"));
        QCOMPARE(pane.tree()->topLevelItem(0)->text(1), QStringLiteral("5"));
        QCOMPARE(pane.tree()->topLevelItem(0)->text(2), QStringLiteral("10"));
        QPushButton* confirm = button(pane, confirmText);
        QVERIFY(confirm && !confirm->isHidden());
        QVERIFY(button(pane, QStringLiteral("Apply rebase to the draft"))->isHidden());
        QVERIFY(!pane.takeResolved()); // no rebase in a push or rollback review
        QSignalSpy confirmed(&pane, &ConfigReviewPane::confirmed);
        confirm->click();
        QCOMPARE(confirmed.size(), 1);
        button(pane, QStringLiteral("Close"))->click();
        QCOMPARE(pane.mode(), ConfigReviewPane::Mode::None);
        QVERIFY(pane.isHidden());
    }

    void rebaseTakesTheSideChosenPerConflict_data() {
        QTest::addColumn<bool>("theirsFirst"); // every choice set to theirs before the final ones
        QTest::addColumn<QList<int>>("picks"); // combo index per conflict: 0 keep mine, 1 take theirs
        QTest::addColumn<int>("timeout");
        QTest::addColumn<int>("attempts");
        QTest::newRow("mine, mine") << false << QList<int>{0, 0} << 10 << 4;
        QTest::newRow("theirs, mine") << false << QList<int>{1, 0} << 7 << 4;
        QTest::newRow("mine, theirs") << false << QList<int>{0, 1} << 10 << 2;
        QTest::newRow("theirs, theirs") << false << QList<int>{1, 1} << 7 << 2;
        QTest::newRow("theirs, then mine again") << true << QList<int>{0, 0} << 10 << 4;
    }
    void rebaseTakesTheSideChosenPerConflict() {
        QFETCH(bool, theirsFirst);
        QFETCH(QList<int>, picks);
        QFETCH(int, timeout);
        QFETCH(int, attempts);
        ConfigReviewPane pane;
        QSignalSpy applied(&pane, &ConfigReviewPane::rebaseApplied);
        pane.showRebase(QStringLiteral("Rebase"), twoConflicts());
        QCOMPARE(pane.mode(), ConfigReviewPane::Mode::Rebase);
        QVERIFY(button(pane, QStringLiteral("Push"))->isHidden());
        QTreeWidgetItem* underneath = pane.tree()->topLevelItem(0);
        QTreeWidgetItem* conflicts = pane.tree()->topLevelItem(1);
        QCOMPARE(underneath->text(0), QStringLiteral("Changed underneath (1)"));
        QCOMPARE(underneath->child(0)->text(0), QStringLiteral("jitter"));
        QCOMPARE(conflicts->text(0), QStringLiteral("Conflicts (2): choose a side"));
        QCOMPARE(conflicts->childCount(), 2);
        QList<QComboBox*> choices;
        for (int i = 0; i < conflicts->childCount(); ++i) {
            QTreeWidgetItem* item = conflicts->child(i);
            QCOMPARE(item->text(1), i == 0 ? QStringLiteral("5") : QStringLiteral("3")); // base
            choices.append(qobject_cast<QComboBox*>(pane.tree()->itemWidget(item, 3)));
            QVERIFY(choices.back());
            QCOMPARE(choices.back()->currentIndex(), 0); // mine unless the operator says otherwise
        }
        if (theirsFirst)
            for (QComboBox* choice : std::as_const(choices))
                choice->setCurrentIndex(1);
        for (qsizetype i = 0; i < picks.size(); ++i)
            choices[i]->setCurrentIndex(picks[i]);
        QPushButton* apply = button(pane, QStringLiteral("Apply rebase to the draft"));
        QVERIFY(apply && !apply->isHidden());
        apply->click();
        QCOMPARE(applied.size(), 1);
        const std::optional<QJsonObject> resolved = pane.takeResolved();
        QVERIFY(resolved);
        QCOMPARE(resolved->value(QStringLiteral("timeout_seconds")).toInt(), timeout);
        QCOMPARE(resolved->value(QStringLiteral("max_attempts")).toInt(), attempts);
        QCOMPARE(resolved->value(QStringLiteral("jitter")).toBool(), true); // taken from underneath
        QVERIFY(pane.isHidden());
        QVERIFY(!pane.takeResolved()); // spent
    }

    void aNewReviewForgetsTheRebase() {
        ConfigReviewPane pane;
        pane.showRebase(QStringLiteral("Rebase"), twoConflicts());
        pane.showChanges(ConfigReviewPane::Mode::Push, QStringLiteral("Push"), {});
        QCOMPARE(pane.tree()->topLevelItemCount(), 0);
        QVERIFY(!pane.takeResolved());
        pane.setConflictChoice(5, true); // out of range: ignored
        pane.setConflictChoice(-1, true);
    }
};

QTEST_MAIN(tst_ConfigReviewPane)
#include "tst_configreviewpane.moc"
