// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QString>

namespace jimini::test {

// ThreadSanitizer cannot follow QProcess's fork in a multi-threaded test ("starting new threads after
// multi-threaded fork is not supported"): the tests that start processes skip there (they run in the
// plain and ASan builds).
#if defined(__SANITIZE_THREAD__)
inline constexpr bool canStartProcesses = false;
#else
inline constexpr bool canStartProcesses = true;
#endif
inline constexpr const char* noProcesses =
    "ThreadSanitizer cannot follow QProcess's fork; covered by the other builds";

// Writes cert.pem and key.pem (self-signed for 127.0.0.1, one day) into dir with openssl. Returns why the
// TLS tests must skip, or an empty string. Call it before any test starts network threads.
inline QString makeTestCertificate(const QDir& dir) {
    if (!canStartProcesses)
        return QString::fromLatin1(noProcesses);
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return QStringLiteral("openssl is not installed (scripts/bootstrap installs it): cannot make a test "
                              "certificate");
    QProcess gen;
    gen.start(openssl, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.filePath("key.pem"),
                        "-out", dir.filePath("cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1"});
    if (!gen.waitForFinished(60000) || gen.exitCode() != 0)
        return QStringLiteral("openssl could not make a test certificate: ") +
               QString::fromLocal8Bit(gen.readAllStandardError());
    if (!QSslSocket::supportsSsl())
        return QStringLiteral("Qt has no TLS backend here");
    return {};
}

} // namespace jimini::test
