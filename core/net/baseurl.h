// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace jimini {

// A service's URL as an operator typed it (the CLI's argument, a workspace entry, a pasted list, the
// add dialog), checked piece by piece so that the error says what is wrong with the text as typed: a bad
// scheme, a missing host, a port that is not a number or out of range, a doubled scheme
// ("http://http//host"), credentials, a query or fragment. QUrl alone would take "http://http//h:99999"
// for the host "http".
//
// Without a path (or with just "/") it is a base URL, under which the /resilience/v1/... paths are
// appended; with any other path it is the health document's own address (ServiceEndpoint::healthUrl).
// "host:port" without a scheme is read as http://host:port (schemeAssumed says so).
struct BaseUrl {
    QUrl url;                   // http(s)://host[:port][/path], no trailing slash; empty when not ok
    QString error;              // empty when ok; otherwise "<as typed>: <what is wrong>"
    bool schemeAssumed = false; // typed without "http://"; http was assumed

    bool ok() const noexcept { return error.isEmpty(); }
    // url has a path: it names the health document itself, not a base for the other endpoints.
    bool isDocument() const { return ok() && !url.path().isEmpty(); }
    // "127.0.0.1:8080: no scheme, http assumed (http://127.0.0.1:8080)"; empty when a scheme was typed.
    QString note() const;

    static BaseUrl parse(const QString& text);

private:
    // text: trimmed, with its scheme ending at sep; typed: what the refusals quote.
    static BaseUrl parseWithScheme(const QString& typed, const QString& text, qsizetype sep);
};

} // namespace jimini
