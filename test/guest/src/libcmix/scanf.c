/* The scanf family: sscanf with widths, sets, suppression, %n, sizes, floats in every
 * notation, and fscanf over a memory stream; return counts on partial matches and EOF. */
#define _GNU_SOURCE
#include "cmix.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void ints(void) {
    int a = -1, b = -1, c = -1;
    int n = sscanf("12 34 56", "%d %d %d", &a, &b, &c);
    printf("three ints: %d -> %d %d %d\n", n, a, b, c);
    n = sscanf("12,  -34;0x1F", "%d,%d;%x", &a, &b, &c);
    printf("punctuated: %d -> %d %d %d\n", n, a, b, c);
    n = sscanf("0x1F 017 -0", "%i %i %i", &a, &b, &c);
    printf("%%i: %d -> %d %d %d\n", n, a, b, c);
    n = sscanf("123456", "%2d%3d%d", &a, &b, &c);
    printf("widths: %d -> %d %d %d\n", n, a, b, c);
    a = b = c = 0;
    n = sscanf("7 x 9", "%d %d %d", &a, &b, &c);
    printf("mismatch: %d -> %d %d %d\n", n, a, b, c);
    n = sscanf("", "%d", &a);
    printf("empty: %d\n", n);
    n = sscanf("   ", "%d", &a);
    printf("blank: %d\n", n);
    unsigned u;
    long l;
    long long ll;
    unsigned long long ull;
    short sh;
    signed char hh;
    size_t z;
    intmax_t j;
    n = sscanf("4294967295 -9223372036854775807 -9223372036854775808 18446744073709551615 -32768 -128 77 -5",
               "%u %ld %lld %llu %hd %hhd %zu %jd", &u, &l, &ll, &ull, &sh, &hh, &z, &j);
    printf("sizes: %d -> %u %ld %lld %llu %hd %hhd %zu %jd\n", n, u, l, ll, ull, sh, hh, z, j);
    int skipped = 0, after = 0, pos = 0;
    n = sscanf("10 20 30", "%*d %d%n %d", &skipped, &pos, &after);
    printf("suppress and %%n: %d -> %d pos %d %d\n", n, skipped, pos, after);
    unsigned o;
    n = sscanf("777 ff", "%o %x", &o, &u);
    printf("octal hex: %d -> %u %u\n", n, o, u);
}

static void strings(void) {
    char w1[32], w2[32], w3[32];
    int n = sscanf("alpha beta\tgamma\n", "%31s %31s %31s", w1, w2, w3);
    printf("words: %d -> [%s] [%s] [%s]\n", n, w1, w2, w3);
    n = sscanf("key=value;rest", "%31[^=]=%31[^;];%31s", w1, w2, w3);
    printf("sets: %d -> [%s] [%s] [%s]\n", n, w1, w2, w3);
    n = sscanf("abc123def", "%31[a-z]%31[0-9]%31[a-z]", w1, w2, w3);
    printf("ranges: %d -> [%s] [%s] [%s]\n", n, w1, w2, w3);
    n = sscanf("]bracket]x", "%31[]a-z]", w1);
    printf("bracket in set: %d -> [%s]\n", n, w1);
    n = sscanf("abcdefgh", "%3s%3c", w1, w2);
    w2[3] = 0;
    printf("width s/c: %d -> [%s] [%s]\n", n, w1, w2);
    char c1, c2;
    n = sscanf("x y", "%c %c", &c1, &c2);
    printf("chars: %d -> %c %c\n", n, c1, c2);
    n = sscanf("x y", "%c%c", &c1, &c2);
    printf("chars no skip: %d -> [%c] [%c]\n", n, c1, c2);
    char *dyn = NULL;
    n = sscanf("dynamic-allocation here", "%ms", &dyn);
    printf("%%ms: %d -> [%s]\n", n, dyn);
    free(dyn);
    n = sscanf("100%", "%d%%", &n);
    printf("percent literal: %d\n", n);
}

static void floats(void) {
    static const char *inputs[] = {
        "3.14", "-2.5e3", "1e-300", "0x1.8p1", "inf", "-Infinity", "nan", "  +0.000001",
        "1.7976931348623157e308", "4.9e-324", "123abc", ".5", "5.", "-.5e-2", "1e", "0x.8",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        double d = -1;
        char rest[16] = "";
        int pos = -1;
        int n = sscanf(inputs[i], "%lf%n%15s", &d, &pos, rest);
        printf("%%lf [%s] -> %d %.17g pos %d rest [%s]\n", inputs[i], n, d, pos, rest);
    }
    float f;
    long double ld;
    int n = sscanf("1.1 2.000000000000000000001", "%f %Lf", &f, &ld);
    printf("float %.9g long double %.21Lg (%d)\n", f, ld, n);
    double e1, e2;
    n = sscanf("6.0221e23,1.6e-19", "%le,%lg", &e1, &e2);
    printf("e and g: %d -> %g %g\n", n, e1, e2);
}

static void streams(void) {
    char text[] = "# table\nalpha 1 2.5\nbeta 22 -0.125\ngamma 333 1e3\nbroken x\n";
    FILE *f = fmemopen(text, strlen(text), "r");
    char line[64];
    fgets(line, sizeof line, f);
    printf("header: %s", line);
    char name[16];
    int count;
    double value;
    int rows = 0;
    int n;
    while ((n = fscanf(f, "%15s %d %lf", name, &count, &value)) == 3) {
        printf("row %d: %s %d %g\n", ++rows, name, count, value);
    }
    printf("fscanf stopped with %d at [%s]\n", n, name);
    n = fscanf(f, "%15s", name);
    printf("then: %d [%s]\n", n, name);
    n = fscanf(f, "%15s", name);
    printf("at end: %d feof %d\n", n, feof(f) != 0);
    fclose(f);
    char *line2 = NULL;
    size_t cap = 0;
    char multi[] = "one\ntwo two\n\nlast-no-newline";
    f = fmemopen(multi, strlen(multi), "r");
    ssize_t len;
    while ((len = getline(&line2, &cap, f)) >= 0) {
        printf("getline %zd [%.*s]\n", len, (int) (len > 0 && line2[len - 1] == '\n' ? len - 1 : len), line2);
    }
    free(line2);
    fclose(f);
    char csv[] = "a;b;;c";
    f = fmemopen(csv, strlen(csv), "r");
    char *field = NULL;
    cap = 0;
    while ((len = getdelim(&field, &cap, ';', f)) >= 0) {
        printf("getdelim %zd [%s]\n", len, field);
    }
    free(field);
    fclose(f);
}

void part_scanf(void) {
    section("scanf");
    ints();
    strings();
    floats();
    streams();
}
