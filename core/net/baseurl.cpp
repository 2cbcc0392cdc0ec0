// SPDX-License-Identifier: GPL-3.0-or-later
#include "baseurl.h"

namespace jimini {

namespace {
BaseUrl refuse(const QString& text, const QString& why) {
    return {QUrl(), QStringLiteral("\"%1\": %2").arg(text, why)};
}

// Empty when port is a usable TCP port.
QString checkPort(const QString& port) {
    if (port.isEmpty())
        return QStringLiteral("empty port after \":\"");
    for (const QChar c : port)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return QStringLiteral("port \"%1\" is not a number").arg(port);
    const qint64 value = port.size() > 6 ? 100000 : port.toLongLong();
    if (value < 1 || value > 65535)
        return QStringLiteral("port %1 is out of range (1-65535)").arg(port);
    return {};
}
} // namespace

BaseUrl BaseUrl::parse(const QString& typed) {
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return refuse(
            typed,
            QStringLiteral("empty; expected http(s)://HOST:PORT, HOST:PORT or the health document's URL"));
    for (qsizetype i = 0; i < text.size(); ++i)
        if (text.at(i).unicode() <= 0x20 || text.at(i).unicode() == 0x7f)
            return refuse(typed, QStringLiteral("a space or control character at position %1").arg(i));
    const qsizetype sep = text.indexOf(QStringLiteral("://"));
    if (sep < 0) {
        // "host:port[/path]": http, as curl assumes. The checks below judge the text with its scheme, but
        // every refusal still quotes what was typed.
        BaseUrl assumed = parseWithScheme(typed, QStringLiteral("http://") + text, 4);
        assumed.schemeAssumed = assumed.ok();
        return assumed;
    }
    return parseWithScheme(typed, text, sep);
}

QString BaseUrl::note() const {
    if (!schemeAssumed)
        return {};
    return QStringLiteral("no scheme given, http assumed (%1)").arg(url.toString());
}

BaseUrl BaseUrl::parseWithScheme(const QString& typed, const QString& text, qsizetype sep) {
    const QString scheme = text.left(sep).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return refuse(typed, QStringLiteral("scheme \"%1\" is not http or https").arg(text.left(sep)));
    const QString rest = text.mid(sep + 3);
    qsizetype end = 0;
    while (end < rest.size() && rest.at(end) != QLatin1Char('/') && rest.at(end) != QLatin1Char('?') &&
           rest.at(end) != QLatin1Char('#'))
        ++end;
    const QString authority = rest.left(end);
    const QString tail = rest.mid(end);
    if (authority.contains(QLatin1Char('@')))
        return refuse(typed, QStringLiteral("credentials in the URL are not accepted (use a token file)"));
    QString host = authority;
    QString port;
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close < 0)
            return refuse(typed, QStringLiteral("IPv6 address without its closing \"]\""));
        host = authority.left(close + 1);
        const QString after = authority.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(QLatin1Char(':')))
            return refuse(typed, QStringLiteral("unexpected \"%1\" after the IPv6 address").arg(after));
        if (!after.isEmpty())
            port = after.mid(1);
        if (!after.isEmpty())
            if (const QString why = checkPort(port); !why.isEmpty())
                return refuse(typed, why);
    } else if (const qsizetype colon = authority.indexOf(QLatin1Char(':')); colon >= 0) {
        host = authority.left(colon);
        port = authority.mid(colon + 1);
        if (const QString why = checkPort(port); !why.isEmpty())
            return refuse(typed, why);
    }
    if (host.isEmpty())
        return refuse(typed, QStringLiteral("no host after \"%1://\"").arg(text.left(sep)));
    if (host.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 ||
        host.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        return refuse(typed, QStringLiteral("the host is \"%1\": the scheme typed twice?").arg(host));
    if (tail.startsWith(QStringLiteral("//")))
        return refuse(typed, QStringLiteral("the path \"%1\" starts with \"//\"").arg(tail));
    if (tail.contains(QLatin1Char('?')) || tail.contains(QLatin1Char('#')))
        return refuse(typed, QStringLiteral("a service URL has no query or fragment"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return refuse(typed,
                      url.errorString().isEmpty() ? QStringLiteral("not a valid URL") : url.errorString());
    url = url.adjusted(QUrl::StripTrailingSlash);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString()); // "http://a:1/" and "http://a:1" are one service
    return {url, {}};
}

} // namespace jimini
