// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

namespace jimini {

// One config an instance ran, as the service answered it, with its ETag (quotes included).
struct ConfigVersion {
    QByteArray etag;
    QByteArray document;
    QDateTime recordedAt; // UTC

    friend bool operator==(const ConfigVersion&, const ConfigVersion&) = default;
};

} // namespace jimini
