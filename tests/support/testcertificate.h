// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/spawnedprocess.h"

#include <QDir>
#include <QSslSocket>
#include <QStandardPaths>
#include <QString>

namespace jimini::test {

// Writes cert.pem and key.pem (self-signed for 127.0.0.1, one day) into dir with openssl. Returns why the
// TLS tests must skip, or an empty string.
inline QString makeTestCertificate(const QDir& dir) {
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return QStringLiteral("openssl is not installed (scripts/bootstrap installs it): cannot make a test "
                              "certificate");
    SpawnedProcess gen;
    QString error;
    if (!gen.start(openssl,
                   {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.filePath("key.pem"),
                    "-out", dir.filePath("cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"},
                   &error))
        return QStringLiteral("openssl could not make a test certificate: ") + error;
    if (!gen.waitForFinished(60000) || gen.exitCode() != 0)
        return QStringLiteral("openssl could not make a test certificate: ") +
               QString::fromLocal8Bit(gen.readAllStandardError());
    if (!QSslSocket::supportsSsl())
        return QStringLiteral("Qt has no TLS backend here");
    return {};
}

} // namespace jimini::test
