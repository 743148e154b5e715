/* pthreads, atomics and a mutex: exercises the A extension and glibc's locking code. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long counter;
static long locked;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < 10000; i++) {
        atomic_fetch_add(&counter, id);
        pthread_mutex_lock(&lock);
        locked += 1;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, (void *)(i + 1));
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("counter %ld locked %ld\n", (long)atomic_load(&counter), locked);
    return 0;
}
