/*
 * How threads end a process. "group": a thread calls exit(3) while main waits in pthread_join
 * on a thread blocked forever in a condition wait, and another spins forever: the whole process
 * must end with status 3. "main": main calls pthread_exit; the process lives on until its last
 * thread returns, and ends with status 0.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static atomic_int started;
static volatile unsigned long spins;

static void *blocked(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    atomic_fetch_add(&started, 1);
    for (;;) pthread_cond_wait(&never, &lock);
    return NULL;
}

static void *spinner(void *arg) {
    (void)arg;
    atomic_fetch_add(&started, 1);
    for (;;) spins++;
    return NULL;
}

static void *exiter(void *arg) {
    (void)arg;
    while (atomic_load(&started) < 2) {
    }
    printf("exiter: exit(3)\n");
    fflush(stdout);
    exit(3);
}

static void *survivor(void *arg) {
    (void)arg;
    usleep(20000);
    printf("survivor: main is gone, returning\n");
    return NULL;
}

int main(int argc, char **argv) {
    pthread_t t[3];
    if (argc > 1 && strcmp(argv[1], "main") == 0) {
        pthread_create(&t[0], NULL, survivor, NULL);
        printf("main: pthread_exit\n");
        fflush(stdout);
        pthread_exit(NULL);
    }
    pthread_create(&t[0], NULL, blocked, NULL);
    pthread_create(&t[1], NULL, spinner, NULL);
    pthread_create(&t[2], NULL, exiter, NULL);
    pthread_join(t[0], NULL);
    printf("main: not reached\n");
    return 0;
}
