// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace jimini {

// A service's base URL as an operator typed it (the CLI's argument, a workspace entry, a pasted list),
// checked piece by piece so that the error says what is wrong with the text as typed: a bad or missing
// scheme, a missing host, a port that is not a number or out of range, a doubled scheme
// ("http://http//host"), credentials, a query or fragment. QUrl alone would take "http://http//h:99999"
// for the host "http".
struct BaseUrl {
    QUrl url;      // http(s)://host[:port][/path], no trailing slash; empty when not ok
    QString error; // empty when ok; otherwise "<as typed>: <what is wrong>"

    bool ok() const noexcept { return error.isEmpty(); }

    static BaseUrl parse(const QString& text);
};

} // namespace jimini
