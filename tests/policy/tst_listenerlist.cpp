// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/listenerlist.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

using namespace jimini;

namespace {
using IntList = ListenerList<std::function<void(int)>>;

void notifyAll(const IntList& list, int value) {
    list.forEach([value](const std::function<void(int)>& listener) { listener(value); });
}
} // namespace

class tst_ListenerList : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void everyListenerHearsInOrderAdded() {
        IntList list;
        std::vector<int> heard;
        ListenerHandle first = list.add([&](int v) { heard.push_back(v * 10 + 1); });
        ListenerHandle second = list.add([&](int v) { heard.push_back(v * 10 + 2); });
        QCOMPARE(list.size(), std::size_t(2));
        notifyAll(list, 5);
        QCOMPARE(heard, (std::vector<int>{51, 52}));
    }

    void droppingAHandleRemovesOnlyItsListener_data() {
        QTest::addColumn<int>("dropped");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("first") << 0 << std::vector<int>{2, 3};
        QTest::newRow("middle") << 1 << std::vector<int>{1, 3};
        QTest::newRow("last") << 2 << std::vector<int>{1, 2};
    }
    void droppingAHandleRemovesOnlyItsListener() {
        QFETCH(int, dropped);
        QFETCH(std::vector<int>, expected);
        IntList list;
        std::vector<int> heard;
        std::vector<ListenerHandle> handles;
        for (int i = 1; i <= 3; ++i)
            handles.push_back(list.add([&heard, i](int) { heard.push_back(i); }));
        handles[std::size_t(dropped)].reset();
        QVERIFY(!handles[std::size_t(dropped)].active());
        notifyAll(list, 0);
        QCOMPARE(heard, expected);
        QCOMPARE(list.size(), std::size_t(2));
    }

    void destroyingTheHandleRemoves() {
        IntList list;
        int heard = 0;
        {
            ListenerHandle handle = list.add([&](int) { ++heard; });
            notifyAll(list, 0);
        }
        notifyAll(list, 0);
        QCOMPARE(heard, 1);
        QVERIFY(list.empty());
    }

    void movedHandleKeepsTheSubscription() {
        IntList list;
        int heard = 0;
        ListenerHandle original = list.add([&](int) { ++heard; });
        ListenerHandle moved = std::move(original);
        original.reset(); // holds nothing any more: must not remove the listener
        notifyAll(list, 0);
        QCOMPARE(heard, 1);
        ListenerHandle other = list.add([&](int) { heard += 100; });
        moved = std::move(other); // assigning drops what `moved` held
        notifyAll(list, 0);
        QCOMPARE(heard, 101);
        QCOMPARE(list.size(), std::size_t(1));
    }

    void handleMayOutliveTheList() {
        ListenerHandle handle;
        {
            IntList list;
            handle = list.add([](int) {});
            QVERIFY(handle.active());
        }
        handle.reset(); // the list is gone: nothing to remove, nothing touched
        QVERIFY(!handle.active());
    }

    void defaultHandleHoldsNothing() {
        ListenerHandle handle;
        QVERIFY(!handle.active());
        handle.reset();
    }

    // Emitters on two threads while the main thread subscribes and unsubscribes: once reset() returns,
    // the listener must never run again (what it captured may be gone).
    void removalWaitsForCallsInProgress() {
        IntList list;
        std::atomic<bool> stop{false};
        std::atomic<int> callsAfterRemoval{0};
        std::vector<std::thread> emitters;
        for (int t = 0; t < 2; ++t)
            emitters.emplace_back([&] {
                while (!stop.load(std::memory_order_relaxed)) {
                    notifyAll(list, 0);
                    std::this_thread::yield(); // gaps between events, as real calls leave
                }
            });
        int roundsHeard = 0;
        for (int round = 0; round < 200; ++round) {
            auto removed = std::make_shared<std::atomic<bool>>(false);
            auto heard = std::make_shared<std::atomic<int>>(0);
            ListenerHandle handle = list.add([removed, heard, &callsAfterRemoval](int) {
                if (removed->load(std::memory_order_relaxed))
                    callsAfterRemoval.fetch_add(1, std::memory_order_relaxed);
                heard->fetch_add(1, std::memory_order_relaxed);
            });
            ListenerHandle keeper = list.add([](int) {});
            // Remove only once an emitter has reached the listener, so every round removes it while
            // calls are going on (a loaded machine may not run the emitters for many rounds otherwise).
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (heard->load() == 0 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::yield();
            handle.reset();
            removed->store(true, std::memory_order_relaxed);
            roundsHeard += heard->load() > 0;
        }
        stop.store(true);
        for (std::thread& t : emitters)
            t.join();
        QCOMPARE(callsAfterRemoval.load(), 0);
        QVERIFY(list.empty());
        QCOMPARE(roundsHeard, 200); // the emitters ran into the listener before each removal
    }
};

QTEST_GUILESS_MAIN(tst_ListenerList)
#include "tst_listenerlist.moc"
