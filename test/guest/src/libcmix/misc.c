/* setjmp/longjmp (nested, across frames, with sigsetjmp), getopt and getopt_long over built
 * argument vectors, wide characters in the C locale, and assorted stdlib: the environment,
 * glibc's deterministic rand/random, atexit order, bit tricks, and the uname machine. */
#define _GNU_SOURCE
#include "cmix.h"

#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <wchar.h>
#include <wctype.h>

static jmp_buf outer;
static int depth_reached;

static void dive(int depth) {
    depth_reached = depth;
    if (depth == 25) {
        longjmp(outer, depth * 2);
    }
    dive(depth + 1);
}

static int nested(void) {
    jmp_buf inner;
    volatile int stage = 0;
    int v = setjmp(inner);
    stage++;
    if (v == 0) {
        longjmp(inner, 0); /* 0 becomes 1 */
    }
    return v * 100 + stage;
}

static sigjmp_buf sigbuf;

static void on_usr1(int sig) {
    siglongjmp(sigbuf, sig);
}

void part_jmp(void) {
    section("setjmp");
    volatile int counter = 0;
    int v = setjmp(outer);
    counter++;
    if (v == 0) {
        dive(0);
    }
    printf("longjmp from depth %d returned %d, counter %d\n", depth_reached, v, counter);
    printf("nested longjmp(0): %d\n", nested());
    signal(SIGUSR1, on_usr1);
    sigset_t set;
    int s = sigsetjmp(sigbuf, 1);
    if (s == 0) {
        raise(SIGUSR1);
        printf("not reached\n");
    }
    sigprocmask(SIG_SETMASK, NULL, &set);
    printf("siglongjmp from handler: %d, SIGUSR1 blocked after: %d\n", s, sigismember(&set, SIGUSR1));
    signal(SIGUSR1, SIG_DFL);
}

static void run_getopt(int argc, char **argv) {
    optind = 0;
    opterr = 0;
    int c;
    printf("getopt:");
    while ((c = getopt(argc, argv, "ab:c::vx")) != -1) {
        switch (c) {
            case 'b':
                printf(" b=%s", optarg);
                break;
            case 'c':
                printf(" c=%s", optarg ? optarg : "(none)");
                break;
            case '?':
                printf(" ?%c", optopt);
                break;
            default:
                printf(" %c", c);
        }
    }
    printf(" | operands:");
    for (int i = optind; i < argc; i++) {
        printf(" %s", argv[i]);
    }
    printf("\n");
}

void part_getopt(void) {
    section("getopt");
    char *v1[] = {"prog", "-a", "-b", "value", "-cinline", "-vx", "file1", "--", "-a", NULL};
    run_getopt(9, v1);
    char *v2[] = {"prog", "file", "-b5", "-q", "-c", "other", NULL};
    run_getopt(6, v2);
    char *v3[] = {"prog", "-b", NULL};
    run_getopt(2, v3);
    static const struct option longs[] = {
        {"verbose", no_argument, NULL, 'v'}, {"level", required_argument, NULL, 'l'},
        {"color", optional_argument, NULL, 'C'}, {"dry-run", no_argument, NULL, 1000}, {NULL, 0, NULL, 0},
    };
    char *v4[] = {"prog", "--verbose", "--level=3", "--color", "--lev", "9", "--dry", "-v", "--colour", "x", NULL};
    optind = 0;
    opterr = 0;
    int c, index;
    printf("getopt_long:");
    while ((c = getopt_long(10, v4, "vl:C::", longs, &index)) != -1) {
        if (c == '?') {
            printf(" ?");
        } else {
            printf(" %d[%s]", c, optarg ? optarg : "");
        }
    }
    printf(" rest %d\n", optind);
}

void part_wide(void) {
    section("wide");
    const wchar_t *w = L"Wide characters: 12345";
    printf("wcslen %zu\n", wcslen(w));
    wchar_t buf[64];
    swprintf(buf, 64, L"%ls|%d|%5.2f|%lc", L"fmt", 42, 3.14159, L'Z');
    char narrow[128];
    wcstombs(narrow, buf, sizeof narrow);
    printf("swprintf -> %s\n", narrow);
    wchar_t *end;
    long v = wcstol(L"  -789xyz", &end, 10);
    double d = wcstod(L"2.5e3rest", NULL);
    printf("wcstol %ld rest %lc wcstod %g\n", v, (wint_t) *end, d);
    printf("wcscmp %d wcschr %td wcsstr %td\n", wcscmp(L"abc", L"abd") < 0, wcschr(w, L':') - w, wcsstr(w, L"123") - w);
    wchar_t copy[64];
    wcscpy(copy, L"upper");
    for (wchar_t *p = copy; *p; p++) {
        *p = (wchar_t) towupper((wint_t) *p);
    }
    wcstombs(narrow, copy, sizeof narrow);
    printf("towupper %s iswalpha %d iswdigit %d\n", narrow, iswalpha(L'q') != 0, iswdigit(L'7') != 0);
    size_t n = mbstowcs(buf, "multibyte", 64);
    printf("mbstowcs %zu last %lc\n", n, (wint_t) buf[n - 1]);
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    size_t k = mbrtowc(&wc, "A", 1, &st);
    printf("mbrtowc %zu %lc MB_CUR_MAX %zu\n", k, (wint_t) wc, MB_CUR_MAX);
    printf("wide printf: %ls %S\n", L"wide", L"S");
}

static int exit_order[4];
static int exit_count;

static void at1(void) {
    exit_order[exit_count++] = 1;
    printf("atexit handlers ran in order:");
    for (int i = 0; i < exit_count; i++) {
        printf(" %d", exit_order[i]);
    }
    printf("\n");
}

static void at2(void) {
    exit_order[exit_count++] = 2;
}

void part_misc(void) {
    section("misc");
    setenv("CMIX_VAR", "first", 1);
    setenv("CMIX_VAR", "second", 0);
    printf("getenv %s\n", getenv("CMIX_VAR"));
    putenv("CMIX_OTHER=put");
    printf("putenv %s\n", getenv("CMIX_OTHER"));
    unsetenv("CMIX_VAR");
    printf("after unsetenv %s\n", getenv("CMIX_VAR") ? "set" : "(null)");
    srand(12345);
    printf("rand:");
    for (int i = 0; i < 5; i++) {
        printf(" %d", rand());
    }
    printf("\n");
    srandom(99);
    printf("random:");
    for (int i = 0; i < 5; i++) {
        printf(" %ld", random());
    }
    printf("\n");
    unsigned short seed48v[3] = {1, 2, 3};
    seed48(seed48v);
    printf("lrand48 %ld drand48 %.17g\n", lrand48(), drand48());
    struct random_data rd;
    char state[64];
    memset(&rd, 0, sizeof rd);
    initstate_r(7, state, sizeof state, &rd);
    int32_t rr;
    random_r(&rd, &rr);
    printf("random_r %d\n", rr);
    printf("popcount %d clz %d ctz %d bswap %08x\n", __builtin_popcountll(0xF0F0F0F0F0ULL), __builtin_clzll(1ULL << 40),
           __builtin_ctzll(1ULL << 40), __builtin_bswap32(0x11223344));
    struct utsname u;
    uname(&u);
    printf("uname sysname %s machine %s\n", u.sysname, u.machine);
    char *r = realpath("/", NULL);
    printf("realpath / = %s\n", r);
    free(r);
    printf("INT_MAX %d LONG_MAX %ld sizeof long %zu pointer %zu long double %zu\n", INT_MAX, LONG_MAX, sizeof(long),
           sizeof(void *), sizeof(long double));
    atexit(at1);
    atexit(at2);
}
