/* Process, credential, scheduling and resource syscalls, and signals that interrupt blocking
 * pipe transfers (with and without SA_RESTART). Prints only what is the same on every run. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/membarrier.h>

static void check(const char *what, long r) {
    printf("%-28s %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static void ids(void) {
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    printf("resuid consistent: %d\n", r == getuid() && e == geteuid() && s == e);
    printf("resgid consistent: %d\n", gr == getgid() && ge == getegid() && gs == ge);
    check("setuid(own)", setuid(getuid()));
    check("setgid(own)", setgid(getgid()));
    check("setreuid(-1,-1)", setreuid(-1, -1));
    check("setregid(own,own)", setregid(getgid(), getegid()));
    check("setresuid(-1,own,-1)", setresuid(-1, geteuid(), -1));
    check("setresgid(own,-1,own)", setresgid(getgid(), -1, getgid()));
    errno = 0;
    check("setuid(-1)", syscall(SYS_setuid, -1));
    int n = getgroups(0, NULL);
    gid_t list[256];
    printf("getgroups count matches: %d\n", n >= 0 && getgroups(256, list) == n);
    if (n > 0) {
        check("getgroups(too small)", getgroups(n - 1 > 0 ? n - 1 : 0, n - 1 > 0 ? list : NULL) == n && n == 1 ? 0 : getgroups(n - 1, list));
    }
}

static void names(void) {
    char name[32];
    check("PR_SET_NAME", prctl(PR_SET_NAME, "a-very-long-thread-name"));
    memset(name, 'x', sizeof name);
    check("PR_GET_NAME", prctl(PR_GET_NAME, name));
    printf("name '%s' len %zu\n", name, strlen(name));
    pthread_setname_np(pthread_self(), "mainthr");
    pthread_getname_np(pthread_self(), name, sizeof name);
    printf("pthread name '%s'\n", name);
    printf("dumpable %d\n", prctl(PR_GET_DUMPABLE));
    check("PR_SET_DUMPABLE(0)", prctl(PR_SET_DUMPABLE, 0));
    printf("dumpable %d\n", prctl(PR_GET_DUMPABLE));
    check("PR_SET_DUMPABLE(7)", prctl(PR_SET_DUMPABLE, 7));
    prctl(PR_SET_DUMPABLE, 1);
    check("PR_SET_PDEATHSIG", prctl(PR_SET_PDEATHSIG, SIGTERM));
    int sig = 0;
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig %d\n", sig);
    check("prctl(9999)", prctl(9999, 0, 0, 0, 0));
}

static void *thread_name(void *arg) {
    char name[32];
    prctl(PR_GET_NAME, name);
    printf("thread inherits name '%s'\n", name);
    int sig = -1;
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("thread pdeathsig %d\n", sig);
    return arg;
}

static void sched(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    check("sched_getaffinity", sched_getaffinity(0, sizeof set, &set));
    printf("cpu0 allowed %d\n", CPU_ISSET(0, &set));
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    check("sched_setaffinity(cpu0)", sched_setaffinity(0, sizeof one, &one));
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof set, &set);
    printf("after: count %d cpu0 %d\n", CPU_COUNT(&set), CPU_ISSET(0, &set));
    unsigned cpu = 99, node = 99;
    check("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
    printf("cpu %u node %u\n", cpu, node);
    errno = 0;
    int before = getpriority(PRIO_PROCESS, 0);
    check("setpriority(+1)", setpriority(PRIO_PROCESS, 0, before + 1));
    printf("nice went up by %d\n", getpriority(PRIO_PROCESS, 0) - before);
    check("getpriority(bad which)", getpriority(77, 0) == -1 ? -1 : 0);
    printf("policy %d\n", sched_getscheduler(0));
    struct sched_param sp;
    check("sched_getparam", sched_getparam(0, &sp));
    printf("prio %d max(FIFO) %d min(FIFO) %d max(OTHER) %d\n", sp.sched_priority,
           sched_get_priority_max(SCHED_FIFO), sched_get_priority_min(SCHED_FIFO),
           sched_get_priority_max(SCHED_OTHER));
    check("sched_get_priority_max(42)", sched_get_priority_max(42));
}

static void usage(void) {
    struct rusage ru;
    volatile double x = 0;
    for (int i = 0; i < 200000; i++) {
        x += i * 0.5;
    }
    check("getrusage(SELF)", getrusage(RUSAGE_SELF, &ru));
    printf("maxrss positive %d\n", ru.ru_maxrss > 0);
    check("getrusage(THREAD)", getrusage(RUSAGE_THREAD, &ru));
    check("getrusage(CHILDREN)", getrusage(RUSAGE_CHILDREN, &ru));
    printf("children utime %ld.%06ld\n", (long) ru.ru_utime.tv_sec, (long) ru.ru_utime.tv_usec);
    check("getrusage(5)", getrusage(5, &ru));
    struct tms t;
    clock_t c = times(&t);
    printf("times ok %d cutime %ld\n", c != (clock_t) -1, (long) t.tms_cutime);
    int mb = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    printf("membarrier query has private expedited %d\n", mb > 0 && (mb & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0);
    check("membarrier(PRIVATE_EXP)", syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
    check("membarrier(REGISTER)", syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
    check("membarrier(PRIVATE_EXP)", syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
    check("membarrier(bad flags)", syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 5, 0));
    int status;
    check("wait4", wait4(-1, &status, 0, NULL));
    check("waitpid(WNOHANG)", waitpid(-1, &status, WNOHANG));
    siginfo_t si;
    check("waitid(P_ALL)", waitid(P_ALL, 0, &si, WEXITED));
    check("waitid(no options)", waitid(P_ALL, 0, &si, 0));
    check("getpgid(0)==getpgrp()", getpgid(0) == getpgrp() ? 0 : -1);
    check("getsid(0)", getsid(0) < 0 ? -1 : 0);
    check("close_range(100,200)", syscall(SYS_close_range, 100, 200, 0));
    check("close_range(5,4)", syscall(SYS_close_range, 5, 4, 0));
}

static volatile int alarms;
static void on_alarm(int sig) {
    (void) sig;
    alarms++;
}

/* A blocking read from an empty pipe: without SA_RESTART the alarm makes it fail with EINTR;
 * with SA_RESTART it restarts and returns the byte a second alarm's handler wrote. */
static int pipefd[2];
static void on_alarm_write(int sig) {
    (void) sig;
    alarms++;
    if (alarms == 2) {
        write(pipefd[1], "z", 1);
    } else {
        ualarm(20000, 0);
    }
}

static void pipes(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    pipe(pipefd);
    char c;
    ualarm(20000, 0);
    ssize_t n = read(pipefd[0], &c, 1);
    printf("read without SA_RESTART: %zd %s alarms %d\n", n, n < 0 ? strerror(errno) : "", alarms);
    /* a full pipe: the write blocks until the alarm */
    char big[4096];
    memset(big, 'w', sizeof big);
    int flags = 0;
    long total = 0;
    (void) flags;
    alarms = 0;
    ualarm(50000, 0);
    for (;;) {
        n = write(pipefd[1], big, sizeof big);
        if (n < 0) {
            break;
        }
        total += n;
    }
    printf("write into full pipe: %s after %ld bytes, alarms %d\n", strerror(errno), total, alarms);
    close(pipefd[0]);
    close(pipefd[1]);
    pipe(pipefd);
    sa.sa_handler = on_alarm_write;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    alarms = 0;
    ualarm(20000, 0);
    n = read(pipefd[0], &c, 1);
    printf("read with SA_RESTART: %zd '%c' alarms %d\n", n, n == 1 ? c : '?', alarms);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    ids();
    names();
    pthread_t t;
    pthread_create(&t, NULL, thread_name, NULL);
    pthread_join(t, NULL);
    sched();
    usage();
    pipes();
    printf("done\n");
    return 0;
}
