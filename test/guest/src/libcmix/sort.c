/* qsort and bsearch on ints, doubles, strings and structs with several comparators, checked
 * for order and stability-independent results; lfind/lsearch; a hand-written heap as a check. */
#define _GNU_SOURCE
#include "cmix.h"

#include <inttypes.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int key;
    int serial;
    char name[12];
} record_t;

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) {
    return cmp_int(b, a);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static int cmp_record(const void *a, const void *b) {
    const record_t *x = a, *y = b;
    if (x->key != y->key) {
        return (x->key > y->key) - (x->key < y->key);
    }
    return (x->serial > y->serial) - (x->serial < y->serial);
}

static int cmp_record_name(const void *a, const void *b) {
    const record_t *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : cmp_record(a, b);
}

static int sorted_ints(const int *v, size_t n, int (*cmp)(const void *, const void *)) {
    for (size_t i = 1; i < n; i++) {
        if (cmp(&v[i - 1], &v[i]) > 0) {
            return 0;
        }
    }
    return 1;
}

static void ints(void) {
    rng_t r;
    rng_seed(&r, 42);
    static int v[20000];
    size_t sizes[] = {0, 1, 2, 3, 10, 100, 1000, 20000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        long long sum = 0;
        for (size_t i = 0; i < n; i++) {
            v[i] = (int) rng_below(&r, 1000) - 500;
            sum += v[i];
        }
        qsort(v, n, sizeof *v, cmp_int);
        long long after = 0;
        for (size_t i = 0; i < n; i++) {
            after += v[i];
        }
        int found = 0;
        for (int key = -510; key <= 510; key += 17) {
            found += bsearch(&key, v, n, sizeof *v, cmp_int) != NULL;
        }
        printf("qsort %5zu ints: sorted %d sum kept %d min %d max %d bsearch hits %d hash %016" PRIx64 "\n", n,
               sorted_ints(v, n, cmp_int), sum == after, n ? v[0] : 0, n ? v[n - 1] : 0, found,
               fnv1a(FNV_START, v, n * sizeof *v));
        qsort(v, n, sizeof *v, cmp_int_desc);
        printf("   descending sorted %d\n", sorted_ints(v, n, cmp_int_desc));
    }
    for (size_t i = 0; i < 1000; i++) {
        v[i] = 7;
    }
    qsort(v, 1000, sizeof *v, cmp_int);
    printf("all equal sorted %d\n", sorted_ints(v, 1000, cmp_int));
    for (size_t i = 0; i < 1000; i++) {
        v[i] = (int) (1000 - i);
    }
    qsort(v, 1000, sizeof *v, cmp_int);
    printf("reversed input: first %d last %d\n", v[0], v[999]);
}

static void doubles(void) {
    rng_t r;
    rng_seed(&r, 7);
    double d[500];
    for (int i = 0; i < 500; i++) {
        d[i] = (rng_unit(&r) - 0.5) * 1e6;
    }
    qsort(d, 500, sizeof *d, cmp_double);
    int ok = 1;
    for (int i = 1; i < 500; i++) {
        ok &= d[i - 1] <= d[i];
    }
    printf("doubles sorted %d first %.6f median %.6f last %.6f\n", ok, d[0], d[250], d[499]);
}

static void strings(void) {
    static const char *words[] = {
        "pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape", "kiwi", "lemon",
        "mango", "nectarine", "orange", "papaya", "quince", "raspberry", "strawberry", "tangerine",
        "ugli", "vanilla", "watermelon", "xigua", "yam", "zucchini", "Apple", "apple", "", "a",
    };
    size_t n = sizeof words / sizeof *words;
    const char *sorted[sizeof words / sizeof *words];
    memcpy(sorted, words, sizeof words);
    qsort(sorted, n, sizeof *sorted, cmp_str);
    printf("words:");
    for (size_t i = 0; i < n; i++) {
        printf(" [%s]", sorted[i]);
    }
    printf("\n");
    const char *key = "mango";
    const char **hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
    printf("bsearch mango at %td\n", hit ? hit - sorted : (ptrdiff_t) -1);
    key = "melon";
    hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
    printf("bsearch melon %s\n", hit ? "found" : "absent");
}

static void records(void) {
    rng_t r;
    rng_seed(&r, 99);
    record_t recs[300];
    for (int i = 0; i < 300; i++) {
        recs[i].key = (int) rng_below(&r, 20);
        recs[i].serial = i;
        snprintf(recs[i].name, sizeof recs[i].name, "n%03u", rng_below(&r, 50));
    }
    qsort(recs, 300, sizeof *recs, cmp_record);
    uint64_t h = FNV_START;
    for (int i = 0; i < 300; i++) {
        h = fnv1a(h, &recs[i].serial, sizeof recs[i].serial);
    }
    printf("records by key: first %d/%d last %d/%d order hash %016" PRIx64 "\n", recs[0].key, recs[0].serial,
           recs[299].key, recs[299].serial, h);
    qsort(recs, 300, sizeof *recs, cmp_record_name);
    printf("records by name: %s/%d %s/%d %s/%d\n", recs[0].name, recs[0].serial, recs[150].name,
           recs[150].serial, recs[299].name, recs[299].serial);
    record_t probe = recs[77];
    record_t *found = bsearch(&probe, recs, 300, sizeof *recs, cmp_record_name);
    printf("bsearch record %td\n", found ? found - recs : (ptrdiff_t) -1);
}

static void linear(void) {
    int table[16] = {5, 3, 9};
    size_t n = 3;
    int key = 9;
    int *p = lfind(&key, table, &n, sizeof *table, cmp_int);
    printf("lfind 9 at %td\n", p ? p - table : (ptrdiff_t) -1);
    key = 11;
    p = lsearch(&key, table, &n, sizeof *table, cmp_int);
    printf("lsearch adds 11 at %td, n now %zu\n", p - table, n);
    key = 4;
    p = lfind(&key, table, &n, sizeof *table, cmp_int);
    printf("lfind 4 %s\n", p ? "found" : "absent");
}

static void *tree_root;

static void tree_print(const void *node, VISIT which, int depth) {
    (void) depth;
    if (which == postorder || which == leaf) {
        printf(" %d", **(const int *const *) node);
    }
}

static void trees(void) {
    static int values[] = {50, 30, 70, 20, 40, 60, 80, 30, 65};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        tsearch(&values[i], &tree_root, cmp_int);
    }
    printf("tsearch in order:");
    twalk(tree_root, tree_print);
    printf("\n");
    int key = 60;
    printf("tfind 60 %s\n", tfind(&key, &tree_root, cmp_int) ? "yes" : "no");
    tdelete(&key, &tree_root, cmp_int);
    printf("after tdelete 60 %s\n", tfind(&key, &tree_root, cmp_int) ? "yes" : "no");
    hcreate(64);
    static char keys[20][8];
    for (int i = 0; i < 20; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i * 7);
        ENTRY e = {keys[i], (void *) (intptr_t) (i * i)};
        hsearch(e, ENTER);
    }
    ENTRY q = {"k49", NULL};
    ENTRY *hitp = hsearch(q, FIND);
    printf("hsearch k49 -> %ld\n", hitp ? (long) (intptr_t) hitp->data : -1L);
    q.key = "k50";
    printf("hsearch k50 -> %s\n", hsearch(q, FIND) ? "found" : "absent");
    hdestroy();
}

void part_sort(void) {
    section("sort");
    ints();
    doubles();
    strings();
    records();
    linear();
    trees();
}
