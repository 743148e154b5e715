/*
 * Signal delivery as Linux does it on riscv64: handlers for faults (SIGSEGV with siglongjmp,
 * si_addr and si_code), a handler that changes a register through the ucontext and returns,
 * raise/kill with SA_SIGINFO (si_signo, si_code, si_pid), blocking and unblocking, sigpending,
 * sigtimedwait, SA_RESETHAND, SA_NODEFER, SA_ONSTACK on an alternate stack, setitimer with
 * pause() and sigsuspend(), a nanosleep cut short (EINTR), SA_RESTART. Prints only what is
 * the same on every run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <time.h>
#include <unistd.h>

static sigjmp_buf recover;
static volatile uintptr_t fault_addr;
static volatile int fault_code;
static volatile int fault_signo;

static void on_segv(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    fault_signo = sig;
    fault_code = info->si_code;
    fault_addr = (uintptr_t) info->si_addr;
    siglongjmp(recover, 1);
}

static void faults(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    long page = sysconf(_SC_PAGESIZE);
    char *buf = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(buf + 2 * page, page);
    mprotect(buf + page, page, PROT_READ);
    volatile char *p;
    for (int round = 0; round < 3; round++) {
        if (sigsetjmp(recover, 1) == 0) {
            p = round == 0 ? buf + 2 * page + 123 : round == 1 ? buf + page + 45 : buf + 7;
            *p = 1; /* faults in rounds 0 and 1 */
            printf("round %d: no fault\n", round);
        } else {
            printf("round %d: signal %d code %s at buf+%ld\n", round, fault_signo,
                   fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "?",
                   (long) (fault_addr - (uintptr_t) buf));
        }
    }
    /* a read of address 0 too, and the mask is back after siglongjmp */
    if (sigsetjmp(recover, 1) == 0) {
        printf("%d\n", *(volatile int *) (uintptr_t) 16);
    } else {
        sigset_t now;
        sigprocmask(SIG_BLOCK, NULL, &now);
        printf("null read: signal %d at %ld, SIGSEGV blocked after siglongjmp: %d\n", fault_signo,
               (long) fault_addr, sigismember(&now, SIGSEGV));
    }
    signal(SIGSEGV, SIG_DFL);
}

static void on_trap(int sig, siginfo_t *info, void *ctx) {
    ucontext_t *uc = ctx;
    printf("SIGTRAP: signo %d code %d, pc is si_addr: %d\n", sig, info->si_code,
           uc->uc_mcontext.__gregs[REG_PC] == (unsigned long) info->si_addr);
    uc->uc_mcontext.__gregs[REG_A0] = 42;        /* seen by the interrupted code */
    uc->uc_mcontext.__gregs[REG_PC] += 4;        /* past the ebreak */
}

static void change_register(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    long a0;
    __asm__ volatile(".option push\n.option norvc\nli a0, 1\nebreak\nmv %0, a0\n.option pop" : "=r"(a0) : : "a0");
    printf("a0 after the handler: %ld\n", a0);
}

static volatile int got_signo, got_code, got_pid_ok, got_count;

static void on_info(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    got_signo = sig;
    got_code = info->si_code;
    got_pid_ok = info->si_pid == getpid() && info->si_uid == getuid();
    got_count++;
}

static const char *code_name(int code) {
    return code == SI_USER ? "SI_USER" : code == SI_TKILL ? "SI_TKILL" : code == SI_KERNEL ? "SI_KERNEL"
         : code == SI_QUEUE ? "SI_QUEUE" : "?";
}

static void sending(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("raise: signo %d code %s sender ok %d count %d\n", got_signo, code_name(got_code), got_pid_ok, got_count);
    kill(getpid(), SIGUSR1);
    printf("kill: signo %d code %s sender ok %d count %d\n", got_signo, code_name(got_code), got_pid_ok, got_count);
    union sigval v = {.sival_int = 7};
    sigqueue(getpid(), SIGUSR1, v);
    printf("sigqueue: code %s count %d\n", code_name(got_code), got_count);

    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1); /* merged with the first: standard signals do not queue */
    sigpending(&pending);
    printf("blocked: count %d, pending %d\n", got_count, sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: count %d\n", got_count);

    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR1);
    siginfo_t info;
    struct timespec zero = {0, 0};
    int s = sigtimedwait(&set, &info, &zero);
    printf("sigtimedwait: %d code %s count %d\n", s, code_name(info.si_code), got_count);
    errno = 0;
    s = sigtimedwait(&set, &info, &zero);
    printf("sigtimedwait again: %d %s\n", s, errno == EAGAIN ? "EAGAIN" : "?");
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static volatile int usr2_depth, usr2_max, usr2_count;

static void on_usr2(int sig) {
    (void) sig;
    usr2_count++;
    if (++usr2_depth > usr2_max) {
        usr2_max = usr2_depth;
    }
    if (usr2_count < 3) {
        raise(SIGUSR2); /* nested only with SA_NODEFER */
    }
    usr2_depth--;
}

static void flags(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("deferred: count %d depth %d\n", usr2_count, usr2_max);
    usr2_count = usr2_max = 0;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_NODEFER: count %d depth %d\n", usr2_count, usr2_max);
    usr2_count = 5;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    sigaction(SIGUSR2, NULL, &old);
    printf("SA_RESETHAND: count %d, now default %d\n", usr2_count, old.sa_handler == SIG_DFL);
}

static char altstack[65536];
static volatile int on_alt;

static void on_alt_handler(int sig) {
    (void) sig;
    char here;
    stack_t now;
    sigaltstack(NULL, &now);
    on_alt = &here >= altstack && &here < altstack + sizeof altstack && (now.ss_flags & SS_ONSTACK);
}

static void alternate_stack(void) {
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    stack_t after;
    sigaltstack(NULL, &after);
    printf("SA_ONSTACK: ran on the alternate stack %d, flags after %d\n", on_alt, after.ss_flags);
    sa.sa_flags = 0;
    on_alt = -1;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("without SA_ONSTACK: %d\n", on_alt);
}

static volatile int alarms;

static void on_alarm(int sig) {
    (void) sig;
    alarms++;
}

static void timers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    printf("alarm(5): %u, alarm(0): %u\n", alarm(5), alarm(0));

    struct itimerval it = {.it_value = {0, 20000}}, left;
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &left);
    printf("getitimer: armed %d\n", left.it_value.tv_sec == 0 && left.it_value.tv_usec > 0 && left.it_value.tv_usec <= 20000);
    int r = pause();
    printf("pause: %d %s, alarms %d\n", r, errno == EINTR ? "EINTR" : "?", alarms);

    sigset_t block, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    it.it_interval.tv_usec = 10000;
    it.it_value.tv_usec = 10000;
    setitimer(ITIMER_REAL, &it, NULL);
    sigemptyset(&wait_mask);
    while (alarms < 4) {
        sigsuspend(&wait_mask);
    }
    struct itimerval off = {0};
    setitimer(ITIMER_REAL, &off, NULL);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: alarms %d, SIGALRM blocked again %d\n", alarms, sigismember(&now, SIGALRM));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    alarms = 0;

    /* a long sleep cut short by a timer: EINTR with the time left */
    it.it_interval.tv_usec = 0;
    it.it_value.tv_usec = 20000;
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec req = {5, 0}, rem = {0, 0};
    r = nanosleep(&req, &rem);
    printf("nanosleep: %d %s, alarms %d, time left %d\n", r, errno == EINTR ? "EINTR" : "?", alarms,
           rem.tv_sec >= 3 && rem.tv_sec < 5);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    faults();
    change_register();
    sending();
    flags();
    alternate_stack();
    timers();
    printf("done\n");
    return 0;
}
