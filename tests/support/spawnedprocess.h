// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace jimini::test {

// A child process for tests, started with posix_spawn: this process never forks. QProcess forks, and
// ThreadSanitizer cannot follow a fork of a multi-threaded process, so tests that start the agent, the
// CLI or openssl with QProcess had to skip under TSan. glibc's posix_spawn starts the child with
// clone(CLONE_VFORK) and runs nothing of ours in it, so they run in every build.
//
// stdin is /dev/null; stdout and stderr are read through pipes. Every wait has a deadline and spins the
// Qt event loop, so an agent living on the test's thread keeps serving while the child talks to it.
// Signal dispositions and the signal mask are reset to the defaults in the child.
class SpawnedProcess {
public:
    SpawnedProcess() = default;
    SpawnedProcess(const SpawnedProcess&) = delete;
    SpawnedProcess& operator=(const SpawnedProcess&) = delete;
    ~SpawnedProcess() {
        if (m_pid > 0 && !m_finished) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
        closeFd(m_out);
        closeFd(m_err);
    }

    // False with *error set when the program cannot be started (missing, not executable).
    bool start(const QString& program, const QStringList& args, QString* error = nullptr) {
        QString ignored;
        QString& why = error ? *error : ignored;
        int out[2] = {-1, -1};
        int err[2] = {-1, -1};
        if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
            why = QStringLiteral("pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            for (int fd : {out[0], out[1], err[0], err[1]})
                closeFd(fd);
            return false;
        }
        std::vector<QByteArray> storage{QFile::encodeName(program)};
        for (const QString& a : args)
            storage.push_back(a.toLocal8Bit());
        std::vector<char*> argv;
        for (QByteArray& s : storage)
            argv.push_back(s.data());
        argv.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1); // dup2 clears close-on-exec on 1 and 2
        posix_spawn_file_actions_adddup2(&actions, err[1], 2);
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none;
        sigset_t all;
        sigemptyset(&none);
        sigfillset(&all);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setsigdefault(&attributes, &all);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        const int failed = ::posix_spawn(&m_pid, argv[0], &actions, &attributes, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        closeFd(out[1]);
        closeFd(err[1]);
        if (failed != 0) {
            m_pid = -1;
            closeFd(out[0]);
            closeFd(err[0]);
            why = QStringLiteral("cannot start %1: %2")
                      .arg(program, QString::fromLocal8Bit(std::strerror(failed)));
            return false;
        }
        m_out = out[0];
        m_err = err[0];
        ::fcntl(m_out, F_SETFL, ::fcntl(m_out, F_GETFL) | O_NONBLOCK);
        ::fcntl(m_err, F_SETFL, ::fcntl(m_err, F_GETFL) | O_NONBLOCK);
        m_finished = false;
        return true;
    }

    // A whole line on stdout within the deadline.
    bool waitForLine(int timeoutMs) {
        return waitUntil([this] { return m_stdout.contains('\n'); }, timeoutMs);
    }
    // The first line of stdout, without its newline (empty when there is no whole line).
    QByteArray takeLine() {
        const qsizetype end = m_stdout.indexOf('\n');
        if (end < 0)
            return {};
        const QByteArray line = m_stdout.left(end);
        m_stdout.remove(0, end + 1);
        return line;
    }
    // The child has ended and its output is read, within the deadline.
    bool waitForFinished(int timeoutMs) {
        return waitUntil([this] { return m_finished; }, timeoutMs);
    }
    void terminate() { signal(SIGTERM); }
    void kill() { signal(SIGKILL); }

    pid_t pid() const { return m_pid; } // -1 before start
    bool finished() const { return m_finished; }
    bool exitedNormally() const { return m_finished && WIFEXITED(m_status); } // not ended by a signal
    int exitCode() const { return exitedNormally() ? WEXITSTATUS(m_status) : -1; }
    int termSignal() const { return m_finished && WIFSIGNALED(m_status) ? WTERMSIG(m_status) : 0; }
    QByteArray readAllStandardOutput() {
        pump();
        return std::exchange(m_stdout, QByteArray());
    }
    QByteArray readAllStandardError() {
        pump();
        return std::exchange(m_stderr, QByteArray());
    }

private:
    static void closeFd(int& fd) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    void signal(int sig) {
        if (m_pid > 0 && !m_finished)
            ::kill(m_pid, sig);
    }
    // Reads what one pipe holds now; closes it at its end.
    static void drain(int& fd, QByteArray& into) {
        char buffer[4096];
        while (fd >= 0) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n > 0)
                into.append(buffer, n);
            else if (n == 0)
                closeFd(fd);
            else if (errno != EINTR)
                return; // EAGAIN: nothing more for now
        }
    }
    void pump() {
        drain(m_out, m_stdout);
        drain(m_err, m_stderr);
        if (m_pid > 0 && !m_finished && ::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
            m_finished = true;
            // What the child wrote before it ended is in the pipes: take it (a grandchild holding a pipe
            // open must not make us wait, so this is one more non-blocking read).
            drain(m_out, m_stdout);
            drain(m_err, m_stderr);
        }
    }
    template <class Done> bool waitUntil(Done done, int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            pump();
            if (done())
                return true;
            if (deadline.hasExpired())
                return false;
            QTest::qWait(2);
        }
    }

    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    int m_status = 0;
    bool m_finished = false;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace jimini::test
