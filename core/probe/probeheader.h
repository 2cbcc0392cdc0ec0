// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPair>
#include <QString>

#include <optional>

namespace jimini {

// One request header a probe sends, from the "Name: value" an operator types (the CLI's --header, a line
// of the console's header box): a token for the name, a value without control or non-ASCII characters.
struct ProbeHeaderResult {
    std::optional<QPair<QByteArray, QByteArray>> header;
    QString error; // names the header and what is wrong when there is none
};

ProbeHeaderResult parseProbeHeader(const QString& text);

} // namespace jimini
