/* Floating point in single and double precision, with libm: exercises the F and D tables. */
#include <math.h>
#include <stdio.h>

int main(void) {
    double acc = 0;
    float facc = 0;
    for (int i = 1; i <= 1000; i++) {
        acc += sqrt((double)i) / (1.0 + i * 0.5);
        facc += sinf((float)i * 0.01f) * cosf((float)i * 0.02f);
    }
    printf("%.10f %.6f %.6e %ld\n", acc, (double)facc, exp(acc / 100), lround(acc * 1000));
    printf("%a %g %d\n", fma(1.0 / 3, 3.0, -1.0), hypot(3.0, 4.0), (int)floorf(-2.5f));
    return 0;
}
