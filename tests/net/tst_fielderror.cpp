// SPDX-License-Identifier: GPL-3.0-or-later
// One field-error shape across the layers: config validation, the workspace file and a service's 422
// answer hand up the same {path, message}, so an editor can put a local error and a service's on the
// same field.
#include "json/fielderror.h"

#include "config/configerror.h"
#include "net/controlresult.h"
#include "net/workspace.h"

#include <QLocale>
#include <QTest>

#include <type_traits>

using namespace jimini;

namespace {
static_assert(std::is_same_v<ConfigError, FieldError>);
static_assert(std::is_same_v<WorkspaceError, FieldError>);
static_assert(std::is_same_v<decltype(ControlResult{}.errors), QList<FieldError>>);

const QByteArray kBadInterval =
    "{\"version\":2,\"services\":[{\"url\":\"http://a:1\",\"interval_ms\":\"x\"}]}";
} // namespace

class tst_FieldError : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void readsAloud_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("text");
        QTest::newRow("a key") << "policies.payments.retry.max_attempts"
                               << "must be at least 1"
                               << "policies.payments.retry.max_attempts: must be at least 1";
        QTest::newRow("an entry's key") << "services[2].interval_ms"
                                        << "must be a number"
                                        << "services[2].interval_ms: must be a number";
        QTest::newRow("a line") << "line 3"
                                << "not a url"
                                << "line 3: not a url";
        QTest::newRow("the document") << ""
                                      << "must be a JSON object"
                                      << "must be a JSON object";
    }
    void readsAloud() {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QFETCH(QString, text);
        QCOMPARE((FieldError{path, message}).toString(), text);
    }

    void workspaceErrorsNameTheirField() {
        const WorkspaceParseResult r = Workspace::fromJson(kBadInterval);
        QVERIFY(!r.ok());
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].path, QStringLiteral("services[0].interval_ms"));
    }
};

QTEST_GUILESS_MAIN(tst_FieldError)
#include "tst_fielderror.moc"
