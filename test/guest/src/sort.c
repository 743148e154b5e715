/* Sorts pseudo-random numbers three ways and checks they agree: loops, calls, memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ULL;

static unsigned long long next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static int cmp(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void insertion(long *v, int n) {
    for (int i = 1; i < n; i++) {
        long key = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > key) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

static void merge_sort(long *v, long *tmp, int n) {
    if (n < 2) return;
    int h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof(long));
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    long *a = malloc(n * sizeof(long)), *b = malloc(n * sizeof(long));
    long *c = malloc(n * sizeof(long)), *t = malloc(n * sizeof(long));
    for (int i = 0; i < n; i++) a[i] = b[i] = c[i] = (long)(next() % 1000000) - 500000;
    qsort(a, n, sizeof(long), cmp);
    insertion(b, n);
    merge_sort(c, t, n);
    long sum = 0;
    for (int i = 0; i < n; i++) {
        if (a[i] != b[i] || a[i] != c[i]) {
            printf("mismatch at %d\n", i);
            return 1;
        }
        sum += a[i] * (i % 7);
    }
    printf("sorted %d numbers, min %ld max %ld checksum %ld\n", n, a[0], a[n - 1], sum);
    return 0;
}
