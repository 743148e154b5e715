/*
 * abort(): the SIGABRT it raises is first caught (the handler returns, so abort resets the
 * action and raises it again), then kills the process: exit status 134 as a shell sees it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_abort(int sig) {
    printf("handler: signal %d\n", sig);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGABRT, on_abort);
    printf("aborting\n");
    abort();
    printf("still here\n");
    return 0;
}
