/*
 * Pipes and readiness: pipe2 with its flags, reads and writes across the pipe, O_NONBLOCK
 * (EAGAIN, the 64 KiB capacity), FIONREAD, end of file and EPIPE after a close (SIGPIPE
 * ignored), poll/ppoll/select on pipes, a regular file and stdin (run with stdin from
 * /dev/null), and eventfd. Single-threaded: no call here may block for long.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) {
        printf("%-24s -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-24s %ld\n", what, r);
    }
}


/* A descriptor number that is surely not open (a test harness may leave high ones open). */
static int closed_fd(void) {
    int fd = dup(0);
    close(fd);
    return fd;
}
static void poll_one(const char *what, int fd, short events, int timeout) {
    struct pollfd pfd = {.fd = fd, .events = events};
    int n = poll(&pfd, 1, timeout);
    printf("%-24s %d revents 0x%x\n", what, n, pfd.revents);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int fds[2];
    show("pipe2", pipe2(fds, O_CLOEXEC));
    printf("  cloexec %d %d, flags r 0x%x w 0x%x\n", fcntl(fds[0], F_GETFD), fcntl(fds[1], F_GETFD),
           fcntl(fds[0], F_GETFL), fcntl(fds[1], F_GETFL));
    show("pipe2 bad flags", pipe2(fds + 0, 0x1));
    poll_one("poll empty (10ms)", fds[0], POLLIN, 10);
    poll_one("poll write end", fds[1], POLLOUT, 0);
    show("write", write(fds[1], "through the pipe", 16));
    int avail = -1;
    ioctl(fds[0], FIONREAD, &avail);
    printf("  FIONREAD %d\n", avail);
    poll_one("poll after write", fds[0], POLLIN | POLLOUT, -1);
    char buf[4096];
    show("read 7", read(fds[0], buf, 7));
    show("read rest", read(fds[0], buf + 7, sizeof buf - 7));
    printf("  got %.16s\n", buf);
    show("read from write end", read(fds[1], buf, 1));
    show("write to read end", write(fds[0], "x", 1));
    show("lseek on pipe", lseek(fds[0], 0, SEEK_SET));

    show("F_SETFL O_NONBLOCK", fcntl(fds[0], F_SETFL, O_NONBLOCK));
    show("read empty nonblock", read(fds[0], buf, 1));
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    memset(buf, 'x', sizeof buf);
    long total = 0;
    for (;;) {
        ssize_t w = write(fds[1], buf, 1024);
        if (w < 0) {
            printf("  filled %ld then %s\n", total, strerrorname_np(errno));
            break;
        }
        total += w;
    }
    poll_one("poll full write end", fds[1], POLLOUT, 0);
    ioctl(fds[0], FIONREAD, &avail);
    printf("  FIONREAD %d\n", avail);
    long drained = 0;
    ssize_t r;
    while ((r = read(fds[0], buf, sizeof buf)) > 0) {
        drained += r;
    }
    printf("  drained %ld\n", drained);

    write(fds[1], "tail", 4);
    show("close write end", close(fds[1]));
    poll_one("poll data + hangup", fds[0], POLLIN, 0);
    show("read tail", read(fds[0], buf, sizeof buf));
    show("read at eof", read(fds[0], buf, sizeof buf));
    poll_one("poll hangup", fds[0], POLLIN, 0);
    close(fds[0]);

    pipe(fds);
    close(fds[0]);
    show("write, no reader", write(fds[1], "x", 1));
    poll_one("poll no reader", fds[1], POLLOUT, 0);
    close(fds[1]);

    /* ppoll and select over several descriptors */
    int a[2], b[2];
    pipe(a);
    pipe(b);
    write(b[1], "b", 1);
    struct pollfd pf[4] = {{a[0], POLLIN, 0}, {b[0], POLLIN, 0}, {-1, POLLIN, 0}, {closed_fd(), POLLIN, 0}};
    struct timespec ts = {0, 5000000};
    int n = ppoll(pf, 4, &ts, NULL);
    printf("ppoll: %d revents %x %x %x %x\n", n, pf[0].revents, pf[1].revents, pf[2].revents, pf[3].revents);
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(a[0], &rd);
    FD_SET(b[0], &rd);
    FD_SET(a[1], &wr);
    struct timeval tv = {0, 5000};
    n = select(b[1] + 1, &rd, &wr, NULL, &tv);
    printf("select: %d a %d b %d a-write %d\n", n, FD_ISSET(a[0], &rd), FD_ISSET(b[0], &rd), FD_ISSET(a[1], &wr));
    FD_ZERO(&rd);
    FD_SET(a[0], &rd);
    tv.tv_sec = 0;
    tv.tv_usec = 1000;
    n = select(a[0] + 1, &rd, NULL, NULL, &tv);
    printf("select timeout: %d\n", n);
    FD_ZERO(&rd);
    int bad = closed_fd();
    FD_SET(bad, &rd);
    show("select bad fd", select(bad + 1, &rd, NULL, NULL, &tv));

    int f = open("/proc/self/exe", O_RDONLY);
    poll_one("poll regular file", f, POLLIN | POLLOUT, 0);
    close(f);
    poll_one("poll stdin (/dev/null)", 0, POLLIN, 0);

    int e = eventfd(3, EFD_NONBLOCK);
    show("eventfd", e >= 0 ? 0 : -1);
    poll_one("poll eventfd", e, POLLIN | POLLOUT, 0);
    eventfd_t v = 0;
    show("eventfd_read", eventfd_read(e, &v));
    printf("  value %llu\n", (unsigned long long) v);
    show("eventfd_read empty", eventfd_read(e, &v));
    eventfd_write(e, 5);
    eventfd_write(e, 6);
    eventfd_read(e, &v);
    printf("  value %llu\n", (unsigned long long) v);
    show("read short buffer", read(e, buf, 4));
    close(e);
    return 0;
}
