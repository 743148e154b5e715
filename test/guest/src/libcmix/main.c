#define _GNU_SOURCE
#include "cmix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void rng_seed(rng_t *r, uint64_t seed) {
    r->s = seed ? seed : 0x9E3779B97F4A7C15ULL;
}

uint64_t rng_next(rng_t *r) {
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

uint32_t rng_below(rng_t *r, uint32_t n) {
    return (uint32_t) (rng_next(r) % n);
}

double rng_unit(rng_t *r) {
    return (rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void section(const char *name) {
    printf("\n== %s ==\n", name);
}

static int run_part(const char *only, const char *name) {
    return only == NULL || strcmp(only, name) == 0;
}

int main(int argc, char **argv) {
    const char *only = argc > 1 ? argv[1] : NULL;
    setenv("TZ", "UTC0", 1);
    tzset();
    char dir[] = "/tmp/libcmix.XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    printf("libcmix: a libc workout\n");
    if (run_part(only, "printf")) part_printf();
    if (run_part(only, "scanf")) part_scanf();
    if (run_part(only, "strtod")) part_strtod();
    if (run_part(only, "sort")) part_sort();
    if (run_part(only, "malloc")) part_malloc();
    if (run_part(only, "time")) part_time();
    if (run_part(only, "files")) part_files(dir);
    if (run_part(only, "dirs")) part_dirs(dir);
    if (run_part(only, "strings")) part_strings();
    if (run_part(only, "ctype")) part_ctype();
    if (run_part(only, "math")) part_math();
    if (run_part(only, "jmp")) part_jmp();
    if (run_part(only, "getopt")) part_getopt();
    if (run_part(only, "wide")) part_wide();
    if (run_part(only, "misc")) part_misc();
    if (rmdir(dir) != 0) {
        perror("rmdir");
        return 3;
    }
    printf("\nlibcmix: done\n");
    return 0;
}
