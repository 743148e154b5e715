/* libcmix: a larger libc workout for emu's tests. Each part prints deterministic lines that
 * must be byte for byte what the same binary prints under qemu-riscv64 (and on hardware). */
#ifndef CMIX_H
#define CMIX_H

#include <stddef.h>
#include <stdint.h>

/* A small deterministic PRNG (xorshift64*), so runs are reproducible everywhere. */
typedef struct { uint64_t s; } rng_t;
void rng_seed(rng_t *r, uint64_t seed);
uint64_t rng_next(rng_t *r);
uint32_t rng_below(rng_t *r, uint32_t n);
double rng_unit(rng_t *r);

/* FNV-1a over bytes, to print one number for a lot of output. */
uint64_t fnv1a(uint64_t h, const void *p, size_t n);
#define FNV_START 1469598103934665603ULL

void section(const char *name);

void part_printf(void);
void part_scanf(void);
void part_strtod(void);
void part_sort(void);
void part_malloc(void);
void part_time(void);
void part_files(const char *dir);
void part_dirs(const char *dir);
void part_strings(void);
void part_ctype(void);
void part_math(void);
void part_jmp(void);
void part_getopt(void);
void part_wide(void);
void part_misc(void);

#endif
