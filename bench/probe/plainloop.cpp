// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-probe-plainloop URL RATE REQUESTS: the baseline for the probe's CPU cost per request, the same
// open-loop GETs with nothing but QNetworkAccessManagers (one per 6 connections, as the probe sizes them)
// and a precise timer; no pipeline, no histograms. Prints the requests answered.
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: jimini-probe-plainloop URL RATE REQUESTS\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const double rate = std::atof(argv[2]);
    const long total = std::atol(argv[3]);
    const int managerCount = std::clamp(int(std::ceil(rate * 1.0 / 6.0)), 1, 64); // 1 s worth in flight
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < managerCount; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    long started = 0;
    long answered = 0;
    std::size_t next = 0;
    const auto start = std::chrono::steady_clock::now();
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    std::function<void()> arrive = [&] {
        const auto now = std::chrono::steady_clock::now();
        for (;;) {
            const auto due = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                         std::chrono::duration<double>(double(started) / rate));
            if (started >= total)
                return;
            if (due > now) {
                timer.start(std::chrono::ceil<std::chrono::milliseconds>(due - now));
                return;
            }
            ++started;
            QNetworkRequest request(url);
            QNetworkReply* reply = managers[next]->get(request);
            next = (next + 1) % managers.size();
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
                reply->readAll();
                reply->deleteLater();
                if (++answered == total)
                    app.quit();
            });
        }
    };
    QObject::connect(&timer, &QTimer::timeout, &app, arrive);
    arrive();
    app.exec();
    std::printf("%ld\n", answered);
    return 0;
}
