/* Number conversions: strtol/strtoul/strtoll with every base and their overflow, errno and
 * end-pointer rules; atoi and friends; strtod/strtof/strtold on hard cases, and the round
 * trip of doubles through %.17g and %a. */
#define _GNU_SOURCE
#include "cmix.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void longs(void) {
    static const struct { const char *s; int base; } cases[] = {
        {"0", 10}, {"-0", 10}, {"  +42xyz", 10}, {"0x1A", 16}, {"0x1A", 0}, {"0X", 16}, {"0x", 0},
        {"077", 0}, {"077", 10}, {"08", 0}, {"z", 36}, {"ZZ", 36}, {"101", 2}, {"102", 2},
        {"9223372036854775807", 10}, {"9223372036854775808", 10}, {"-9223372036854775808", 10},
        {"-9223372036854775809", 10}, {"18446744073709551615", 10}, {"18446744073709551616", 10},
        {"-1", 10}, {"", 10}, {"   ", 10}, {"+", 10}, {"-x", 10}, {"7fffffffffffffff", 16},
        {"12", 1}, {"12", 37}, {"\t\n 123", 8}, {"1_000", 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *end;
        errno = 0;
        long l = strtol(cases[i].s, &end, cases[i].base);
        int el = errno;
        ptrdiff_t lpos = end - cases[i].s;
        errno = 0;
        unsigned long ul = strtoul(cases[i].s, &end, cases[i].base);
        int eu = errno;
        ptrdiff_t upos = end - cases[i].s;
        printf("[%s] base %d: strtol %ld end %td errno %d | strtoul %lu end %td errno %d\n",
               cases[i].s, cases[i].base, l, lpos, el, ul, upos, eu);
    }
    errno = 0;
    long long ll = strtoll("-123456789012345678", NULL, 10);
    unsigned long long ull = strtoull("0xFFFFFFFFFFFFFFFF", NULL, 0);
    intmax_t im = strtoimax("-99", NULL, 10);
    uintmax_t um = strtoumax("777", NULL, 8);
    printf("strtoll %lld strtoull %llu strtoimax %jd strtoumax %ju errno %d\n", ll, ull, im, um, errno);
    printf("atoi %d %d %d atol %ld atoll %lld\n", atoi("  -17abc"), atoi("x"), atoi("2147483647"), atol("123456789012"), atoll("-5"));
    char buf[40];
    for (int base = 2; base <= 36; base += 7) {
        unsigned long v = 123456789UL;
        int n = 0;
        char tmp[40];
        do {
            tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
            v /= base;
        } while (v);
        for (int k = 0; k < n; k++) {
            buf[k] = tmp[n - 1 - k];
        }
        buf[n] = 0;
        printf("123456789 in base %d = %s -> back %lu\n", base, buf, strtoul(buf, NULL, base));
    }
}

static void doubles(void) {
    static const char *cases[] = {
        "0", "-0", "1", "0.1", "0.3", "1e23", "8.988465674311579e307", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-400", "1e400", "-1e400", "0x1p-1074", "0x1.fffffffffffffp1023",
        "0x1p1024", "inf", "INF", "-infinity", "nan", "nan(123)", "NAN(abc", "  \t+3.5e+2x",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "9007199254740993", "123456789012345678901234567890", ".e5", "e5", "1e+", "0x", "0x.p1",
        "3.14159265358979323846264338327950288", "1.7976931348623158e308", "1.7976931348623159e308",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *end;
        errno = 0;
        double d = strtod(cases[i], &end);
        int e = errno;
        printf("strtod [%s] = %.17g (%a) end %td errno %d\n", cases[i], d, d, end - cases[i], e);
    }
    errno = 0;
    float f = strtof("3.4028235e38", NULL);
    float f2 = strtof("3.4028236e38", NULL);
    int ef = errno;
    float f3 = strtof("1e-46", NULL);
    printf("strtof %.9g %.9g errno %d tiny %.9g\n", f, f2, ef, f3);
    long double ld = strtold("1.18973149535723176502e+4932", NULL);
    printf("strtold %.21Lg %La\n", ld, ld);
    printf("atof %.17g\n", atof("  -12.5e-1 rest"));
}

static void roundtrip(void) {
    rng_t r;
    rng_seed(&r, 12345);
    int exact17 = 0, exacta = 0, exactg = 0, total = 0;
    uint64_t h = FNV_START;
    char buf[64];
    for (int i = 0; i < 3000; i++) {
        uint64_t bits = rng_next(&r);
        double d;
        memcpy(&d, &bits, sizeof d);
        if (isnan(d)) {
            continue;
        }
        total++;
        snprintf(buf, sizeof buf, "%.17g", d);
        h = fnv1a(h, buf, strlen(buf));
        exact17 += strtod(buf, NULL) == d;
        snprintf(buf, sizeof buf, "%a", d);
        h = fnv1a(h, buf, strlen(buf));
        exacta += strtod(buf, NULL) == d;
        snprintf(buf, sizeof buf, "%.15g", d);
        exactg += strtod(buf, NULL) == d;
    }
    printf("round trips of %d random doubles: %%.17g %d, %%a %d, %%.15g %d, hash %016" PRIx64 "\n",
           total, exact17, exacta, exactg, h);
    rng_seed(&r, 777);
    h = FNV_START;
    for (int i = 0; i < 2000; i++) {
        double d = (rng_unit(&r) - 0.5) * pow(10, (int) rng_below(&r, 40) - 20);
        snprintf(buf, sizeof buf, "%.6e|%.3f|%g", d, d, d);
        h = fnv1a(h, buf, strlen(buf));
        if (i % 400 == 0) {
            printf("sample %s\n", buf);
        }
    }
    printf("decimal formatting hash %016" PRIx64 "\n", h);
    float fv = 0.1f;
    for (int i = 0; i < 5; i++) {
        snprintf(buf, sizeof buf, "%.9g", fv);
        printf("float %s -> %d\n", buf, strtof(buf, NULL) == fv);
        fv = fv * 3.7f + 1e-3f;
    }
}

static void conversions(void) {
    char buf[64];
    printf("ecvt-like %s\n", gcvt(1234.5678, 6, buf));
    int dec, sign;
    char *digits = ecvt(3.14159, 4, &dec, &sign);
    printf("ecvt %s dec %d sign %d\n", digits, dec, sign);
    digits = fcvt(-0.00123, 5, &dec, &sign);
    printf("fcvt %s dec %d sign %d\n", digits, dec, sign);
    div_t dv = div(-7, 2);
    ldiv_t ldv = ldiv(7L, -2L);
    lldiv_t lldv = lldiv(-1000000000000LL, 7LL);
    printf("div %d %d ldiv %ld %ld lldiv %lld %lld\n", dv.quot, dv.rem, ldv.quot, ldv.rem, lldv.quot, lldv.rem);
    printf("abs %d labs %ld llabs %lld imaxabs %jd\n", abs(-5), labs(-6L), llabs(-7LL), imaxabs((intmax_t) -8));
    printf("l64a %s a64l %ld\n", l64a(123456), a64l("./01"));
}

void part_strtod(void) {
    section("strtod");
    longs();
    doubles();
    roundtrip();
    conversions();
}
