/* libm: elementary functions over a grid of arguments printed with %.17g, the special values
 * (infinities, NaN, signed zeros), rounding functions in each mode, frexp/ldexp/modf, and
 * classification. */
#define _GNU_SOURCE
#include "cmix.h"

#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef double (*fn1)(double);

static void unary(void) {
    static const struct { const char *name; fn1 f; } fns[] = {
        {"sin", sin}, {"cos", cos}, {"tan", tan}, {"asin", asin}, {"acos", acos}, {"atan", atan},
        {"sinh", sinh}, {"cosh", cosh}, {"tanh", tanh}, {"asinh", asinh}, {"acosh", acosh}, {"atanh", atanh},
        {"exp", exp}, {"exp2", exp2}, {"expm1", expm1}, {"log", log}, {"log2", log2}, {"log10", log10},
        {"log1p", log1p}, {"sqrt", sqrt}, {"cbrt", cbrt}, {"erf", erf}, {"erfc", erfc}, {"tgamma", tgamma},
        {"lgamma", lgamma}, {"ceil", ceil}, {"floor", floor}, {"round", round}, {"trunc", trunc}, {"rint", rint},
        {"fabs", fabs}, {"logb", logb}, {"j0", j0}, {"y0", y0},
    };
    static const double args[] = {-2.5, -1.0, -0.5, -0.0, 0.0, 1e-8, 0.5, 0.75, 1.0, 1.5, 2.0, 3.14159, 10.0, 100.5, 710.0};
    for (size_t k = 0; k < sizeof fns / sizeof *fns; k++) {
        uint64_t h = FNV_START;
        for (size_t i = 0; i < sizeof args / sizeof *args; i++) {
            double r = fns[k].f(args[i]);
            char buf[40];
            snprintf(buf, sizeof buf, "%.17g", r);
            h = fnv1a(h, buf, strlen(buf));
        }
        printf("%-6s(0.5) = %.17g (1.5) = %.17g (10) = %.17g grid %016" PRIx64 "\n", fns[k].name, fns[k].f(0.5),
               fns[k].f(1.5), fns[k].f(10.0), h);
    }
}

static void binary(void) {
    printf("pow %.17g %.17g %.17g %.17g %.17g\n", pow(2, 0.5), pow(-8, 1.0 / 3), pow(10, -3), pow(0, -1), pow(-1, INFINITY));
    printf("atan2 %.17g %.17g %.17g %.17g\n", atan2(1, 1), atan2(-0.0, -1), atan2(0.0, -1), atan2(-1, 0));
    printf("hypot %.17g fmod %.17g %.17g remainder %.17g %.17g\n", hypot(3e200, 4e200), fmod(10, 3), fmod(-10, 3),
           remainder(10, 3), remainder(11, 2));
    printf("fmin %g fmax %g fdim %g copysign %g nextafter %.17g %a\n", fmin(NAN, 2), fmax(-0.0, 0.0), fdim(2, 5),
           copysign(3, -0.0), nextafter(1, 2), nextafter(0, -1));
    printf("fma %.17g scalbn %g ldexp %g\n", fma(0.1, 10, -1), scalbn(1, 1023), ldexp(0.75, -1074));
    int e;
    double m = frexp(1000.0, &e);
    double ip;
    double fp = modf(-3.75, &ip);
    printf("frexp %.17g %d modf %.17g %.17g ilogb %d\n", m, e, fp, ip, ilogb(1e-310));
    int quo;
    double rq = remquo(29, 3, &quo);
    printf("remquo %.17g quo %d\n", rq, quo);
    double s, c;
    sincos(1.0, &s, &c);
    printf("sincos %.17g %.17g\n", s, c);
    printf("float versions: %.9g %.9g %.9g %.9g\n", sinf(1.0f), expf(1.0f), logf(10.0f), powf(2.0f, 0.5f));
    printf("long double: %.21Lg %.21Lg\n", sqrtl(2.0L), expl(1.0L));
}

static void special(void) {
    double vals[] = {INFINITY, -INFINITY, NAN, 0.0, -0.0, DBL_MIN / 4, DBL_MAX, 1.0};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        double v = vals[i];
        printf("%-10g class %d finite %d inf %d nan %d normal %d signbit %d | sqrt %g log %g exp %g 1/x %g\n", v,
               fpclassify(v), isfinite(v), isinf(v), isnan(v), isnormal(v), signbit(v) != 0, sqrt(v), log(v), exp(v),
               1.0 / v);
    }
}

static void rounding(void) {
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    static const char *names[] = {"nearest", "down", "up", "zero"};
    static const double vals[] = {2.5, -2.5, 3.5, 1.4999999, -0.5, 7.000001};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        printf("%-8s", names[m]);
        for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
            printf(" rint(%g)=%g nearbyint=%g lrint=%ld", vals[i], rint(vals[i]), nearbyint(vals[i]), lrint(vals[i]));
        }
        volatile double third = 1.0;
        third /= 3.0;
        printf(" 1/3=%.17g\n", third);
    }
    fesetround(FE_TONEAREST);
    printf("lround %ld %ld llround %lld round %g %g\n", lround(2.5), lround(-2.5), llround(1e15 + 0.5), round(0.5), round(-0.5));
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0;
    volatile double r = 1.0 / z;
    (void) r;
    printf("divbyzero raised %d\n", fetestexcept(FE_DIVBYZERO) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(-z - 1.0);
    printf("invalid raised %d\n", fetestexcept(FE_INVALID) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = DBL_MAX * 2.0;
    printf("overflow raised %d inexact %d\n", fetestexcept(FE_OVERFLOW) != 0, fetestexcept(FE_INEXACT) != 0);
}

static void series(void) {
    double sum = 0;
    for (int k = 1; k <= 100000; k++) {
        sum += 1.0 / ((double) k * k);
    }
    printf("basel sum %.17g vs pi^2/6 %.17g\n", sum, M_PI * M_PI / 6);
    double x = 0.5;
    for (int i = 0; i < 1000; i++) {
        x = 3.7 * x * (1 - x);
    }
    printf("logistic map after 1000 steps %.17g\n", x);
    float fs = 0;
    for (int i = 0; i < 10000; i++) {
        fs += 0.1f;
    }
    printf("float sum of 0.1 x 10000 = %.9g\n", fs);
}

void part_math(void) {
    section("math");
    unary();
    binary();
    special();
    rounding();
    series();
}
