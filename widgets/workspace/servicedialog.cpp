// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/workspace/servicedialog.h"

#include "net/workspace.h"
#include "widgets/workspace/serviceurlprompt.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace jimini {

namespace {
QLineEdit* lineEdit(const QString& name, const QString& placeholder) {
    auto* edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}
} // namespace

ServiceDialog::ServiceDialog(const QString& tokenStore, TokenHolder holdToken, QWidget* parent)
    : QDialog(parent)
    , m_holdToken(std::move(holdToken))
    , m_url(lineEdit(QStringLiteral("url"), tr("http://host:8081, host:port, or http://host:8000/health")))
    , m_kind(new QComboBox)
    , m_environment(lineEdit(QStringLiteral("environment"), tr("optional: the document's when empty")))
    , m_group(lineEdit(QStringLiteral("group"), tr("optional: the service's own name when empty")))
    , m_interval(new QSpinBox)
    , m_mode(new QComboBox)
    , m_tokenFile(lineEdit(QStringLiteral("tokenFile"), tr("optional: a file holding the bearer token")))
    , m_caFile(lineEdit(QStringLiteral("caFile"), tr("optional: a PEM file of extra trusted CAs")))
    , m_token(lineEdit(QStringLiteral("token"),
                       tr("optional: kept in %1, never in the workspace file").arg(tokenStore)))
    , m_error(new QLabel) {
    setWindowTitle(tr("Add service"));
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Jimini v1 (reads a guide document too)"), int(ServiceEndpoint::Kind::JiminiV1));
    m_kind->addItem(tr("Guide health document only"), int(ServiceEndpoint::Kind::Guide));
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setRange(int(Workspace::minIntervalMs), int(Workspace::maxIntervalMs));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setValue(int(ServiceEndpoint{}.interval.count()));
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->addItem(tr("Poll the health document"), int(ServiceEndpoint::Mode::Poll));
    m_mode->addItem(tr("Stream (health and breaker events as they happen)"),
                    int(ServiceEndpoint::Mode::Stream));
    m_token->setEchoMode(QLineEdit::Password);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Environment:"), m_environment);
    form->addRow(tr("&Group:"), m_group);
    form->addRow(tr("&Interval:"), m_interval);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(tr("Token &file:"), m_tokenFile);
    form->addRow(tr("&CA file:"), m_caFile);
    form->addRow(tr("&Token:"), m_token);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ServiceDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

ServiceEndpoint ServiceDialog::settings() const {
    ServiceEndpoint e;
    e.kind = ServiceEndpoint::Kind(m_kind->currentData().toInt());
    e.environment = m_environment->text();
    e.group = m_group->text();
    e.interval = std::chrono::milliseconds(m_interval->value());
    e.mode = ServiceEndpoint::Mode(m_mode->currentData().toInt());
    e.tokenFile = m_tokenFile->text();
    e.caFile = m_caFile->text();
    return e;
}

QString ServiceDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ServiceDialog::submit() {
    const ServiceUrlPrompt::Result r = ServiceUrlPrompt::interpret(m_url->text(), settings());
    if (!r.error.isEmpty()) {
        refuse(r.field, r.error);
        return;
    }
    const ServiceEndpoint& endpoint = r.endpoints.front();
    QByteArray token = m_token->text().toUtf8();
    if (!token.isEmpty()) {
        if (!endpoint.tokenFile.isEmpty()) {
            refuse(tr("Token"), tr("give a token file or a token, not both"));
            return;
        }
        QString error;
        const bool held = m_holdToken && m_holdToken(endpoint.id(), token, &error);
        token.fill('\0');
        if (!held) {
            refuse(tr("Token"), error);
            return;
        }
        m_token->clear();
    }
    m_error->hide();
    emit added(endpoint, r.note);
    accept();
}

void ServiceDialog::refuse(const QString& field, const QString& error) {
    m_error->setText(QStringLiteral("%1: %2").arg(field, error));
    m_error->show();
    QWidget* focus = field == QLatin1String("Interval")     ? static_cast<QWidget*>(m_interval)
                     : field == QLatin1String("Token file") ? m_tokenFile
                     : field == QLatin1String("CA file")    ? m_caFile
                     : field == tr("Token")                 ? m_token
                                                            : m_url;
    focus->setFocus();
}

} // namespace jimini
