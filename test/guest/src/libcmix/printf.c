/* The printf family: flags, widths, precisions, every conversion, the sizes (hh, h, l, ll, j,
 * z, t, L), %n, positional arguments, snprintf truncation, asprintf, vsnprintf. */
#define _GNU_SOURCE
#include "cmix.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *int_formats[] = {
    "%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%.3d", "%8.3d", "%-8.3d|", "%.0d",
    "%x", "%X", "%#x", "%#X", "%#o", "%o", "%08x", "%#08x", "%-#10x|", "%u", "%+.4d", "%i",
};

static const int int_values[] = {0, 1, -1, 7, 42, -42, 255, 1000, -99999, INT_MAX, INT_MIN, 0x7f00ff};

static void ints(void) {
    uint64_t h = FNV_START;
    char buf[128];
    for (size_t f = 0; f < sizeof int_formats / sizeof *int_formats; f++) {
        printf("%-8s", int_formats[f]);
        for (size_t v = 0; v < sizeof int_values / sizeof *int_values; v++) {
            int n = snprintf(buf, sizeof buf, int_formats[f], int_values[v]);
            h = fnv1a(h, buf, (size_t) n);
            if (v < 6) {
                printf(" [%s]", buf);
            }
        }
        printf("\n");
    }
    printf("int formats hash %016" PRIx64 "\n", h);
}

static void sizes(void) {
    signed char sc = -5;
    unsigned char uc = 250;
    short s = -12345;
    unsigned short us = 65000;
    long l = -1234567890123L;
    unsigned long ul = 18446744073709551615UL;
    long long ll = LLONG_MIN;
    unsigned long long ull = ULLONG_MAX;
    intmax_t im = INTMAX_MAX;
    size_t z = (size_t) -1;
    ptrdiff_t pd = -(ptrdiff_t) 4096;
    printf("hhd %hhd hhu %hhu hd %hd hu %hu\n", sc, uc, s, us);
    printf("hhd of 300: %hhd, hd of 70000: %hd\n", 300, 70000);
    printf("ld %ld lu %lu lx %lx\n", l, ul, ul);
    printf("lld %lld llu %llu llo %llo\n", ll, ull, ull);
    printf("jd %jd zu %zu zd %zd td %td\n", im, z, (ssize_t) -3, pd);
    printf("PRId64 %" PRId64 " PRIu32 %" PRIu32 " PRIx16 %" PRIx16 "\n", (int64_t) -77, (uint32_t) 4000000000u, (uint16_t) 0xbeef);
    printf("%zx %#zo %5zu|%-5zu|\n", (size_t) 48879, (size_t) 8, (size_t) 12, (size_t) 12);
}

static const char *float_formats[] = {
    "%f", "%.0f", "%.1f", "%.10f", "%12.4f", "%-12.4f|", "%+f", "% f", "%012.3f", "%#.0f",
    "%e", "%.0e", "%.3e", "%E", "%+.2e", "%15.6e", "%#.0e",
    "%g", "%.0g", "%.1g", "%.3g", "%.10g", "%.17g", "%#g", "%#.3g", "%G", "%-10g|", "%010g",
    "%a", "%A", "%.0a", "%.3a", "%.13a", "%#a",
};

static const double float_values[] = {
    0.0, -0.0, 1.0, -1.5, 0.1, 2.0 / 3.0, 123456.789, 1e-5, 1e-10, 9.9999999e22, 1e300, -2.5e-300,
    0.5, 1.5, 2.5, 3.5, 1e15, 1e16, 1e17, 5e-324, DBL_MAX, DBL_MIN, 3.141592653589793, 999.9995,
};

static void floats(void) {
    char buf[512];
    uint64_t h = FNV_START;
    for (size_t f = 0; f < sizeof float_formats / sizeof *float_formats; f++) {
        printf("%-9s", float_formats[f]);
        for (size_t v = 0; v < sizeof float_values / sizeof *float_values; v++) {
            int n = snprintf(buf, sizeof buf, float_formats[f], float_values[v]);
            h = fnv1a(h, buf, (size_t) n);
            if (v >= 2 && v < 7) {
                printf(" [%s]", buf);
            }
        }
        printf("\n");
    }
    printf("float formats hash %016" PRIx64 "\n", h);
    printf("inf %f %e %g %a %F %E %G %A\n", INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY, INFINITY, -INFINITY, INFINITY);
    printf("nan %f %5.2f|%-6e|%G\n", NAN, NAN, NAN, NAN);
    printf("rounding: %.2f %.2f %.2f %.2f %.1f %.1f\n", 0.125, 0.135, 2.675, 1.005, 0.25, 0.35);
    printf("banker? %.0f %.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5, -1.5);
    long double ld = 1.0L / 3.0L;
    printf("Lf %.20Lf Le %Le Lg %.25Lg La %La\n", ld, ld, ld, ld);
    printf("float promoted %f %g\n", 1.1f, 16777217.0f);
    printf("large %.0f\n", 1e100);
    printf("DBL_MAX %.17e\n", DBL_MAX);
    printf("denormal %.17g %a\n", 4.9406564584124654e-324, 4.9406564584124654e-324);
}

static void strings_chars(void) {
    printf("[%s] [%10s] [%-10s] [%.3s] [%10.3s] [%-10.3s]\n", "hello", "hello", "hello", "hello", "hello", "hello");
    printf("[%c] [%3c] [%-3c] [%%]\n", 'x', 'y', 'z');
    printf("[%s]\n", "");
    printf("[%*d] [%-*d] [%.*f] [%*.*e]\n", 6, 42, 6, 42, 3, 3.14159, 12, 2, 31415.9);
    printf("[%*d] negative width\n", -6, 42);
    printf("[%.*d] negative precision\n", -1, 42);
    printf("%2$s %1$s %3$d\n", "world", "hello", 3);
    printf("%1$d %1$x %1$o %1$#x\n", 255);
    int n1 = 0, n2 = 0;
    long ln = 0;
    signed char hn = 0;
    printf("abc%ndefgh%n\n", &n1, &n2);
    printf("count %d %d\n", n1, n2);
    printf("%s%ln%hhn\n", "0123456789", &ln, &hn);
    printf("ln %ld hhn %d\n", ln, hn);
    printf("%p %p\n", (void *) 0, (void *) 0x1000);
    errno = ENOENT;
    printf("%m (errno %d)\n", errno);
}

static int vwrap(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void snprintfs(void) {
    char buf[16];
    memset(buf, '#', sizeof buf);
    int n = snprintf(buf, 8, "%s", "abcdefghijklmnop");
    printf("snprintf truncates: %d [%s] byte8 %c\n", n, buf, buf[8]);
    n = snprintf(NULL, 0, "%d-%s-%f", 12345, "xyz", 2.5);
    printf("snprintf(NULL,0) = %d\n", n);
    n = snprintf(buf, 1, "abc");
    printf("size 1: %d [%s]\n", n, buf);
    n = vwrap(buf, sizeof buf, "%05.1f|%x", 3.14159, 0xabc);
    printf("vsnprintf: %d [%s]\n", n, buf);
    char *s = NULL;
    n = asprintf(&s, "%s %d %.3e", "asprintf", -7, 6.02214076e23);
    printf("asprintf: %d [%s]\n", n, s);
    free(s);
    char big[5000];
    n = snprintf(big, sizeof big, "%4000d|%s", 1, "end");
    printf("wide field: %d tail [%s]\n", n, big + 3995);
    FILE *m = fmemopen(big, sizeof big, "w");
    fprintf(m, "%s:%d:%g", "fmem", 99, 0.001);
    fclose(m);
    printf("fmemopen: [%s]\n", big);
    char *dyn = NULL;
    size_t dlen = 0;
    m = open_memstream(&dyn, &dlen);
    for (int i = 0; i < 100; i++) {
        fprintf(m, "%d,", i * i);
    }
    fclose(m);
    printf("open_memstream: %zu bytes hash %016" PRIx64 "\n", dlen, fnv1a(FNV_START, dyn, dlen));
    free(dyn);
    dprintf(1, "dprintf to fd 1: %s\n", "ok");
}

static void puts_family(void) {
    fflush(stdout);
    puts("puts line");
    fputs("fputs no newline|", stdout);
    putchar('\n');
    fputc('A', stdout);
    putc('B', stdout);
    fputc('\n', stdout);
    fwrite("fwrite 12345\n", 1, 13, stdout);
    printf("%s\n", "printf %s");
}

void part_printf(void) {
    section("printf");
    ints();
    sizes();
    floats();
    strings_chars();
    snprintfs();
    puts_family();
}
