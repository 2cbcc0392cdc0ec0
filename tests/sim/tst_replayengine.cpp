// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/replayengine.h"
#include "sim/replaysink.h"
#include "sim/replaysummary.h"
#include "sim/scenariocodec.h"
#include "sim/scenariolibrary.h"

#include "config/profiles.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Keeps every second and transition, and hashes them in a fixed byte layout.
class RecordingSink final : public ReplaySink {
public:
    void onSecond(const ReplaySecond& s) override {
        seconds.push_back(s);
        auto add = [&](double v) {
            m_hash.addData(QByteArrayView(reinterpret_cast<const char*>(&v), sizeof v));
        };
        add(double(s.dependency));
        add(double(s.second));
        add(double(s.offered));
        add(double(s.skipped));
        for (const std::uint64_t c : s.finished)
            add(double(c));
        add(double(s.attempts));
        add(double(s.retries));
        add(double(s.transitions));
        add(s.breaker ? double(*s.breaker) : -1);
        add(s.tokens.value_or(-1));
        add(s.bulkheadActive ? double(*s.bulkheadActive) : -1);
        add(s.bulkheadQueued ? double(*s.bulkheadQueued) : -1);
        add(s.p50Ms.value_or(-1));
        add(s.p95Ms.value_or(-1));
        add(s.p99Ms.value_or(-1));
    }
    void onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& t) override {
        transitions.push_back({dependency, at, t});
        const qint64 ns = at.count();
        m_hash.addData(QByteArrayView(reinterpret_cast<const char*>(&ns), sizeof ns));
        m_hash.addData(QByteArray::number(int(t.to)));
    }
    QByteArray hash() const { return m_hash.result().toHex(); }

    struct Transition {
        std::uint32_t dependency;
        Duration at;
        BreakerTransition transition;
    };
    std::vector<ReplaySecond> seconds;
    std::vector<Transition> transitions;

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

Scenario load(const QString& name) {
    const ScenarioParseResult r = ScenarioLibrary::load(name);
    if (!r.scenario)
        qFatal("%s: %s", qPrintable(name), qPrintable(r.errors.value(0).toString()));
    return *r.scenario;
}

ResilienceConfig profile(const QString& name) {
    return *Profiles::load(name);
}
} // namespace

class tst_ReplayEngine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void everyBundledScenarioReplaysTheSame_data() {
        QTest::addColumn<QString>("name");
        for (const QString& n : ScenarioLibrary::names())
            QTest::newRow(qPrintable(n)) << n;
    }
    void everyBundledScenarioReplaysTheSame() {
        QFETCH(QString, name);
        const Scenario scenario = load(name);
        RecordingSink first;
        RecordingSink second;
        const ReplayRun a = ReplayEngine::run(scenario, profile("production"), first);
        const ReplayRun b = ReplayEngine::run(scenario, profile("production"), second);
        QVERIFY(a.errors.isEmpty());
        const std::int64_t seconds = std::chrono::ceil<std::chrono::seconds>(scenario.duration).count();
        QCOMPARE(a.seconds, seconds);
        QCOMPARE(first.seconds.size(), std::size_t(seconds) * scenario.dependencies.size());
        QCOMPARE(first.hash(), second.hash());
        QCOMPARE(a.inFlightAtEnd, b.inFlightAtEnd);
        // Another seed is another run.
        Scenario reseeded = scenario;
        reseeded.seed += 1;
        RecordingSink third;
        ReplayEngine::run(reseeded, profile("production"), third);
        QVERIFY(third.hash() != first.hash());
        // Every call offered is accounted for: ended in a second, skipped, or still in flight at the end.
        std::uint64_t offered = 0;
        std::uint64_t ended = 0;
        for (const ReplaySecond& s : first.seconds) {
            offered += s.offered;
            ended += s.ended() + s.skipped;
        }
        QCOMPARE(offered, ended + a.inFlightAtEnd.at(0));
    }

    // The production profile: the breaker (outside the retry stage) opens after 3 failed calls and tries
    // again after 60 s; a call makes 3 attempts, waiting the outage's Retry-After (5 s) between them; the
    // callers send 6 calls a second (under the limiter's 8). So the first calls fail 2 x 5 s (+ 3 x 5 ms)
    // into the outage and the third failure follows within 3/6 s: detection in [10 s, 10.6 s]. No call is
    // admitted while it is open, and it closes within the recovery timeout (plus one probe) after the outage
    // ends.
    void outageOpensShedsAndRecovers() {
        const Scenario scenario = load("downstream-outage");
        RecordingSink sink;
        ReplaySummary summary(scenario, &sink);
        ReplayEngine::run(scenario, profile("production"), summary);
        const DependencySummary& s = summary.dependencies().at(0);
        QVERIFY(s.timeToDetect);
        QVERIFY2(*s.timeToDetect >= 10.0 && *s.timeToDetect <= 10.6,
                 qPrintable(QString::number(*s.timeToDetect)));
        QVERIFY(s.timeToRecover);
        QVERIFY2(*s.timeToRecover <= 61.0, qPrintable(QString::number(*s.timeToRecover)));
        QVERIFY(s.shed > 0);
        QVERIFY(s.opens >= 1);
        // Seconds entirely inside an open period admit no call: what reaches the dependency then is the
        // retries of calls admitted before it opened (the retry stage is inside the breaker).
        std::optional<Duration> openedAt;
        int checked = 0;
        for (const auto& t : sink.transitions) {
            if (t.transition.to == BreakerState::Open) {
                openedAt = t.at;
            } else if (openedAt) {
                const auto from = std::chrono::ceil<std::chrono::seconds>(*openedAt).count();
                const auto to = std::chrono::floor<std::chrono::seconds>(t.at).count();
                for (auto sec = from; sec < to; ++sec, ++checked)
                    QCOMPARE(sink.seconds.at(std::size_t(sec)).attempts -
                                 sink.seconds.at(std::size_t(sec)).retries,
                             std::uint64_t(0));
                openedAt.reset();
            }
        }
        QVERIFY(checked >= 100);
    }

    void limiterNeverAdmitsMoreThanRateTimesTimePlusBurst_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("burst");
        QTest::newRow("bursts, production") << "rate-limit-storm"
                                            << "production" << 8.0 << 15.0;
        QTest::newRow("bursts, development") << "rate-limit-storm"
                                             << "development" << 15.0 << 25.0;
        QTest::newRow("ramp, staging") << "retry-storm"
                                       << "staging" << 10.0 << 20.0;
    }
    void limiterNeverAdmitsMoreThanRateTimesTimePlusBurst() {
        QFETCH(QString, scenario);
        QFETCH(QString, profile);
        QFETCH(double, rate);
        QFETCH(double, burst);
        RecordingSink sink;
        ReplayEngine::run(load(scenario), ::profile(profile), sink);
        double admitted = 0;
        std::uint64_t limited = 0;
        for (const ReplaySecond& s : sink.seconds) {
            // Rejections end at once, in the second they were offered.
            admitted += double(s.offered - s.skipped - s.count(CallCategory::RateLimited));
            limited += s.count(CallCategory::RateLimited);
            QVERIFY2(admitted <= rate * double(s.second + 1) + burst + 1e-9,
                     qPrintable(QStringLiteral("second %1: %2 admitted").arg(s.second).arg(admitted)));
        }
        QVERIFY(limited > 0); // the bound was tested under pressure
    }

    void retriesStayWithinTheBudget() {
        // The profiles' retry budget: at most 20 % of calls over 10 s, plus 10 retries a second.
        const Scenario scenario = load("retry-storm");
        ResilienceConfig config = profile("development");
        config.policies[0].pipeline.rateLimit.reset(); // let the whole ramp reach the retry stage
        config.policies[0].pipeline.bulkhead.reset();
        config.policies[0].pipeline.circuitBreaker.reset();
        RecordingSink sink;
        ReplayEngine::run(scenario, config, sink);
        std::uint64_t retries = 0;
        std::uint64_t first = 0;
        for (const ReplaySecond& s : sink.seconds) {
            retries += s.retries;
            first += s.attempts - s.retries;
        }
        const double seconds = double(sink.seconds.size());
        QVERIFY(retries > 0);
        QVERIFY2(double(retries) <= 0.2 * double(first) + 10 * seconds,
                 qPrintable(QStringLiteral("%1 retries for %2 calls").arg(retries).arg(first)));
    }

    void aPolicyTheConfigLacksIsNamed() {
        Scenario scenario = load("brownout");
        scenario.dependencies[0].policy = QStringLiteral("checkout");
        RecordingSink sink;
        const ReplayRun run = ReplayEngine::run(scenario, profile("staging"), sink);
        QCOMPARE(run.errors.size(), 1);
        QCOMPARE(run.errors[0].path, QStringLiteral("dependencies[0].policy"));
        QVERIFY(run.errors[0].message.contains(QStringLiteral("no policy \"checkout\" (it has: default)")));
        QVERIFY(sink.seconds.empty());
    }

    void cancelStopsBetweenSeconds() {
        std::atomic<bool> cancel{true};
        RecordingSink sink;
        const ReplayRun run = ReplayEngine::run(load("brownout"), profile("staging"), sink, &cancel);
        QVERIFY(run.cancelled);
        QCOMPARE(run.seconds, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(tst_ReplayEngine)
#include "tst_replayengine.moc"
