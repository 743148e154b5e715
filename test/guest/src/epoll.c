/*
 * epoll and socketpair, single-threaded: epoll_ctl's errors, level-triggered, edge-triggered
 * and one-shot interest on pipes and an eventfd, a timeout, nested epoll, a loopback TCP echo
 * driven by epoll, AF_UNIX socketpairs (stream and datagram: peek, dontwait, truncation,
 * shutdown, a closed peer), and SIGALRM cutting short epoll_wait and blocking receives (EINTR
 * without SA_RESTART; receives restarted with it, epoll_wait never). stdin is expected to be
 * /dev/null, which epoll refuses (EPERM) as Linux refuses any file without a poll method.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) {
        printf("%-34s -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-34s %ld\n", what, r);
    }
}

static int add(int ep, int fd, uint32_t events, uint64_t data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
}

/* Waits and prints the events, sorted by their data so the order does not depend on the kernel's list. */
static int wait_show(const char *what, int ep, int timeout) {
    struct epoll_event ev[8];
    int n = epoll_wait(ep, ev, 8, timeout);
    if (n < 0) {
        printf("%-34s -1 %s\n", what, strerrorname_np(errno));
        return n;
    }
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && ev[j - 1].data.u64 > ev[j].data.u64; j--) {
            struct epoll_event t = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = t;
        }
    }
    printf("%-34s %d", what, n);
    for (int i = 0; i < n; i++) {
        printf(" [%llu 0x%x]", (unsigned long long) ev[i].data.u64, ev[i].events);
    }
    printf("\n");
    return n;
}

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

static void control_errors(const char *self) {
    printf("-- epoll_create1 and epoll_ctl errors\n");
    int ep = epoll_create1(0);
    show("epoll_create1(0)", ep >= 0 ? 0 : -1);
    int ep2 = epoll_create1(EPOLL_CLOEXEC);
    printf("  EPOLL_CLOEXEC sets FD_CLOEXEC %d\n", fcntl(ep2, F_GETFD) == FD_CLOEXEC);
    show("epoll_create1(bad flags)", epoll_create1(1));
    int p[2];
    pipe(p);
    show("ADD pipe", add(ep, p[0], EPOLLIN, 1));
    show("ADD again", add(ep, p[0], EPOLLIN, 1));
    show("MOD not added", mod(ep, p[1], EPOLLOUT, 2));
    show("DEL not added", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
    show("ADD bad fd", add(ep, 999, EPOLLIN, 0));
    show("ADD on bad epfd", add(999, p[0], EPOLLIN, 0));
    show("ADD on a pipe as epfd", add(p[1], p[0], EPOLLIN, 0));
    show("ADD epfd to itself", add(ep, ep, EPOLLIN, 0));
    show("bad op", epoll_ctl(ep, 42, p[0], &(struct epoll_event){0}));
    show("MOD with EPOLLEXCLUSIVE", mod(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1));
    int file = open(self, O_RDONLY);
    show("ADD regular file", add(ep, file, EPOLLIN, 0));
    int dir = open("/", O_RDONLY | O_DIRECTORY);
    show("ADD directory", add(ep, dir, EPOLLIN, 0));
    show("ADD stdin (/dev/null)", add(ep, 0, EPOLLIN, 0));
    struct epoll_event ev[1];
    show("wait maxevents 0", epoll_wait(ep, ev, 0, 0));
    show("wait on a pipe fd", epoll_wait(p[0], ev, 1, 0));
    show("wait on bad fd", epoll_wait(999, ev, 1, 0));
    show("DEL pipe", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    show("DEL again", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    close(file);
    close(dir);
    close(p[0]);
    close(p[1]);
    close(ep);
    close(ep2);
}

static void level_triggered(void) {
    printf("-- level-triggered: pipe and eventfd\n");
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int p[2];
    pipe2(p, O_NONBLOCK);
    add(ep, p[0], EPOLLIN, 10);
    add(ep, p[1], EPOLLOUT, 11);
    wait_show("writable end only", ep, 0);
    write(p[1], "abc", 3);
    wait_show("after write", ep, 0);
    wait_show("still readable", ep, 0);
    char buf[16];
    read(p[0], buf, sizeof buf);
    show("MOD write end to EPOLLIN", mod(ep, p[1], EPOLLIN, 11));
    wait_show("drained, nothing asked", ep, 0);
    close(p[1]);
    wait_show("writer closed", ep, 0);
    int e = eventfd(0, EFD_NONBLOCK);
    add(ep, e, EPOLLIN | EPOLLOUT, 12);
    epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    wait_show("eventfd zero", ep, 0);
    uint64_t one = 1;
    write(e, &one, 8);
    wait_show("eventfd one", ep, 0);
    close(p[0]);
    int q[2];
    pipe(q);
    add(ep, q[1], EPOLLOUT, 13);
    close(q[0]);
    wait_show("pipe reader closed", ep, 0);
    close(q[1]);
    close(e);
    wait_show("all closed", ep, 0);
    long t0 = now_ms();
    int n = epoll_wait(ep, (struct epoll_event[1]){0}, 1, 60);
    long took = now_ms() - t0;
    printf("timeout 60 ms: %d, waited >= 50 ms %d\n", n, took >= 50);
    close(ep);
}

static void edge_and_oneshot(void) {
    printf("-- edge-triggered and one-shot\n");
    int ep = epoll_create1(0);
    int p[2];
    pipe2(p, O_NONBLOCK);
    add(ep, p[0], EPOLLIN | EPOLLET, 20);
    wait_show("ET empty", ep, 0);
    write(p[1], "a", 1);
    wait_show("ET first write", ep, 0);
    wait_show("ET no new data", ep, 0);
    write(p[1], "b", 1);
    wait_show("ET second write", ep, 0);
    char buf[8];
    show("read both", read(p[0], buf, sizeof buf));
    wait_show("ET drained", ep, 0);
    write(p[1], "c", 1);
    wait_show("ET after drain", ep, 0);
    read(p[0], buf, sizeof buf);
    show("MOD to ONESHOT", mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 21));
    write(p[1], "d", 1);
    wait_show("oneshot fires", ep, 0);
    wait_show("oneshot disarmed", ep, 0);
    write(p[1], "e", 1);
    wait_show("oneshot still disarmed", ep, 0);
    show("MOD re-arms", mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 22));
    wait_show("re-armed", ep, 0);
    show("ADD disarmed again", add(ep, p[0], EPOLLIN, 0));
    close(p[0]);
    close(p[1]);
    close(ep);
}

static void nested(void) {
    printf("-- nested epoll\n");
    int outer = epoll_create1(0);
    int inner = epoll_create1(0);
    int p[2];
    pipe(p);
    add(inner, p[0], EPOLLIN, 30);
    show("ADD inner to outer", add(outer, inner, EPOLLIN, 31));
    show("ADD outer to inner (loop)", add(inner, outer, EPOLLIN, 32));
    wait_show("outer, nothing", outer, 0);
    struct pollfd pf = {.fd = inner, .events = POLLIN};
    show("poll inner", poll(&pf, 1, 0));
    write(p[1], "x", 1);
    wait_show("outer sees inner", outer, 0);
    show("poll inner", poll(&pf, 1, 0));
    printf("  revents 0x%x\n", pf.revents);
    wait_show("inner", inner, 0);
    close(p[0]);
    close(p[1]);
    close(inner);
    close(outer);
}

static void tcp_echo(void) {
    printf("-- loopback TCP echo through epoll\n");
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(ls, (struct sockaddr *) &a, sizeof a);
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *) &a, &len);
    listen(ls, 4);
    int ep = epoll_create1(0);
    add(ep, ls, EPOLLIN, 40);
    wait_show("listener idle", ep, 0);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    show("connect", connect(c, (struct sockaddr *) &a, sizeof a));
    wait_show("listener ready", ep, 2000);
    int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
    show("accept4", s >= 0 ? 0 : -1);
    add(ep, s, EPOLLIN | EPOLLRDHUP | EPOLLET, 41);
    add(ep, c, EPOLLIN, 42);
    wait_show("connection idle (ET, no data)", ep, 0);
    send(c, "ping", 4, 0);
    wait_show("server readable", ep, 2000);
    wait_show("ET: reported once", ep, 0);
    char buf[16];
    ssize_t n = recv(s, buf, sizeof buf, 0);
    printf("  server got %zd '%.*s'\n", n, (int) n, buf);
    send(c, "pong", 4, 0);
    wait_show("ET: new data after drain", ep, 2000);
    n = recv(s, buf, sizeof buf, 0);
    send(s, buf, n, 0);
    wait_show("client readable", ep, 2000);
    n = recv(c, buf, sizeof buf, 0);
    printf("  client got %zd '%.*s'\n", n, (int) n, buf);
    shutdown(c, SHUT_WR);
    wait_show("server sees RDHUP", ep, 2000);
    show("server recv at EOF", recv(s, buf, sizeof buf, 0));
    close(s);
    close(c);
    close(ls);
    close(ep);
}

static void socketpairs(void) {
    printf("-- socketpair\n");
    int sv[2];
    show("socketpair(AF_INET)", socketpair(AF_INET, SOCK_STREAM, 0, sv));
    show("socketpair(AF_UNIX, proto 6)", socketpair(AF_UNIX, SOCK_STREAM, 6, sv));
    show("socketpair(AF_UNIX, bad type)", socketpair(AF_UNIX, 9, 0, sv));
    show("socketpair(stream|NONBLOCK|CLOEXEC)", socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
    printf("  nonblock %d cloexec %d\n", (fcntl(sv[0], F_GETFL) & O_NONBLOCK) != 0, fcntl(sv[1], F_GETFD));
    int type = 0, domain = 0;
    socklen_t tl = sizeof type;
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &tl);
    getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &domain, &tl);
    printf("  SO_TYPE %d SO_DOMAIN %d\n", type, domain);
    char buf[64];
    show("recv empty", recv(sv[0], buf, sizeof buf, 0));
    show("send hello", send(sv[0], "hello", 5, 0));
    show("write world", write(sv[0], "world", 5));
    int avail = -1;
    ioctl(sv[1], FIONREAD, &avail);
    printf("  FIONREAD %d\n", avail);
    struct pollfd pf[2] = {{.fd = sv[0], .events = POLLIN | POLLOUT | POLLRDHUP},
                           {.fd = sv[1], .events = POLLIN | POLLOUT | POLLRDHUP}};
    poll(pf, 2, 0);
    printf("  poll 0x%x 0x%x\n", pf[0].revents, pf[1].revents);
    show("recv MSG_PEEK 3", recv(sv[1], buf, 3, MSG_PEEK));
    show("recv 7 (stream joins)", recv(sv[1], buf, 7, 0));
    printf("  '%.7s'\n", buf);
    show("read rest", read(sv[1], buf, sizeof buf));
    show("shutdown SHUT_WR", shutdown(sv[0], SHUT_WR));
    show("peer recv after SHUT_WR", recv(sv[1], buf, sizeof buf, 0));
    show("send after SHUT_WR (NOSIGNAL)", send(sv[0], "x", 1, MSG_NOSIGNAL));
    poll(pf, 2, 0);
    printf("  poll 0x%x 0x%x\n", pf[0].revents, pf[1].revents);
    close(sv[0]);
    close(sv[1]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int ep = epoll_create1(0);
    add(ep, sv[1], EPOLLIN | EPOLLRDHUP, 50);
    wait_show("pair idle", ep, 0);
    send(sv[0], "ab", 2, 0);
    wait_show("pair readable", ep, 0);
    recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
    show("recv MSG_DONTWAIT empty", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    close(sv[0]);
    wait_show("peer closed", ep, 0);
    show("recv from closed peer", recv(sv[1], buf, sizeof buf, 0));
    show("send to closed peer NOSIGNAL", send(sv[1], "x", 1, MSG_NOSIGNAL));
    signal(SIGPIPE, SIG_IGN);
    show("write to closed peer (SIGPIPE ign)", write(sv[1], "x", 1));
    signal(SIGPIPE, SIG_DFL);
    close(sv[1]);
    close(ep);

    show("socketpair(dgram)", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    send(sv[0], "one", 3, 0);
    send(sv[0], "three", 5, 0);
    send(sv[0], "", 0, 0);
    ioctl(sv[1], FIONREAD, &avail);
    printf("  FIONREAD (next datagram) %d\n", avail);
    show("recv 2 of 'one' with MSG_TRUNC", recv(sv[1], buf, 2, MSG_TRUNC));
    show("recv 10", recv(sv[1], buf, 10, 0));
    show("recv empty datagram", recv(sv[1], buf, 10, 0));
    show("recv none, DONTWAIT", recv(sv[1], buf, 10, MSG_DONTWAIT));
    close(sv[0]);
    show("send to closed dgram peer", send(sv[1], "x", 1, 0));
    close(sv[1]);
}

static volatile sig_atomic_t alarms;
static int feed_fd = -1;

static void on_alarm(int sig) {
    (void) sig;
    alarms++;
    if (feed_fd >= 0) {
        write(feed_fd, "!", 1);
    }
}

static void arm(int ms) {
    struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = ms * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void handler(int flags) {
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void interrupted(void) {
    printf("-- SIGALRM during waits\n");
    handler(0);
    int ep = epoll_create1(0);
    int p[2];
    pipe(p);
    add(ep, p[0], EPOLLIN, 60);
    arm(50);
    wait_show("epoll_wait, no SA_RESTART", ep, -1);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    char buf[8];
    arm(50);
    show("socketpair recv, no SA_RESTART", recv(sv[1], buf, sizeof buf, 0));

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(ls, (struct sockaddr *) &a, sizeof a);
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *) &a, &len);
    listen(ls, 4);
    arm(50);
    show("accept, no SA_RESTART", accept(ls, NULL, NULL));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *) &a, sizeof a);
    int s = accept(ls, NULL, NULL);
    arm(50);
    show("TCP recv, no SA_RESTART", recv(s, buf, sizeof buf, 0));
    printf("  alarms %d\n", alarms);

    handler(SA_RESTART);
    feed_fd = sv[0];
    arm(50);
    show("socketpair recv, SA_RESTART", recv(sv[1], buf, sizeof buf, 0));
    feed_fd = c;
    arm(50);
    show("TCP recv, SA_RESTART", recv(s, buf, sizeof buf, 0));
    printf("  got '%c'\n", buf[0]);
    feed_fd = -1;
    arm(50);
    wait_show("epoll_wait, SA_RESTART", ep, -1);

    sigset_t block, none;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&none);
    arm(50);
    struct epoll_event ev[1];
    show("epoll_pwait, mask lets it in", epoll_pwait(ep, ev, 1, -1, &none));
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("  SIGALRM blocked again %d, alarms %d\n", sigismember(&now, SIGALRM), alarms);
    arm(20);
    show("epoll_pwait, mask keeps it out", epoll_pwait(ep, ev, 1, 100, &block));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("  alarms after unblocking %d\n", alarms);
    close(s);
    close(c);
    close(ls);
    close(sv[0]);
    close(sv[1]);
    close(p[0]);
    close(p[1]);
    close(ep);
}

int main(int argc, char **argv) {
    (void) argc;
    setvbuf(stdout, NULL, _IONBF, 0);
    control_errors(argv[0]);
    level_triggered();
    edge_and_oneshot();
    nested();
    tcp_echo();
    socketpairs();
    interrupted();
    printf("done\n");
    return 0;
}
