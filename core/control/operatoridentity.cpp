// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/operatoridentity.h"

#include "net/operatorheader.h"

#include <QSettings>

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace jimini {

namespace {
QString accountName() {
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    if (size <= 0 || size > 1024 * 1024)
        size = 16384;
    std::vector<char> buffer(static_cast<std::size_t>(size));
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found || !found->pw_name)
        return {};
    return QString::fromLocal8Bit(found->pw_name);
}
} // namespace

QString OperatorIdentity::osUser() {
    const QString account = OperatorHeader::sanitized(accountName());
    if (!account.isEmpty())
        return account;
    return OperatorHeader::sanitized(qEnvironmentVariable("USER"));
}

QString OperatorIdentity::current(const QSettings& settings) {
    const QString preferred =
        OperatorHeader::sanitized(settings.value(QLatin1String(settingsKey)).toString());
    return preferred.isEmpty() ? osUser() : preferred;
}

QString OperatorIdentity::current() {
    const QSettings settings;
    return current(settings);
}

} // namespace jimini
