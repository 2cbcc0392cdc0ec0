// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectioncutter.h"

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#endif

namespace jimini {

#ifdef Q_OS_LINUX
namespace {
bool connectedTo(int fd, const QHostAddress& peer, quint16 port, int* family) {
    int type = 0;
    socklen_t typeLength = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeLength) != 0 || type != SOCK_STREAM)
        return false;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return false;
    *family = address.ss_family;
    if (address.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&address);
        return ntohs(in->sin_port) == port &&
               QHostAddress(ntohl(in->sin_addr.s_addr)).isEqual(peer, QHostAddress::TolerantConversion);
    }
    if (address.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address);
        return ntohs(in6->sin6_port) == port &&
               QHostAddress(in6->sin6_addr.s6_addr).isEqual(peer, QHostAddress::TolerantConversion);
    }
    return false;
}
} // namespace

int ConnectionCutter::cut(const QHostAddress& peer, quint16 port) {
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir)
        return 0;
    const int own = ::dirfd(dir);
    int cut = 0;
    while (const dirent* entry = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        int family = 0;
        if (end == entry->d_name || *end != '\0' || fd == own || !connectedTo(int(fd), peer, port, &family))
            continue;
        const int dead = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (dead < 0)
            continue;
        if (::dup3(dead, int(fd), O_CLOEXEC) == int(fd))
            ++cut;
        ::close(dead);
    }
    ::closedir(dir);
    return cut;
}
#else
int ConnectionCutter::cut(const QHostAddress&, quint16) {
    return 0;
}
#endif

} // namespace jimini
