// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace jimini {

// Something a JSON document must not hold although QJsonDocument accepts it.
struct StrictJsonIssue {
    QString path;    // the offending key or value: keys joined with '.', lists indexed "[i]"; "" the root
    QString message; // what, and at which byte offset
    qsizetype offset = 0;
};

// The strictness QJsonDocument lacks, over the raw bytes: it keeps the last of two equal keys, takes
// NUL (\u0000), lone UTF-16 surrogates (\ud800 without its pair) and raw control characters in strings,
// and nests 1024 deep. check() reports the first of these (and nesting deeper than maxDepth) with its
// path and byte offset. Syntax errors are the JSON parser's to report: the scan stops quietly where
// the text is not JSON, so run both. Memory and time are linear in the document.
class StrictJson {
public:
    static constexpr int maxDepth = 64;

    static std::optional<StrictJsonIssue> check(const QByteArray& json);
};

} // namespace jimini
