/*
 * Signals sent to emu's host process reach the guest's handlers: prints "ready", then waits in
 * pause() and reports each SIGINT and SIGTERM it gets; exits 0 after one of each. The test
 * that runs it (SignalsRunTest) sends SIGINT after "ready" and SIGTERM after the first report.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t last, count;

static void on_signal(int sig) {
    last = sig;
    count++;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("ready\n");
    int seen = 0;
    while (seen < 2) {
        pause();
        while (seen < count) {
            seen++;
            printf("got %s\n", last == SIGINT ? "SIGINT" : last == SIGTERM ? "SIGTERM" : "?");
        }
    }
    return 0;
}
