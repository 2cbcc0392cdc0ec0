// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/httprequestreader.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
struct Outcome {
    HttpRequestReader::State state = HttpRequestReader::State::Head;
    int status = 0;
    QString detail;
    HttpRequestHead head;
    QByteArray body;
    qsizetype used = 0;
};

// Feeds input in pieces of step bytes (0: all at once), going on to the body after the head as the
// server does. Stops at the end of the first request or at a failure.
Outcome read(const HttpLimits& limits, const QByteArray& input, qsizetype step) {
    HttpRequestReader reader(limits);
    Outcome o;
    qsizetype at = 0;
    while (at < input.size()) {
        const qsizetype n = step == 0 ? input.size() - at : std::min(step, input.size() - at);
        qsizetype taken = 0;
        while (taken < n) {
            const qsizetype used = reader.feed(QByteArrayView(input).sliced(at + taken, n - taken));
            taken += used;
            if (reader.state() == HttpRequestReader::State::HeadComplete)
                reader.readBody();
            else if (used == 0)
                break;
        }
        at += taken;
        if (reader.state() == HttpRequestReader::State::Complete ||
            reader.state() == HttpRequestReader::State::Failed)
            break;
    }
    if (reader.state() == HttpRequestReader::State::HeadComplete)
        reader.readBody();
    o.state = reader.state();
    o.status = reader.error().status;
    o.detail = reader.error().detail;
    o.head = reader.head();
    o.body = reader.takeBody();
    o.used = at;
    return o;
}

QByteArray get(const QByteArray& extra = {}) {
    return "GET /resilience/v1/health HTTP/1.1\r\nHost: a\r\n" + extra + "\r\n";
}
QByteArray post(const QByteArray& framing, const QByteArray& body) {
    return "POST /x HTTP/1.1\r\nHost: a\r\n" + framing + "\r\n" + body;
}
} // namespace

class tst_HttpRequestReader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void requests_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status"); // 0: a complete request
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");

        const QString health = QStringLiteral("/resilience/v1/health");
        QTest::newRow("GET") << get() << 0 << health << QByteArray() << true;
        QTest::newRow("LF line ends")
            << QByteArray("GET /a HTTP/1.1\nHost: a\n\n") << 0 << "/a" << QByteArray() << true;
        QTest::newRow("empty lines first") << "\r\n\r\n" + get() << 0 << health << QByteArray() << true;
        QTest::newRow("HTTP/1.0 closes")
            << QByteArray("GET /a HTTP/1.0\r\n\r\n") << 0 << "/a" << QByteArray() << false;
        QTest::newRow("HTTP/1.0 keep-alive still closes")
            << QByteArray("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << 0 << "/a" << QByteArray()
            << false;
        QTest::newRow("Connection: close")
            << get("Connection: Keep-Alive, close\r\n") << 0 << health << QByteArray() << false;
        QTest::newRow("query and escapes") << QByteArray("GET /a%20b?interval=2 HTTP/1.1\r\nHost: a\r\n\r\n")
                                           << 0 << "/a b" << QByteArray() << true;
        QTest::newRow("absolute form") << QByteArray("GET http://h:1/p?q HTTP/1.1\r\nHost: h\r\n\r\n") << 0
                                       << "/p" << QByteArray() << true;
        QTest::newRow("Content-Length")
            << post("Content-Length: 5\r\n", "hello") << 0 << "/x" << QByteArray("hello") << true;
        QTest::newRow("same Content-Length twice")
            << post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello") << 0 << "/x" << QByteArray("hello")
            << true;
        QTest::newRow("Content-Length list")
            << post("Content-Length: 5, 5\r\n", "hello") << 0 << "/x" << QByteArray("hello") << true;
        QTest::newRow("Content-Length 0")
            << post("Content-Length: 0\r\n", "") << 0 << "/x" << QByteArray() << true;
        QTest::newRow("chunked") << post("Transfer-Encoding: chunked\r\n",
                                         "5\r\nhello\r\n8;x=y\r\n, world!\r\n0\r\n\r\n")
                                 << 0 << "/x" << QByteArray("hello, world!") << true;
        QTest::newRow("chunked with trailers")
            << post("Transfer-Encoding: Chunked\r\n", "2\r\nhi\r\n0\r\nX-Check: 1\r\n\r\n") << 0 << "/x"
            << QByteArray("hi") << true;
        QTest::newRow("body exactly at the limit") << post("Content-Length: 16\r\n", QByteArray(16, 'x')) << 0
                                                   << "/x" << QByteArray(16, 'x') << true;

        QTest::newRow("HTTP/1.1 without Host")
            << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << "/" << QByteArray() << true;
        QTest::newRow("two Host") << get("Host: b\r\n") << 400 << health << QByteArray() << true;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n") << 400 << "/"
                                 << QByteArray() << true;
        QTest::newRow("folded header") << get("X: a\r\n b\r\n") << 400 << health << QByteArray() << true;
        QTest::newRow("space before colon") << get("X : a\r\n") << 400 << health << QByteArray() << true;
        QTest::newRow("no colon") << get("X\r\n") << 400 << health << QByteArray() << true;
        QTest::newRow("NUL in a value")
            << get(QByteArray("X: a\0b\r\n", 8)) << 400 << health << QByteArray() << true;
        QTest::newRow("two Content-Length values")
            << post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!") << 400 << "/x" << QByteArray()
            << true;
        QTest::newRow("Content-Length list that differs")
            << post("Content-Length: 5, 6\r\n", "hello!") << 400 << "/x" << QByteArray() << true;
        QTest::newRow("negative Content-Length")
            << post("Content-Length: -1\r\n", "") << 400 << "/x" << QByteArray() << true;
        QTest::newRow("Content-Length over the limit")
            << post("Content-Length: 17\r\n", QByteArray(17, 'x')) << 413 << "/x" << QByteArray() << true;
        QTest::newRow("Content-Length past 64 bits")
            << post("Content-Length: 999999999999999999999999\r\n", "") << 413 << "/x" << QByteArray()
            << true;
        QTest::newRow("chunked over the limit")
            << post("Transfer-Encoding: chunked\r\n", "10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n") << 413
            << "/x" << QByteArray() << true;
        QTest::newRow("one huge chunk") << post("Transfer-Encoding: chunked\r\n", "ffffffffffffffff\r\n")
                                        << 413 << "/x" << QByteArray() << true;
        QTest::newRow("chunk size not hex")
            << post("Transfer-Encoding: chunked\r\n", "zz\r\n") << 400 << "/x" << QByteArray() << true;
        QTest::newRow("signed chunk size") << post("Transfer-Encoding: chunked\r\n", "+5\r\nhello\r\n") << 400
                                           << "/x" << QByteArray() << true;
        QTest::newRow("chunk longer than its size")
            << post("Transfer-Encoding: chunked\r\n", "3\r\nhello\r\n0\r\n\r\n") << 400 << "/x"
            << QByteArray() << true;
        QTest::newRow("chunk-size line too long")
            << post("Transfer-Encoding: chunked\r\n", "1;" + QByteArray(2000, 'e') + "\r\n") << 400 << "/x"
            << QByteArray() << true;
        QTest::newRow("Transfer-Encoding and Content-Length")
            << post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n") << 400 << "/x"
            << QByteArray() << true;
        QTest::newRow("gzip, chunked") << post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n") << 501
                                       << "/x" << QByteArray() << true;
        QTest::newRow("chunked not last") << post("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n") << 400
                                          << "/x" << QByteArray() << true;
        QTest::newRow("Transfer-Encoding in HTTP/1.0")
            << QByteArray("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400 << "/x"
            << QByteArray() << false;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505 << QString()
                                  << QByteArray() << true;
        QTest::newRow("not HTTP") << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400 << QString() << QByteArray()
                                  << true;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400 << QString()
                                    << QByteArray() << true;
        QTest::newRow("method not a token")
            << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400 << QString() << QByteArray() << true;
        QTest::newRow("target not a path")
            << QByteArray("GET abc HTTP/1.1\r\n\r\n") << 400 << QString() << QByteArray() << true;
        QTest::newRow("fragment") << QByteArray("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << QString()
                                  << QByteArray() << true;
        QTest::newRow("control character in the path") << QByteArray("GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n")
                                                       << 400 << QString() << QByteArray() << true;
        QTest::newRow("Expect something else")
            << get("Expect: 200-ok\r\n") << 417 << health << QByteArray() << true;
        QTest::newRow("request line too long")
            << "GET /" + QByteArray(8200, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n"
            << 414 << QString() << QByteArray() << true;
        QTest::newRow("head too large") << get(QByteArray("X: ") + QByteArray(33000, 'a') + "\r\n") << 431
                                        << health << QByteArray() << true;
        QByteArray many;
        for (int i = 0; i < 101; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("101 header fields") << get(many) << 431 << health << QByteArray() << true;
        const QByteArray prefix = get().chopped(2) + "X: ";
        QTest::newRow("head exactly at its limit")
            << prefix + QByteArray(32 * 1024 - prefix.size() - 4, 'a') + "\r\n\r\n"
            << 0 << health << QByteArray() << true;
        QTest::newRow("head three bytes over its limit")
            << prefix + QByteArray(32 * 1024 - prefix.size() - 1, 'a') + "\r\n\r\n"
            << 431 << health << QByteArray() << true;
        QTest::newRow("endless empty lines")
            << QByteArray(40000, '\n') << 431 << QString() << QByteArray() << true;
    }

    void requests() {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        HttpLimits limits;
        limits.maxBodyBytes = 16;
        // The same answer whether the bytes come at once or one by one.
        for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
            const Outcome o = read(limits, input, step);
            const QByteArray where = "in pieces of " + QByteArray::number(step) + ": " + o.detail.toUtf8();
            QCOMPARE(o.status, status);
            QVERIFY2(o.state ==
                         (status ? HttpRequestReader::State::Failed : HttpRequestReader::State::Complete),
                     where.constData());
            QVERIFY2(status == 0 || !o.detail.isEmpty(), "a refusal says why");
            if (!path.isNull())
                QCOMPARE(o.head.path, path);
            if (status == 0) {
                QCOMPARE(o.body, body);
                QCOMPARE(o.head.keepAlive, keepAlive);
                QCOMPARE(o.used, input.size());
            }
        }
    }

    // A size is refused as it passes the limit, not once the whole thing has arrived.
    void refusesBeforeReadingPastALimit_data() {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("maxTaken");
        QTest::newRow("request line") << QByteArray("GET /") << 414 << 8 * 1024 + 2;
        QTest::newRow("header") << get().chopped(2) + "X: " << 431 << 32 * 1024 + 2;
        QTest::newRow("chunked body") << post("Transfer-Encoding: chunked\r\n", "4000\r\n") << 413 << 200;
    }
    void refusesBeforeReadingPastALimit() {
        QFETCH(QByteArray, prefix);
        QFETCH(int, status);
        QFETCH(int, maxTaken);
        HttpLimits limits;
        limits.maxBodyBytes = 1024;
        HttpRequestReader reader(limits);
        qsizetype taken = reader.feed(prefix);
        if (reader.state() == HttpRequestReader::State::HeadComplete) {
            reader.readBody();
            taken += reader.feed(QByteArrayView(prefix).sliced(taken));
        }
        const QByteArray flood(4096, 'a');
        for (int i = 0; i < 1000 && reader.state() != HttpRequestReader::State::Failed; ++i) {
            if (reader.state() == HttpRequestReader::State::HeadComplete)
                reader.readBody();
            taken += reader.feed(flood);
        }
        QCOMPARE(reader.state(), HttpRequestReader::State::Failed);
        QCOMPARE(reader.error().status, status);
        QVERIFY2(taken <= maxTaken + 4096, qPrintable(QString::number(taken)));
    }

    void stopsAtTheEndOfARequest() {
        HttpRequestReader reader{HttpLimits()};
        const QByteArray two = post("Content-Length: 2\r\n", "hi") + get();
        qsizetype at = reader.feed(two);
        QCOMPARE(reader.state(), HttpRequestReader::State::HeadComplete);
        reader.readBody();
        at += reader.feed(QByteArrayView(two).sliced(at));
        QCOMPARE(reader.state(), HttpRequestReader::State::Complete);
        QCOMPARE(reader.takeBody(), QByteArray("hi"));
        QCOMPARE(two.mid(at), get()); // the pipelined request is left to the caller
        reader.reset();
        QVERIFY(!reader.started());
        at += reader.feed(QByteArrayView(two).sliced(at));
        QCOMPARE(reader.state(), HttpRequestReader::State::HeadComplete);
        QCOMPARE(reader.head().path, QStringLiteral("/resilience/v1/health"));
        QCOMPARE(at, two.size());
    }

    void expectContinue() {
        HttpRequestReader reader{HttpLimits()};
        reader.feed(post("Content-Length: 2\r\nExpect: 100-continue\r\n", ""));
        QCOMPARE(reader.state(), HttpRequestReader::State::HeadComplete);
        QVERIFY(reader.head().expectContinue);
        QCOMPARE(reader.head().contentLength, qint64(2));
        QVERIFY(reader.head().hasBody());
    }
};

QTEST_GUILESS_MAIN(tst_HttpRequestReader)
#include "tst_httprequestreader.moc"
