// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "configparseresult.h"
#include "resilienceconfig.h"

#include <QByteArray>
#include <QList>

namespace jimini {

// The JSON form of a ResilienceConfig (docs/config.md). parse reads and validates in one go and reports
// every error it finds; serialize writes every key, so parse(serialize(c)) gives c back exactly.
class ConfigCodec {
public:
    static constexpr qsizetype maxDocumentSize = 1024 * 1024; // larger documents are refused unread

    static ConfigParseResult parse(const QByteArray& json);
    static QByteArray serialize(const ResilienceConfig& config);
    static QList<ConfigError> validate(const ResilienceConfig& config);
};

} // namespace jimini
