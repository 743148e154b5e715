/* Multiplies two dense N x N matrices of doubles twice, with the cache-friendly i-k-j loop and
 * with a 32 x 32 blocked loop, and checks the two products agree (they add in the same order,
 * so bit for bit). Loads, stores and fused multiply-adds (gcc contracts a*b+c to fmadd.d).
 * Argument: N (default 450). Prints the sum, the trace and one element of the product. */
#include <stdio.h>
#include <string.h>
#include "common.h"

#define BLOCK 32

static void multiply_ikj(const double *a, const double *b, double *c, int n) {
    memset(c, 0, sizeof(double) * n * n);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    }
}

/* Blocks over i and j only, keeping k ascending, so every c[i][j] sums its terms in the same
 * order as multiply_ikj. */
static void multiply_blocked(const double *a, const double *b, double *c, int n) {
    memset(c, 0, sizeof(double) * n * n);
    for (int ii = 0; ii < n; ii += BLOCK) {
        int i_end = ii + BLOCK < n ? ii + BLOCK : n;
        for (int jj = 0; jj < n; jj += BLOCK) {
            int j_end = jj + BLOCK < n ? jj + BLOCK : n;
            for (int k = 0; k < n; k++) {
                for (int i = ii; i < i_end; i++) {
                    double aik = a[i * n + k];
                    for (int j = jj; j < j_end; j++) c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
    }
}

int main(int argc, char **argv) {
    int n = (int)bench_size(argc, argv, 450, "matrix dimension N");
    size_t cells = (size_t)n * n;
    double *a = bench_alloc(cells * sizeof(double)), *b = bench_alloc(cells * sizeof(double));
    double *c1 = bench_alloc(cells * sizeof(double)), *c2 = bench_alloc(cells * sizeof(double));
    for (size_t i = 0; i < cells; i++) {
        /* Values in [-1, 1) with 53 random bits: every rounding step matters to the result. */
        a[i] = (double)(int64_t)bench_rand() / 9223372036854775808.0;
        b[i] = (double)(int64_t)bench_rand() / 9223372036854775808.0;
    }
    multiply_ikj(a, b, c1, n);
    multiply_blocked(a, b, c2, n);
    if (memcmp(c1, c2, cells * sizeof(double)) != 0) {
        printf("blocked product differs from the plain one\n");
        return 1;
    }
    double sum = 0, trace = 0;
    for (size_t i = 0; i < cells; i++) sum += c1[i];
    for (int i = 0; i < n; i++) trace += c1[i * n + i];
    printf("matmul %d x %d\nsum %.17g\ntrace %.17g\nc[n/2][n/3] %.17g\n", n, n, sum, trace,
           c1[(n / 2) * n + n / 3]);
    return 0;
}
