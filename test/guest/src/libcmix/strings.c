/* string.h and ctype.h: copying, comparing, searching, tokenising, memory functions on
 * overlapping and unaligned buffers, and the character classes of all 256 values. */
#define _GNU_SOURCE
#include "cmix.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

size_t strlcpy_like(char *dst, const char *src, size_t size);

static void copying(void) {
    char buf[64];
    strcpy(buf, "hello");
    strcat(buf, ", world");
    printf("strcpy/strcat [%s] len %zu\n", buf, strlen(buf));
    strncpy(buf, "abc", 6);
    printf("strncpy pads: %d %d %d [%s]\n", buf[3], buf[4], buf[5], buf);
    strncat(buf, "defghij", 3);
    printf("strncat [%s]\n", buf);
    char *end = stpcpy(buf, "stp");
    end = stpcpy(end, "cpy");
    printf("stpcpy [%s] end offset %td\n", buf, end - buf);
    printf("strnlen %zu %zu\n", strnlen("abcdef", 3), strnlen("ab", 10));
    size_t n = strlcpy_like(buf, "truncate-me", 5);
    (void) n;
}

size_t strlcpy_like(char *dst, const char *src, size_t size) {
    size_t len = strlen(src);
    if (size) {
        size_t k = len < size - 1 ? len : size - 1;
        memcpy(dst, src, k);
        dst[k] = 0;
    }
    printf("bounded copy [%s] of %zu\n", dst, len);
    return len;
}

static int sign(int v) {
    return (v > 0) - (v < 0);
}

/* The string with bytes outside printable ASCII as \xNN, so the output stays ASCII. */
static const char *shown(const char *s, char *buf, size_t size) {
    size_t n = 0;
    for (; *s && n + 5 < size; s++) {
        unsigned char c = (unsigned char) *s;
        n += (size_t) snprintf(buf + n, size - n, c >= 32 && c < 127 ? "%c" : "\\x%02x", c);
    }
    buf[n] = 0;
    return buf;
}

static void comparing(void) {
    char sa[64], sb[64];
    static const char *pairs[][2] = {
        {"abc", "abd"}, {"abc", "abc"}, {"abc", "ab"}, {"", "a"}, {"ABC", "abc"}, {"a\xff", "a\x01"},
        {"Hello", "hello"}, {"item10", "item9"}, {"file1.txt", "file01.txt"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        const char *a = pairs[i][0], *b = pairs[i][1];
        printf("cmp [%s] [%s]: strcmp %d strncmp2 %d strcasecmp %d strncasecmp2 %d memcmp %d strverscmp %d strcoll %d\n",
               shown(a, sa, sizeof sa), shown(b, sb, sizeof sb), sign(strcmp(a, b)), sign(strncmp(a, b, 2)), sign(strcasecmp(a, b)), sign(strncasecmp(a, b, 2)),
               sign(memcmp(a, b, strlen(a) < strlen(b) ? strlen(a) + 1 : strlen(b) + 1)), sign(strverscmp(a, b)),
               sign(strcoll(a, b)));
    }
}

static void searching(void) {
    const char *s = "the quick brown fox jumps over the lazy dog";
    printf("strchr o %td strrchr o %td strchr z %td memchr q %td memrchr t %td\n", strchr(s, 'o') - s,
           strrchr(s, 'o') - s, strchr(s, 'z') - s, (const char *) memchr(s, 'q', strlen(s)) - s,
           (const char *) memrchr(s, 't', strlen(s)) - s);
    printf("strchr nul %td, strchr missing %s\n", strchr(s, 0) - s, strchr(s, '!') ? "found" : "NULL");
    printf("strstr the %td, strstr lazy %td, strstr none %s, strcasestr QUICK %td\n", strstr(s, "the") - s,
           strstr(s, "lazy") - s, strstr(s, "cat") ? "found" : "NULL", strcasestr(s, "QUICK") - s);
    printf("strspn %zu strcspn %zu strpbrk %td\n", strspn(s, "the "), strcspn(s, "xyz"), strpbrk(s, "aeiou") - s);
    printf("memmem %td rawmemchr %td\n", (const char *) memmem(s, strlen(s), "fox", 3) - s,
           (const char *) rawmemchr(s, 'j') - s);
    printf("index %td rindex %td\n", index(s, 'k') - s, rindex(s, 'e') - s);
}

static void tokens(void) {
    char text[] = "alpha, beta;;gamma ,delta,,";
    printf("strtok:");
    for (char *t = strtok(text, ",; "); t; t = strtok(NULL, ",; ")) {
        printf(" [%s]", t);
    }
    printf("\n");
    char text2[] = "k1=v1&k2=v2&&k3";
    char *save;
    printf("strtok_r:");
    for (char *t = strtok_r(text2, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(t, '=');
        printf(" (%.*s:%s)", eq ? (int) (eq - t) : (int) strlen(t), t, eq ? eq + 1 : "-");
    }
    printf("\n");
    char text3[] = "a,,b,c";
    char *p = text3;
    printf("strsep:");
    for (char *t; (t = strsep(&p, ",")) != NULL;) {
        printf(" [%s]", t);
    }
    printf("\n");
    printf("basename-like %s\n", strrchr("/usr/lib/libc.so.6", '/') + 1);
}

static void memory(void) {
    unsigned char buf[300];
    for (int i = 0; i < 300; i++) {
        buf[i] = (unsigned char) i;
    }
    memmove(buf + 10, buf, 100);
    printf("memmove forward overlap: %d %d %d\n", buf[10], buf[50], buf[109]);
    memmove(buf, buf + 5, 100);
    printf("memmove backward overlap: %d %d %d\n", buf[0], buf[5], buf[99]);
    uint64_t h = FNV_START;
    unsigned char src[257], dst[300];
    for (int i = 0; i < 257; i++) {
        src[i] = (unsigned char) (i * 13 + 1);
    }
    for (int off = 0; off < 8; off++) {
        for (int len = 0; len < 70; len += 3) {
            memset(dst, 0xEE, sizeof dst);
            memcpy(dst + off, src + (7 - off), (size_t) len);
            h = fnv1a(h, dst, 90);
        }
    }
    printf("unaligned memcpy hash %016" PRIx64 "\n", h);
    memset(buf, 'z', 37);
    buf[37] = 0;
    printf("memset [%s] %zu\n", (char *) buf, strlen((char *) buf));
    void *e = mempcpy(dst, "xyz", 3);
    printf("mempcpy offset %td\n", (unsigned char *) e - dst);
    char sw[9] = "abcdefgh";
    swab(sw, sw, 8);
    printf("swab [%s]\n", sw);
    printf("ffs %d %d %d ffsl %d\n", ffs(0), ffs(1), ffs(0x80), ffsl(1L << 40));
    explicit_bzero(dst, 10);
    printf("bzero %d\n", dst[9]);
}

static void errors(void) {
    for (int e = 0; e <= 40; e += 4) {
        printf("strerror(%d) = %s\n", e, strerror(e));
    }
    char buf[64];
    char *msg = strerror_r(2, buf, sizeof buf);
    printf("strerror_r %s\n", msg);
    printf("strsignal(11) %s, strsignal(9) %s\n", strsignal(11), strsignal(9));
}

void part_strings(void) {
    section("strings");
    copying();
    comparing();
    searching();
    tokens();
    memory();
    errors();
}

void part_ctype(void) {
    section("ctype");
    static const struct { const char *name; int (*f)(int); } classes[] = {
        {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl}, {"digit", isdigit},
        {"graph", isgraph}, {"lower", islower}, {"print", isprint}, {"punct", ispunct}, {"space", isspace},
        {"upper", isupper}, {"xdigit", isxdigit},
    };
    for (size_t k = 0; k < sizeof classes / sizeof *classes; k++) {
        int count = 0;
        uint64_t h = FNV_START;
        for (int c = -1; c < 256; c++) {
            int yes = classes[k].f(c) != 0;
            count += yes;
            unsigned char b = (unsigned char) yes;
            h = fnv1a(h, &b, 1);
        }
        printf("is%-6s %3d members hash %016" PRIx64 "\n", classes[k].name, count, h);
    }
    char word[] = "MiXeD cAsE 123 !?";
    for (char *p = word; *p; p++) {
        *p = (char) toupper((unsigned char) *p);
    }
    printf("toupper [%s]\n", word);
    for (char *p = word; *p; p++) {
        *p = (char) tolower((unsigned char) *p);
    }
    printf("tolower [%s] toupper(EOF) %d isascii(200) %d toascii(200) %d\n", word, toupper(EOF), isascii(200), toascii(200));
}
