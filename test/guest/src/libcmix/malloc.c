/* malloc, calloc, realloc and free under pressure: thousands of blocks of random sizes (some
 * large enough for mmap), each filled with a pattern checked before it is freed or grown;
 * aligned allocation; and a linked structure built and torn down. Prints counts and
 * checksums only, never addresses. */
#define _GNU_SOURCE
#include "cmix.h"

#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2048

typedef struct {
    unsigned char *p;
    size_t size;
    unsigned char seed;
} block_t;

static void fill(block_t *b) {
    for (size_t i = 0; i < b->size; i++) {
        b->p[i] = (unsigned char) (b->seed + i * 31);
    }
}

static int intact(const block_t *b, size_t upto) {
    for (size_t i = 0; i < upto; i++) {
        if (b->p[i] != (unsigned char) (b->seed + i * 31)) {
            return 0;
        }
    }
    return 1;
}

static size_t random_size(rng_t *r) {
    uint32_t kind = rng_below(r, 100);
    if (kind < 60) {
        return 1 + rng_below(r, 64);
    }
    if (kind < 90) {
        return 64 + rng_below(r, 4096);
    }
    if (kind < 99) {
        return 4096 + rng_below(r, 60000);
    }
    return 200000 + rng_below(r, 300000); /* above the mmap threshold */
}

static void pressure(void) {
    static block_t slots[SLOTS];
    rng_t r;
    rng_seed(&r, 2024);
    long allocs = 0, frees = 0, reallocs = 0, callocs = 0, bad = 0;
    size_t live_bytes = 0, peak = 0;
    uint64_t h = FNV_START;
    for (int step = 0; step < 20000; step++) {
        block_t *b = &slots[rng_below(&r, SLOTS)];
        uint32_t op = rng_below(&r, 10);
        if (b->p == NULL) {
            b->size = random_size(&r);
            b->seed = (unsigned char) rng_next(&r);
            if (op < 3) {
                b->p = calloc(1, b->size);
                callocs++;
                for (size_t i = 0; i < b->size; i++) {
                    bad += b->p[i] != 0;
                }
            } else {
                b->p = malloc(b->size);
                allocs++;
            }
            fill(b);
            live_bytes += b->size;
        } else if (op < 4) {
            size_t old = b->size;
            size_t next = random_size(&r);
            unsigned char *np = realloc(b->p, next);
            if (np == NULL) {
                bad++;
                continue;
            }
            b->p = np;
            bad += !intact(b, old < next ? old : next);
            b->size = next;
            fill(b);
            live_bytes = live_bytes - old + next;
            reallocs++;
        } else {
            bad += !intact(b, b->size);
            h = fnv1a(h, b->p, b->size < 32 ? b->size : 32);
            free(b->p);
            b->p = NULL;
            live_bytes -= b->size;
            frees++;
        }
        if (live_bytes > peak) {
            peak = live_bytes;
        }
    }
    size_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p) {
            bad += !intact(&slots[i], slots[i].size);
            free(slots[i].p);
            slots[i].p = NULL;
            live++;
        }
    }
    printf("malloc %ld calloc %ld realloc %ld free %ld, %zu left at the end, peak %zu bytes, corrupt %ld\n",
           allocs, callocs, reallocs, frees, live, peak, bad);
    printf("contents hash %016" PRIx64 "\n", h);
}

static void alignment(void) {
    int ok = 1;
    for (size_t align = 8; align <= 65536; align *= 4) {
        void *p = NULL;
        int rc = posix_memalign(&p, align, 100);
        ok &= rc == 0 && ((uintptr_t) p % align) == 0;
        free(p);
        p = aligned_alloc(align, align * 2);
        ok &= p != NULL && ((uintptr_t) p % align) == 0;
        free(p);
        p = memalign(align, 33);
        ok &= p != NULL && ((uintptr_t) p % align) == 0;
        free(p);
    }
    void *p = NULL;
    printf("aligned allocations ok %d, posix_memalign(3) = %d\n", ok, posix_memalign(&p, 3, 10));
    void *m = malloc(10);
    printf("malloc(10) usable >= 10: %d, 16-byte aligned: %d\n", malloc_usable_size(m) >= 10, ((uintptr_t) m & 15) == 0);
    free(m);
    void *z = malloc(0);
    printf("malloc(0) non-null %d\n", z != NULL);
    free(z);
    void *huge = malloc((size_t) 1 << 62);
    printf("huge malloc null %d\n", huge == NULL);
    void *c = calloc((size_t) 1 << 40, (size_t) 1 << 40);
    printf("overflowing calloc null %d\n", c == NULL);
    void *r = realloc(NULL, 50);
    printf("realloc(NULL) non-null %d\n", r != NULL);
    r = reallocarray(r, 10, 20);
    printf("reallocarray non-null %d\n", r != NULL);
    free(r);
}

typedef struct node {
    struct node *next;
    int value;
    char text[20];
} node_t;

static void lists(void) {
    node_t *head = NULL;
    for (int i = 0; i < 10000; i++) {
        node_t *n = malloc(sizeof *n);
        n->value = i * 3;
        snprintf(n->text, sizeof n->text, "item-%d", i);
        n->next = head;
        head = n;
    }
    long sum = 0;
    int count = 0;
    node_t **pp = &head;
    while (*pp) {
        node_t *n = *pp;
        if (n->value % 2 == 0) {
            *pp = n->next;
            free(n);
        } else {
            sum += n->value;
            count++;
            pp = &n->next;
        }
    }
    printf("list kept %d nodes sum %ld first %s\n", count, sum, head->text);
    while (head) {
        node_t *n = head->next;
        free(head);
        head = n;
    }
    char *s = strdup("duplicate me");
    char *t = strndup("truncated copy", 9);
    printf("strdup [%s] strndup [%s]\n", s, t);
    free(s);
    free(t);
}

void part_malloc(void) {
    section("malloc");
    pressure();
    alignment();
    lists();
}
