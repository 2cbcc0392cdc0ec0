// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace jimini {

// File > Add service: the URL and what a workspace entry holds besides (kind, environment, group, interval,
// poll or stream, token file, CA file), and a token to keep in the secret store. Shown without a nested
// event loop; a refused entry keeps what was typed and says, in the dialog, which field is wrong and why.
class ServiceDialog final : public QDialog {
    Q_OBJECT
public:
    // Holds a typed token for an endpoint; false with *error when it is refused.
    using TokenHolder =
        std::function<bool(const QString& endpointId, const QByteArray& token, QString* error)>;

    ServiceDialog(const QString& tokenStore, TokenHolder holdToken, QWidget* parent = nullptr);

    ServiceEndpoint settings() const; // the form's, the URL aside
    QString errorText() const;        // "URL: ...", empty when nothing was refused
    void submit();                    // what OK does

signals:
    void added(const jimini::ServiceEndpoint& endpoint, const QString& note);

private:
    void refuse(const QString& field, const QString& error);

    TokenHolder m_holdToken;
    QLineEdit* m_url = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_environment = nullptr;
    QLineEdit* m_group = nullptr;
    QSpinBox* m_interval = nullptr;
    QComboBox* m_mode = nullptr;
    QLineEdit* m_tokenFile = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace jimini
