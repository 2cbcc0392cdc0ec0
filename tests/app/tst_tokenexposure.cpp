// SPDX-License-Identifier: GPL-3.0-or-later
// A token typed for a service reaches that service and nothing else: a real breaker action against an
// in-process agent that requires the token succeeds (so the token was used), and afterwards no byte of the
// token is in the workspace file, the audit store (its file and WAL), its JSON Lines export, the settings
// file, the log output or any text the window shows.
#include "console/mainwindow.h"

#include "auth/sessiontokens.h"
#include "config/configcodec.h"
#include "control/auditjsonlines.h"
#include "control/auditstore.h"
#include "control/controlservice.h"
#include "net/controlresult.h"
#include "secrets/consolesecrets.h"
#include "serve/agent.h"
#include "support/consoletestsetup.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/servicedialog.h"
#include "widgets/workspace/workspacetool.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMutex>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

namespace {
const QByteArray kToken = "canary-7f3a9c-TOKEN";

QMutex g_logMutex;
QByteArray g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&g_logMutex);
        g_log += message.toUtf8() + '\n';
    }
    if (g_previous)
        g_previous(type, context, message);
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class tst_TokenExposure : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        initConsoleTest();
        QVERIFY(m_dir.isValid());
        g_previous = qInstallMessageHandler(capture);
        QLoggingCategory::setFilterRules(QStringLiteral("jimini.*.debug=true")); // the chattiest it gets
    }
    void cleanupTestCase() {
        qInstallMessageHandler(g_previous);
        SessionTokens::clear();
    }

    void aTypedTokenGoesOnlyToItsService() {
        ConfigParseResult parsed = ConfigCodec::parse(R"({"environment": "test", "policies": {
            "dep": {"circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 1}}})");
        QVERIFY(parsed.config);
        AgentOptions options;
        options.service = QStringLiteral("orders");
        options.instance = QStringLiteral("orders-1");
        options.callsPerSecond = 5;
        options.token = kToken;
        Agent agent(options, std::move(*parsed.config));
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));

        MainWindow window;
        const QString auditPath = m_dir.filePath(QStringLiteral("audit.sqlite"));
        QVERIFY(window.context().reopenAudit(auditPath));
        auto* workspace = window.tool<WorkspaceTool>();
        ServiceEndpoint endpoint;
        endpoint.baseUrl = agent.baseUrl();
        endpoint.group = QStringLiteral("orders");
        endpoint.interval = std::chrono::milliseconds(200);
        QVERIFY2(workspace->setToken(endpoint.id(), kToken, &error), qPrintable(error));
        workspace->addEndpoints({endpoint});

        // A breaker action, recorded as every control action is: the agent accepts it only with the token.
        AuditStore& audit = window.context().audit();
        AuditEntry entry;
        entry.action = QStringLiteral("breaker.isolate");
        entry.targets = {endpoint.id()};
        entry.service = QStringLiteral("orders");
        entry.policy = QStringLiteral("dep");
        entry.after = QStringLiteral("isolated");
        entry.reason = QStringLiteral("token exposure test");
        const qint64 intent = audit.recordIntent(entry);
        QVERIFY(intent > 0);
        QSignalSpy answered(&window.context().control(), &ControlService::breakerResult);
        window.context().control().setBreakerState(endpoint, QStringLiteral("dep"),
                                                   ControlClient::BreakerCommand::Isolate, entry.reason, 60);
        QVERIFY(answered.wait(15000));
        const auto result = answered.first().at(1).value<ControlResult>();
        audit.recordOutcome(
            intent, {result.ok, result.ok ? QStringLiteral("%1").arg(result.httpStatus) : result.reason});
        QVERIFY2(result.ok, qPrintable(result.reason));

        // Where the token might have gone, and where it must not be.
        const QString workspaceFile = m_dir.filePath(QStringLiteral("workspace.json"));
        QVERIFY2(workspace->save(workspaceFile, &error), qPrintable(error));
        QFile exportFile(m_dir.filePath(QStringLiteral("audit.jsonl")));
        QVERIFY(exportFile.open(QIODevice::WriteOnly));
        QVERIFY(AuditJsonLines::write(auditPath, 0, &exportFile).ok());
        exportFile.close();
        window.saveLayout();
        QSettings().sync();

        QVERIFY(!fileBytes(workspaceFile).isEmpty());
        QVERIFY(
            fileBytes(workspaceFile).contains(endpoint.id().toUtf8())); // the service is there, its token not
        QVERIFY(!fileBytes(workspaceFile).contains(kToken));
        QVERIFY(fileBytes(exportFile.fileName()).contains("token exposure test"));
        QVERIFY(!fileBytes(exportFile.fileName()).contains(kToken));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QVERIFY2(!fileBytes(auditPath + suffix).contains(kToken), qPrintable(auditPath + suffix));
        QVERIFY(!fileBytes(QSettings().fileName()).contains(kToken));
        QDirIterator appData(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
                             QDir::Files, QDirIterator::Subdirectories);
        while (appData.hasNext()) {
            const QString path = appData.next();
            QVERIFY2(!fileBytes(path).contains(kToken), qPrintable(path));
        }
        {
            QMutexLocker lock(&g_logMutex);
            QVERIFY(!g_log.isEmpty()); // the log was captured (debug on), and the token is not in it
            QVERIFY(!g_log.contains(kToken));
        }
        const QString token = QString::fromLatin1(kToken);
        for (QWidget* widget : window.findChildren<QWidget*>()) {
            for (const char* property : {"text", "toolTip", "windowTitle", "accessibleName", "statusTip"})
                QVERIFY2(!widget->property(property).toString().contains(token),
                         widget->metaObject()->className());
        }
        agent.stop();
    }

    void theAddServicePromptTakesAToken() {
        MainWindow window;
        QAction* add = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            for (QAction* action : menu->menu()->actions())
                if (action->text() == QLatin1String("&Add service..."))
                    add = action;
        QVERIFY(add);
        add->trigger(); // the dialog runs no event loop of its own
        auto* dialog = window.findChild<ServiceDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // Answers as an operator would: the URL, and the token, typed hidden.
        auto* token = dialog->findChild<QLineEdit*>(QStringLiteral("token"));
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        dialog->findChild<QLineEdit*>(QStringLiteral("url"))->setText(QStringLiteral("127.0.0.1:7"));
        token->setText(QString::fromLatin1(kToken));
        dialog->submit();
        QVERIFY(token->text().isEmpty()); // not left in the widget
        const QString id = QStringLiteral("http://127.0.0.1:7");
        QCOMPARE(window.hub().endpoints().size(), 1);
        QCOMPARE(window.hub().endpoints().front().id(), id);
        QVERIFY(window.hub().endpoints().front().tokenFile.isEmpty());
        QCOMPARE(SessionTokens::get(id), kToken);
        std::optional<SecretResult> stored;
        window.context().secrets().read(id, [&stored](const SecretResult& r) { stored = r; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), ConsoleSecrets::probeTimeoutMs + 2000);
        QVERIFY(stored->found);
        QCOMPARE(stored->secret, kToken);
        window.context().secrets().remove(id, [](const SecretResult&) {});
        SessionTokens::remove(id);
    }

    void theStatusBarSaysWhereTokensAreKept() {
        MainWindow window;
        auto* secrets = qobject_cast<ConsoleSecrets*>(&window.context().secrets());
        QVERIFY(secrets);
        if (!secrets->ready()) {
            QSignalSpy ready(secrets, &ConsoleSecrets::readyChanged);
            QVERIFY(ready.wait(ConsoleSecrets::probeTimeoutMs + 2000));
        }
        QLabel* notice = window.tool<WorkspaceTool>()->keychainNotice();
        QCOMPARE(notice->text(),
                 QStringLiteral("No keychain: tokens kept in memory until the console closes"));
        const bool memory = secrets->kind() == SecretStore::Kind::Memory;
        QCOMPARE(!notice->isHidden(), memory);
        if (!memory)
            return;
        QVERIFY2(notice->toolTip().startsWith(secrets->fallbackReason()), qPrintable(notice->toolTip()));
        // Not said when every service reads its token from a file: nothing typed is at stake.
        ServiceEndpoint fromFile;
        fromFile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        fromFile.tokenFile = m_dir.filePath(QStringLiteral("token"));
        window.tool<WorkspaceTool>()->addEndpoints({fromFile});
        QVERIFY(notice->isHidden());
        ServiceEndpoint typed;
        typed.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:10"));
        window.tool<WorkspaceTool>()->addEndpoints({typed});
        QVERIFY(!notice->isHidden());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_TokenExposure)
#include "tst_tokenexposure.moc"
