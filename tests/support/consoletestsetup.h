// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QStandardPaths>

namespace jimini {

// What every console test starts from, in initTestCase(): numbers in the C locale, and what the console
// stores (settings, the audit store, drafts) in Qt's test-mode locations under an organisation of its own,
// never the operator's.
inline void initConsoleTest() {
    QLocale::setDefault(QLocale::c());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("jimini-tests"));
}

} // namespace jimini
