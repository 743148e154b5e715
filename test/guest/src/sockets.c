/*
 * Sockets over loopback, single-threaded: a TCP echo over IPv4 with non-blocking sockets and
 * poll, the same over IPv6 with blocking sockets (the kernel completes a connection before
 * accept), UDP with sendto/recvfrom and sendmsg/recvmsg, an AF_UNIX stream echo, socket
 * options, shutdown, and the errno of common failures. Ports come from the kernel (bind to
 * port 0), so only facts that do not depend on them are printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) {
        printf("%-26s -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-26s %ld\n", what, r);
    }
}

static int wait_for(int fd, short events) {
    struct pollfd p = {.fd = fd, .events = events};
    int n = poll(&p, 1, 5000);
    return n == 1 ? p.revents : -1;
}

static int listener4(struct sockaddr_in *addr) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    show("setsockopt SO_REUSEADDR", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    show("bind 127.0.0.1:0", bind(s, (struct sockaddr *) addr, sizeof *addr));
    show("listen", listen(s, 4));
    socklen_t len = sizeof *addr;
    getsockname(s, (struct sockaddr *) addr, &len);
    printf("  bound family %d addr %s port>0 %d len %d\n", addr->sin_family, inet_ntoa(addr->sin_addr),
           ntohs(addr->sin_port) > 0, len);
    return s;
}

static void tcp4(void) {
    struct sockaddr_in addr;
    int ls = listener4(&addr);
    int v = 0;
    socklen_t vl = sizeof v;
    getsockopt(ls, SOL_SOCKET, SO_ACCEPTCONN, &v, &vl);
    printf("  SO_ACCEPTCONN %d\n", v);
    show("accept nothing pending", accept(ls, NULL, NULL));
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    int r = connect(c, (struct sockaddr *) &addr, sizeof addr);
    printf("connect: %s\n", r == 0 || errno == EINPROGRESS ? "ok or in progress" : strerrorname_np(errno));
    printf("  listener ready 0x%x\n", wait_for(ls, POLLIN));
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    int s = accept4(ls, (struct sockaddr *) &peer, &plen, SOCK_NONBLOCK);
    show("accept4", s >= 0 ? 0 : -1);
    printf("  peer %s len %d flags nonblock %d\n", inet_ntoa(peer.sin_addr), plen,
           (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    printf("  client writable 0x%x\n", wait_for(c, POLLOUT));
    v = -1;
    vl = sizeof v;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl);
    printf("  SO_ERROR %d\n", v);
    struct sockaddr_in me, other;
    socklen_t ml = sizeof me, ol = sizeof other;
    getsockname(c, (struct sockaddr *) &me, &ml);
    getpeername(s, (struct sockaddr *) &other, &ol);
    printf("  client name matches server's peer: %d\n", me.sin_port == other.sin_port);
    show("recv before data", recv(s, &v, 1, 0));
    show("send", send(c, "ping over tcp", 13, 0));
    printf("  server readable 0x%x\n", wait_for(s, POLLIN));
    char buf[64] = {0};
    int n = -1;
    ioctl(s, FIONREAD, &n);
    printf("  FIONREAD %d\n", n);
    show("recv MSG_PEEK", recv(s, buf, 4, MSG_PEEK));
    show("recv", recv(s, buf, sizeof buf - 1, 0));
    printf("  server got: %s\n", buf);
    show("write back", write(s, buf, strlen(buf)));
    wait_for(c, POLLIN);
    memset(buf, 0, sizeof buf);
    show("read echo", read(c, buf, sizeof buf - 1));
    printf("  client got: %s\n", buf);
    show("shutdown SHUT_WR", shutdown(c, SHUT_WR));
    printf("  server sees 0x%x\n", wait_for(s, POLLIN) & (POLLIN | POLLHUP | POLLERR));
    show("recv eof", recv(s, buf, sizeof buf, 0));
    show("send after SHUT_WR", send(c, "x", 1, MSG_NOSIGNAL));
    close(s);
    close(c);
    close(ls);
}

static void tcp6(void) {
    int ls = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 addr = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    show("bind [::1]:0", bind(ls, (struct sockaddr *) &addr, sizeof addr));
    show("listen", listen(ls, 1));
    socklen_t len = sizeof addr;
    getsockname(ls, (struct sockaddr *) &addr, &len);
    char text[64];
    inet_ntop(AF_INET6, &addr.sin6_addr, text, sizeof text);
    printf("  bound family %d addr %s len %d\n", addr.sin6_family, text, len);
    int c = socket(AF_INET6, SOCK_STREAM, 0);
    show("blocking connect", connect(c, (struct sockaddr *) &addr, sizeof addr));
    show("connect again", connect(c, (struct sockaddr *) &addr, sizeof addr));
    int s = accept(ls, NULL, NULL);
    show("blocking accept", s >= 0 ? 0 : -1);
    int one = 1;
    show("TCP_NODELAY", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    struct iovec iov[2] = {{"six ", 4}, {"bytes", 5}};
    struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2};
    show("sendmsg", sendmsg(c, &mh, 0));
    char a[4] = {0}, b[16] = {0};
    struct iovec in[2] = {{a, 3}, {b, 6}};
    struct msghdr rh = {.msg_iov = in, .msg_iovlen = 2};
    show("recvmsg MSG_WAITALL", recvmsg(s, &rh, MSG_WAITALL));
    printf("  parts [%s] [%s]\n", a, b);
    close(c);
    show("read after peer close", read(s, a, 1));
    close(s);
    close(ls);
}

static void udp(void) {
    int a = socket(AF_INET, SOCK_DGRAM, 0);
    int b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    show("udp bind", bind(b, (struct sockaddr *) &addr, sizeof addr));
    socklen_t len = sizeof addr;
    getsockname(b, (struct sockaddr *) &addr, &len);
    show("sendto", sendto(a, "datagram one", 12, 0, (struct sockaddr *) &addr, sizeof addr));
    show("sendto 2", sendto(a, "two", 3, 0, (struct sockaddr *) &addr, sizeof addr));
    printf("  readable 0x%x\n", wait_for(b, POLLIN));
    char buf[64] = {0};
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    show("recvfrom", recvfrom(b, buf, sizeof buf - 1, 0, (struct sockaddr *) &from, &fl));
    struct sockaddr_in an;
    socklen_t al = sizeof an;
    getsockname(a, (struct sockaddr *) &an, &al);
    printf("  got %s from sender %d len %d\n", buf, from.sin_port == an.sin_port, fl);
    show("recv truncated", recv(b, buf, 2, 0));
    show("recv none (DONTWAIT)", recv(b, buf, sizeof buf, MSG_DONTWAIT));
    show("connect udp", connect(a, (struct sockaddr *) &addr, sizeof addr));
    show("send connected", send(a, "three", 5, 0));
    memset(buf, 0, sizeof buf);
    show("read datagram", read(b, buf, sizeof buf));
    printf("  got %s\n", buf);
    show("send unconnected", send(b, "x", 1, 0));
    close(a);
    close(b);
}

static void unix_stream(void) {
    char path[108];
    snprintf(path, sizeof path, "/tmp/emu-test-sock-%d", getpid());
    unlink(path);
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, path);
    show("unix bind", bind(ls, (struct sockaddr *) &addr, sizeof addr));
    show("unix bind again", bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *) &addr, sizeof addr));
    show("unix listen", listen(ls, 1));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    show("unix connect", connect(c, (struct sockaddr *) &addr, sizeof addr));
    int s = accept(ls, NULL, NULL);
    show("unix write", write(c, "over a unix socket", 18));
    char buf[64] = {0};
    show("unix read", read(s, buf, sizeof buf));
    printf("  got %s\n", buf);
    close(s);
    close(c);
    close(ls);
    show("unlink socket file", unlink(path));
}

static void errors(void) {
    show("socket bad family", socket(12345, SOCK_STREAM, 0));
    show("socket bad protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    show("bind on a file", bind(0, (struct sockaddr *) &addr, sizeof addr));
    show("bind short addrlen", bind(s, (struct sockaddr *) &addr, 4));
    bind(s, (struct sockaddr *) &addr, sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *) &addr, &len);
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    show("getpeername unconnected", getpeername(s, (struct sockaddr *) &peer, &pl));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    show("connect refused", connect(c, (struct sockaddr *) &addr, sizeof addr));
    close(c);
    listen(s, 1);
    int t = socket(AF_INET, SOCK_STREAM, 0);
    show("bind in use", bind(t, (struct sockaddr *) &addr, sizeof addr));
    show("send unconnected", send(t, "x", 1, MSG_NOSIGNAL));
    show("shutdown unconnected", shutdown(t, SHUT_RDWR));
    int type = 0;
    socklen_t tl = sizeof type;
    getsockopt(t, SOL_SOCKET, SO_TYPE, &type, &tl);
    printf("  SO_TYPE %d\n", type);
    close(t);
    close(s);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    tcp4();
    tcp6();
    udp();
    unix_stream();
    errors();
    return 0;
}
