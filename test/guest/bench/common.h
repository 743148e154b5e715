/* Shared by the benchmark programs: a deterministic generator and argument parsing.
 *
 * Every benchmark fills its input from this generator instead of reading files or the clock,
 * so emu and qemu-riscv64 must print byte-identical output for the same size argument. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* xorshift64*: fast, full period, and good enough to make data that defeats branch patterns. */
static uint64_t bench_rng_state = 0x9E3779B97F4A7C15ULL;

static inline uint64_t bench_rand(void) {
    bench_rng_state ^= bench_rng_state >> 12;
    bench_rng_state ^= bench_rng_state << 25;
    bench_rng_state ^= bench_rng_state >> 27;
    return bench_rng_state * 0x2545F4914F6CDD1DULL;
}

/* The size argument (argv[1]) or the default; a positive integer, else exit 2 with usage. */
static inline long bench_size(int argc, char **argv, long default_size, const char *meaning) {
    if (argc < 2) return default_size;
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*end != '\0' || n <= 0) {
        fprintf(stderr, "usage: %s [%s, default %ld]\n", argv[0], meaning, default_size);
        exit(2);
    }
    return n;
}

static inline void *bench_alloc(size_t bytes) {
    void *p = malloc(bytes);
    if (p == NULL) {
        fprintf(stderr, "out of memory allocating %zu bytes\n", bytes);
        exit(3);
    }
    return p;
}

#endif
