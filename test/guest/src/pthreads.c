/*
 * Eight threads exercising what glibc's pthreads and the A extension offer: a start gate
 * (mutex + condition broadcast), thread-local storage, a barrier between phases, C11 atomics
 * (fetch_add, compare-exchange, a relaxed spin wait, an atomic_flag spinlock), and a bounded
 * producer/consumer queue on two condition variables. Every line printed is deterministic.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 8
#define ITEMS 4000
#define QUEUE 4
#define SPINS 3000

static __thread long tls_sum;
static __thread int tls_id = -1;

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_open = PTHREAD_COND_INITIALIZER;
static int go;

static pthread_barrier_t barrier;
static long slots[THREADS];
static long neighbour_sum[THREADS];

static atomic_long fetch_added;
static atomic_long maximum;
static atomic_int ready_flag;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static long spin_protected;

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_not_full = PTHREAD_COND_INITIALIZER;
static long queue[QUEUE];
static int q_head, q_count;
static long consumed_total;
static int consumed_items;

static void wait_for_gate(void) {
    pthread_mutex_lock(&gate_lock);
    while (!go) pthread_cond_wait(&gate_open, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
}

static void atomic_max(long v) {
    long cur = atomic_load(&maximum);
    while (cur < v && !atomic_compare_exchange_weak(&maximum, &cur, v)) {
    }
}

static long take(void) {
    pthread_mutex_lock(&q_lock);
    while (q_count == 0) pthread_cond_wait(&q_not_empty, &q_lock);
    long v = queue[q_head];
    q_head = (q_head + 1) % QUEUE;
    q_count--;
    pthread_cond_signal(&q_not_full);
    pthread_mutex_unlock(&q_lock);
    return v;
}

static void put(long v) {
    pthread_mutex_lock(&q_lock);
    while (q_count == QUEUE) pthread_cond_wait(&q_not_full, &q_lock);
    queue[(q_head + q_count) % QUEUE] = v;
    q_count++;
    pthread_cond_signal(&q_not_empty);
    pthread_mutex_unlock(&q_lock);
}

static void *worker(void *arg) {
    int id = (int)(long)arg;
    tls_id = id;
    wait_for_gate();

    /* Phase 1: private work in TLS, published in a slot. */
    for (long i = 1; i <= 1000; i++) tls_sum += i * (id + 1);
    slots[id] = tls_sum;
    pthread_barrier_wait(&barrier);

    /* Phase 2: every slot is visible after the barrier. */
    neighbour_sum[id] = slots[(id + 1) % THREADS] + slots[(id + THREADS - 1) % THREADS];
    for (int i = 0; i < 5000; i++) {
        atomic_fetch_add(&fetch_added, id + 1);
        atomic_max((long)id * 1000 + i % 1000);
    }
    for (int i = 0; i < SPINS; i++) {
        while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire)) {
        }
        spin_protected++;
        atomic_flag_clear_explicit(&spin, memory_order_release);
    }
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
        atomic_store_explicit(&ready_flag, 1, memory_order_relaxed);
    }

    /* Phase 3: a relaxed spin wait, then consume until the -1 sentinel. */
    while (atomic_load_explicit(&ready_flag, memory_order_relaxed) != 2) {
    }
    long mine = 0;
    int count = 0;
    for (long v; (v = take()) >= 0; count++) mine += v;
    pthread_mutex_lock(&q_lock);
    consumed_total += mine;
    consumed_items += count;
    pthread_mutex_unlock(&q_lock);
    return (void *)(tls_sum + (tls_id == id ? 0 : 1000000));
}

int main(void) {
    pthread_t t[THREADS];
    pthread_barrier_init(&barrier, NULL, THREADS);
    tls_sum = -5;
    for (long i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    pthread_mutex_lock(&gate_lock);
    go = 1;
    pthread_cond_broadcast(&gate_open);
    pthread_mutex_unlock(&gate_lock);

    while (atomic_load_explicit(&ready_flag, memory_order_relaxed) != 1) {
    }
    atomic_store_explicit(&ready_flag, 2, memory_order_relaxed);
    for (long v = 1; v <= ITEMS; v++) put(v);
    for (int i = 0; i < THREADS; i++) put(-1);

    long tls_total = 0;
    int tls_ok = 1;
    for (int i = 0; i < THREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        tls_total += (long)ret;
        tls_ok &= (long)ret == 500500L * (i + 1);
    }
    long neighbours = 0;
    for (int i = 0; i < THREADS; i++) neighbours += neighbour_sum[i];
    pthread_barrier_destroy(&barrier);

    printf("tls total %ld, per-thread %s, main's tls %ld\n", tls_total, tls_ok ? "ok" : "WRONG", tls_sum);
    printf("barrier neighbours %ld\n", neighbours);
    printf("fetch_add %ld, max %ld\n", (long)atomic_load(&fetch_added), (long)atomic_load(&maximum));
    printf("spinlock %ld of %d\n", spin_protected, THREADS * SPINS);
    printf("queue %d items, sum %ld\n", consumed_items, consumed_total);
    return 0;
}
