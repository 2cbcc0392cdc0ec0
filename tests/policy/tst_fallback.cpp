// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/fallback.h"

#include "support/enumname.h"

#include <QLocale>
#include <QTest>

#include <string>

using namespace jimini;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(ResultSource)

class tst_Fallback : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void chain_data() {
        QTest::addColumn<bool>("alternateAnswers");
        QTest::addColumn<int>("secondsSinceGood");
        QTest::addColumn<ResultSource>("source");
        QTest::addColumn<int>("value");
        QTest::newRow("alternate answers first") << true << 1 << ResultSource::Fallback << 7;
        QTest::newRow("alternate empty, cache fresh") << false << 60 << ResultSource::Cache << 1;
        QTest::newRow("cache expired one second ago: default") << false << 61 << ResultSource::Default << -1;
    }
    void chain() {
        QFETCH(bool, alternateAnswers);
        QFETCH(int, secondsSinceGood);
        QFETCH(ResultSource, source);
        QFETCH(int, value);
        int alternateCalls = 0;
        Fallback<int> fallback;
        fallback
            .withAlternate([&](const Outcome&) -> std::optional<int> {
                ++alternateCalls;
                return alternateAnswers ? std::optional<int>(7) : std::nullopt;
            })
            .withCache(60s)
            .withDefault(-1);
        const TimePoint t0{};
        const auto primary = fallback.resolve(Outcome::success(), 1, t0);
        QCOMPARE(enumName(primary.source), enumName(ResultSource::Primary));
        QVERIFY(!primary.degraded());

        const Outcome failure = Outcome::failure(ErrorCategory::ServiceUnavailable, true);
        const auto result =
            fallback.resolve(failure, std::nullopt, t0 + std::chrono::seconds(secondsSinceGood));
        QCOMPARE(enumName(result.source), enumName(source));
        QCOMPARE(*result.value, value);
        QVERIFY(result.degraded());
        QCOMPARE(enumName(result.outcome.category), enumName(ErrorCategory::ServiceUnavailable));
        QCOMPARE(alternateCalls, 1);
    }

    void businessErrorsAreNotCovered() {
        Fallback<std::string> fallback;
        fallback.withDefault("stale");
        const auto result =
            fallback.resolve(Outcome::failure(ErrorCategory::BusinessLogic, false), std::nullopt, {});
        QCOMPARE(enumName(result.source), enumName(ResultSource::None));
        QVERIFY(!result.value);
        const auto timeout = fallback.resolve(Outcome::timedOut(), std::nullopt, {});
        QCOMPARE(enumName(timeout.source), enumName(ResultSource::Default));
        QCOMPARE(*timeout.value, std::string("stale"));
    }

    void exhaustedChainReportsNone() {
        Fallback<int> fallback;
        fallback.withCache(10s);
        const auto result = fallback.resolve(Outcome::breakerOpen(), std::nullopt, {});
        QCOMPARE(enumName(result.source), enumName(ResultSource::None));
        QCOMPARE(enumName(result.outcome.kind), enumName(OutcomeKind::BreakerOpen));
        QCOMPARE(toString(result.source), std::string_view("none"));
    }
};

QTEST_GUILESS_MAIN(tst_Fallback)
#include "tst_fallback.moc"
