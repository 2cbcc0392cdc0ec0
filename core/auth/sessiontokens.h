// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace jimini {

// The bearer tokens this process holds for endpoints that have no token file: the ones an operator typed,
// read back from the console's secret store (the keychain, or memory). Keyed by endpoint id; EndpointAccess
// uses one when the endpoint names no token file. Process-wide because connections run on the hub's
// worker thread; thread-safe. Only tokens that passed TokenFile::check are taken. Never logged.
class SessionTokens {
public:
    // False (nothing held) when the token fails TokenFile::check; *error then says why, naming no byte of it.
    static bool set(const QString& endpointId, const QByteArray& token, QString* error = nullptr);
    static QByteArray get(const QString& endpointId); // empty when none
    static bool contains(const QString& endpointId);
    static void remove(const QString& endpointId);
    static void clear(); // overwrites every token before dropping it
};

} // namespace jimini
