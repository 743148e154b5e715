/* Sorts N pseudo-random 32-bit ints three ways and checks the results agree: an in-place
 * quicksort (data-dependent branches, recursion), a top-down mergesort (sequential loads and
 * stores) and libc's qsort (an indirect call per comparison).
 * Argument: N (default 2000000). Prints min, max, median and a position-weighted checksum. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

static void insertion_sort(int32_t *v, long n) {
    for (long i = 1; i < n; i++) {
        int32_t key = v[i];
        long j = i - 1;
        while (j >= 0 && v[j] > key) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

static inline void swap(int32_t *x, int32_t *y) {
    int32_t t = *x;
    *x = *y;
    *y = t;
}

/* Hoare partition around a median of three; recurses into the smaller side so the stack stays
 * logarithmic. */
static void quicksort(int32_t *v, long n) {
    while (n > 16) {
        long mid = n / 2;
        if (v[mid] < v[0]) swap(&v[mid], &v[0]);
        if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
        if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
        int32_t pivot = v[mid];
        long i = -1, j = n;
        for (;;) {
            do i++; while (v[i] < pivot);
            do j--; while (v[j] > pivot);
            if (i >= j) break;
            swap(&v[i], &v[j]);
        }
        long left = j + 1;
        if (left < n - left) {
            quicksort(v, left);
            v += left;
            n -= left;
        } else {
            quicksort(v + left, n - left);
            n = left;
        }
    }
    insertion_sort(v, n);
}

static void merge_sort(int32_t *v, int32_t *scratch, long n) {
    if (n <= 16) {
        insertion_sort(v, n);
        return;
    }
    long half = n / 2;
    merge_sort(v, scratch, half);
    merge_sort(v + half, scratch, n - half);
    long i = 0, j = half, k = 0;
    while (i < half && j < n) scratch[k++] = v[j] < v[i] ? v[j++] : v[i++];
    while (i < half) scratch[k++] = v[i++];
    while (j < n) scratch[k++] = v[j++];
    memcpy(v, scratch, n * sizeof(int32_t));
}

static int compare_int32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 2000000, "number of ints");
    int32_t *by_quick = bench_alloc(n * sizeof(int32_t)), *by_merge = bench_alloc(n * sizeof(int32_t));
    int32_t *by_qsort = bench_alloc(n * sizeof(int32_t)), *scratch = bench_alloc(n * sizeof(int32_t));
    for (long i = 0; i < n; i++) {
        by_quick[i] = by_merge[i] = by_qsort[i] = (int32_t)(bench_rand() >> 32);
    }
    quicksort(by_quick, n);
    merge_sort(by_merge, scratch, n);
    qsort(by_qsort, n, sizeof(int32_t), compare_int32);

    uint64_t checksum = 0;
    for (long i = 0; i < n; i++) {
        if (by_quick[i] != by_merge[i] || by_quick[i] != by_qsort[i] || (i > 0 && by_quick[i - 1] > by_quick[i])) {
            printf("sorts disagree or are unsorted at index %ld\n", i);
            return 1;
        }
        checksum = checksum * 31 + (uint32_t)by_quick[i];
    }
    printf("sort %ld ints\nmin %d max %d median %d\nchecksum %016llx\n", n, by_quick[0], by_quick[n - 1],
           by_quick[n / 2], (unsigned long long)checksum);
    return 0;
}
